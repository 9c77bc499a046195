package dev.pergola.persistence.internal.query;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "query_test_widgets")
public class Widget {
    @Id
    public String id;
    public String name;
    @Column(name = "widget_size")
    public int size;
    @Column(name = "created_at")
    public Timestamp createdAt;
    public boolean active;

    public Widget() {
    }

    Widget(String id, String name, int size, Timestamp createdAt, boolean active) {
        this.id = id;
        this.name = name;
        this.size = size;
        this.createdAt = createdAt;
        this.active = active;
    }
}

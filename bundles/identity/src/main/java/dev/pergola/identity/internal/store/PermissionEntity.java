package dev.pergola.identity.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_permissions")
public class PermissionEntity {
    @Id
    public String name;
    public String description;
    /** {@code core}, or the symbolic name of the bundle whose manifest declares it. */
    public String source;
    @Column(name = "created_at")
    public Timestamp createdAt;

    @Override
    public boolean equals(Object o) {
        return o instanceof PermissionEntity other && name != null && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name == null ? 0 : name.hashCode();
    }
}

package dev.pergola.identity.internal.store;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.JoinTable;
import javax.persistence.ManyToMany;
import javax.persistence.Table;

@Entity
@Table(name = "pergola_roles")
public class RoleEntity {
    @Id
    public String id;
    public String name;
    public String description;
    @Column(name = "is_system")
    public boolean system;
    @Column(name = "created_at")
    public Timestamp createdAt;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "pergola_role_permissions", joinColumns = @JoinColumn(name = "role_id"),
            inverseJoinColumns = @JoinColumn(name = "permission_name"))
    public Set<PermissionEntity> permissions = new HashSet<>();

    @Override
    public boolean equals(Object o) {
        return o instanceof RoleEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}

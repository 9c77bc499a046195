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
@Table(name = "pergola_users")
public class UserEntity {
    @Id
    public String id;
    public String username;
    public String email;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String bio;
    public String locale;
    public String timezone;
    public String status;
    @Column(name = "created_at")
    public Timestamp createdAt;
    @Column(name = "updated_at")
    public Timestamp updatedAt;
    @Column(name = "last_login_at")
    public Timestamp lastLoginAt;
    @Column(name = "deleted_at")
    public Timestamp deletedAt;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "pergola_user_roles", joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    public Set<RoleEntity> roles = new HashSet<>();

    public boolean isActive() {
        return "active".equals(status) && deletedAt == null;
    }
}

package dev.pergola.plugins.internal.store;

import java.sql.Timestamp;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One row of the plugin registry: the plugin's identity, its artifact, and the state it should be in. */
@Entity
@Table(name = "pergola_plugins")
public class PluginEntity {
    @Id
    public String slug;
    @Column(name = "symbolic_name")
    public String symbolicName;
    public String version;
    public String name;
    public String description;
    public String vendor;
    public String checksum;
    @Column(name = "artifact_size")
    public long size;
    public boolean enabled;
    /** The last state an operation or the reconciler observed (the live state is computed on read). */
    public String state;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "previous_version")
    public String previousVersion;
    @Column(name = "previous_checksum")
    public String previousChecksum;
    @Column(name = "installed_at")
    public Timestamp installedAt;
    @Column(name = "installed_by")
    public String installedBy;
    @Column(name = "updated_at")
    public Timestamp updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}

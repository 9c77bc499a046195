package dev.pergola.plugins.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.plugins", name = "Pergola plugins",
        description = "How plugins are installed and started.")
public @interface PluginsConfig {
    @AttributeDefinition(name = "Largest upload (bytes)", description = "Larger plugin uploads are refused with 413.")
    long upload_max_bytes() default 52_428_800L;

    @AttributeDefinition(name = "Most entries in an archive",
            description = "A plugin jar or .kar with more entries (a .kar: its bundles' entries included) is refused with 422.")
    int archive_max_entries() default 20_000;

    @AttributeDefinition(name = "Most bytes an archive may inflate to",
            description = "A plugin jar or .kar whose entries inflate to more (a zip bomb) is refused with 413.")
    long archive_max_inflated_bytes() default 268_435_456L;

    @AttributeDefinition(name = "URL schemes allowed for install",
            description = "Plugins may be installed from URLs with these schemes. Supported: mvn (plain coordinates,"
                    + " resolved from the repositories in etc/org.ops4j.pax.url.mvn.cfg) and file (any file the server"
                    + " can read: opt-in). Other schemes are ignored.")
    String[] url_schemes() default {"mvn"};

    @AttributeDefinition(name = "Deploy folder",
            description = "Where discovery looks for plugin jars; empty means the distribution's deploy/ folder.")
    String deploy_dir() default "";

    @AttributeDefinition(name = "Require signed plugins",
            description = "Refuse plugins whose jars are not signed (every entry) by a trusted signer.")
    boolean signature_required() default false;

    @AttributeDefinition(name = "Trusted signers (PEM file)",
            description = "Certificates of trusted plugin signers; empty means etc/pergola-plugin-signers.pem.")
    String signature_signers() default "";

    @AttributeDefinition(name = "Start settle time (ms)",
            description = "How long enabling waits for the plugin's components to come up before declaring success.")
    long start_settle_ms() default 3000;

    @AttributeDefinition(name = "Start timeout (seconds)",
            description = "A plugin whose start takes longer is marked failed (\"did not start within N s\"), stopped as soon as"
                    + " its start returns, and not started again at boot until someone enables it again.")
    int start_timeout_seconds() default 30;
}

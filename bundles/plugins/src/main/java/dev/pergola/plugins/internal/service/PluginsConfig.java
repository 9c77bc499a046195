package dev.pergola.plugins.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "dev.pergola.plugins", name = "Pergola plugins",
        description = "How plugins are installed and started.")
public @interface PluginsConfig {
    @AttributeDefinition(name = "Largest upload (bytes)", description = "Larger plugin uploads are refused with 413.")
    long upload_max_bytes() default 52_428_800L;

    @AttributeDefinition(name = "URL schemes allowed for install",
            description = "Plugins may be installed from URLs with these schemes (e.g. mvn, file, https).")
    String[] url_schemes() default {"mvn", "file"};

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
}

package dev.pergola.persistence.internal.secret;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.security.SecretBox;

/**
 * The installation's {@link SecretBox}: AES-256-GCM with the key in {@code data/security/data-protection.key}
 * (generated at first start, folder 0700, file 0600), never in the database it protects.
 */
@Component(service = SecretBox.class, configurationPid = "dev.pergola.secrets",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SecretBoxConfig.class)
public class FileKeySecretBox implements SecretBox {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeySecretBox.class);
    static final String ENV = "PERGOLA_SECRET_KEY_FILE";
    static final String DEFAULT_FILE = "data-protection.key";

    private final AesGcmBox box;

    @Activate
    public FileKeySecretBox(SecretBoxConfig config) throws IOException {
        Path file = keyFile(config.key_file(), System.getenv(), Paths.get(System.getProperty("karaf.data", "data")));
        try {
            this.box = new AesGcmBox(KeyFile.loadOrCreate(file));
        } catch (IOException e) {
            throw new IOException("Cannot read or create the data-protection key " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Data-protection key {} (id {})", file, box.keyIdHex());
    }

    static Path keyFile(String configured, Map<String, String> env, Path dataDir) {
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) {
            return Paths.get(override.trim());
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return dataDir.resolve("security").resolve(DEFAULT_FILE);
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return box.seal(plaintext, associatedData);
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
        return box.open(sealed, associatedData);
    }
}

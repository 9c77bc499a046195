package dev.pergola.plugins.internal.artifact;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.rest.ApiException;
import jdk.security.jarsigner.JarSigner;

/** Real signatures: keys made by the JDK's keytool, jars signed with the JDK's JarSigner API. */
public class SignatureCheckTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static KeyStore.PrivateKeyEntry trusted;
    private static KeyStore.PrivateKeyEntry stranger;

    @BeforeClass
    public static void keys() throws Exception {
        trusted = key("CN=Trusted Plugins");
        stranger = key("CN=Somebody Else");
    }

    @Test
    public void acceptsOnlyJarsSignedByATrustedSignerAndUntampered() throws Exception {
        SignatureCheck check = new SignatureCheck(List.of(trusted.getCertificate()));
        Path unsigned = jar();
        check.verify(sign(unsigned, trusted));
        refused(check, unsigned, "not signed");
        refused(check, sign(unsigned, stranger), "not a trusted plugin signer");
        refused(check, tamper(sign(unsigned, trusted)), "does not match");
    }

    private static void refused(SignatureCheck check, Path jar, String reason) {
        try {
            check.verify(jar);
            fail("accepted " + jar);
        } catch (ApiException e) {
            assertTrue(e.getMessage() + " should say " + reason, e.getMessage().contains(reason));
        }
    }

    private static KeyStore.PrivateKeyEntry key(String dn) throws Exception {
        Path store = TMP.getRoot().toPath().resolve(dn.replaceAll("\\W", "") + ".p12");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry("signer", new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static Path jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.signed");
        Path file = Files.createTempFile(TMP.getRoot().toPath(), "plain-", ".jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            jar.putNextEntry(new ZipEntry("com/example/A.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3});
            jar.closeEntry();
        }
        return file;
    }

    private static Path sign(Path jar, KeyStore.PrivateKeyEntry key) throws Exception {
        PrivateKey privateKey = key.getPrivateKey();
        X509Certificate cert = (X509Certificate) key.getCertificate();
        JarSigner signer = new JarSigner.Builder(privateKey,
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert))).build();
        Path signed = Files.createTempFile(TMP.getRoot().toPath(), "signed-", ".jar");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            signer.sign(in, out);
        }
        return signed;
    }

    /** The same signed jar with one class changed after signing. */
    private static Path tamper(Path signed) throws IOException {
        Path tampered = Files.createTempFile(TMP.getRoot().toPath(), "tampered-", ".jar");
        try (ZipFile in = new ZipFile(signed.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("com/example/A.class")) {
                    content[4] = 42;
                }
                out.write(content);
                out.closeEntry();
            }
        }
        return tampered;
    }
}

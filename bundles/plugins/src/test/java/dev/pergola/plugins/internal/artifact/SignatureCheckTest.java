package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import static org.junit.Assert.assertEquals;
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

import jdk.security.jarsigner.JarSigner;

/** Real signatures: keys made by the JDK's keytool, jars signed with the JDK's JarSigner API. */
public class SignatureCheckTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static KeyStore.PrivateKeyEntry trusted;
    private static KeyStore.PrivateKeyEntry stranger;

    @BeforeClass
    public static void keys() throws Exception {
        trusted = key("trusted", "CN=Trusted Plugins");
        stranger = key("stranger", "CN=Somebody Else");
    }

    /**
     * The attack of finding 9: the attacker signs with their own key and puts the vendor's certificate in the
     * signature block. The JDK chains the block's certificates by issuer name, so the signer path is
     * [attacker's certificate naming the vendor as issuer, vendor's certificate]; that the vendor's certificate
     * is on the path proves nothing, since no signature links the two.
     */
    @Test
    public void refusesAnAttackerKeyWithTheVendorCertificateAppended() throws Exception {
        key("attacker-ca", "CN=Trusted Plugins"); // the vendor's name, the attacker's key
        KeyStore.PrivateKeyEntry mallory = key("mallory", "CN=Mallory");
        X509Certificate forged = issue("mallory", "attacker-ca");
        assertEquals(((X509Certificate) trusted.getCertificate()).getSubjectX500Principal(), forged.getIssuerX500Principal());
        Path jar = sign(jar(), mallory.getPrivateKey(), List.of(forged, (X509Certificate) trusted.getCertificate()));
        refused(new SignatureCheck(List.of(trusted.getCertificate())), jar, "CN=Mallory, which is not a trusted plugin signer");
    }

    @Test
    public void acceptsASignerIssuedByATrustedCaForCodeSigningOnly() throws Exception {
        SignatureCheck check = new SignatureCheck(List.of(trusted.getCertificate()));
        KeyStore.PrivateKeyEntry release = key("release", "CN=Release Signer");
        X509Certificate codeSigner = issue("release", "trusted", "-ext", "EKU=codeSigning", "-ext", "KU=digitalSignature");
        check.verify(sign(jar(), release.getPrivateKey(), List.of(codeSigner, (X509Certificate) trusted.getCertificate())));
        check.verify(sign(jar(), release.getPrivateKey(), List.of(codeSigner)));

        KeyStore.PrivateKeyEntry web = key("web", "CN=Web Server");
        X509Certificate serverOnly = issue("web", "trusted", "-ext", "EKU=serverAuth");
        refused(check, sign(jar(), web.getPrivateKey(), List.of(serverOnly, (X509Certificate) trusted.getCertificate())),
                "not a trusted plugin signer");
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
        } catch (PergolaException e) {
            assertTrue(e.getMessage() + " should say " + reason, e.getMessage().contains(reason));
        }
    }

    private static KeyStore.PrivateKeyEntry key(String name, String dn) throws Exception {
        Path store = store(name);
        keytool("-genkeypair", "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry("signer", new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    /** A certificate for the key in store {@code subject}, issued (signed) by the key in store {@code issuer}. */
    private static X509Certificate issue(String subject, String issuer, String... extensions) throws Exception {
        Path request = TMP.getRoot().toPath().resolve(subject + ".csr");
        Path certificate = TMP.getRoot().toPath().resolve(subject + "-by-" + issuer + ".cer");
        keytool("-certreq", "-alias", "signer", "-keystore", store(subject).toString(), "-storepass", "changeit",
                "-file", request.toString());
        List<String> gencert = new java.util.ArrayList<>(List.of("-gencert", "-alias", "signer", "-keystore",
                store(issuer).toString(), "-storepass", "changeit", "-infile", request.toString(), "-outfile",
                certificate.toString(), "-validity", "2"));
        gencert.addAll(List.of(extensions));
        keytool(gencert.toArray(new String[0]));
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Path store(String name) {
        return TMP.getRoot().toPath().resolve(name + ".p12");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + out);
        }
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
        return sign(jar, key.getPrivateKey(), List.of((X509Certificate) key.getCertificate()));
    }

    /** Signs with this key and puts exactly these certificates (leaf first) in the signature block. */
    private static Path sign(Path jar, PrivateKey privateKey, List<X509Certificate> chain) throws Exception {
        JarSigner signer = new JarSigner.Builder(privateKey,
                CertificateFactory.getInstance("X.509").generateCertPath(chain)).build();
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

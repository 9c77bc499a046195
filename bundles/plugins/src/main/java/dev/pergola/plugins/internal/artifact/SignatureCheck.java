package dev.pergola.plugins.internal.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Jar signatures for installations that require them: every entry of the bundle (a KAR: of each of its bundles)
 * must be signed, the signatures must match the content, and a signer must be one of the trusted certificates.
 */
public final class SignatureCheck {
    private final Set<Certificate> trusted;

    public SignatureCheck(Collection<? extends Certificate> trusted) {
        this.trusted = new HashSet<>(trusted);
    }

    /** Reads the trusted signers from a PEM file (one or more {@code -----BEGIN CERTIFICATE-----} blocks). */
    public static SignatureCheck fromPem(Path pem) {
        if (!Files.isRegularFile(pem)) {
            throw new IllegalStateException("Plugin signatures are required but the trusted signers file " + pem
                    + " does not exist");
        }
        try (InputStream in = Files.newInputStream(pem)) {
            return new SignatureCheck(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("Cannot read the trusted plugin signers from " + pem + ": " + e.getMessage(), e);
        }
    }

    /** @throws dev.pergola.api.rest.ApiException 422 naming what is wrong */
    public void verify(Path artifact) {
        if (KarContents.isKar(artifact)) {
            for (KarContents.Member m : KarContents.members(artifact)) {
                Path member = null;
                try (InputStream in = KarContents.open(artifact, m.entry())) {
                    member = Files.createTempFile("kar-member-", ".jar");
                    Files.copy(in, member, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    verifyJar(member, m.symbolicName());
                } catch (IOException e) {
                    throw ArtifactInspector.refuse("Cannot read " + m.entry() + " to check its signature: " + e.getMessage());
                } finally {
                    if (member != null) {
                        ArtifactStore.deleteQuietly(member);
                    }
                }
            }
        } else {
            verifyJar(artifact, "The plugin");
        }
    }

    private void verifyJar(Path jar, String what) {
        List<String> unsigned = new ArrayList<>();
        Set<String> untrustedSigners = new HashSet<>();
        boolean trustedSigner = false;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading the entry is what checks its digest against the signature
                    }
                }
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned.add(entry.getName());
                    continue;
                }
                boolean trustedHere = false;
                for (CodeSigner signer : signers) {
                    for (Certificate c : signer.getSignerCertPath().getCertificates()) {
                        if (trusted.contains(c)) {
                            trustedHere = true;
                        }
                    }
                    Certificate leaf = signer.getSignerCertPath().getCertificates().get(0);
                    if (!trustedHere && leaf instanceof X509Certificate x509) {
                        untrustedSigners.add(x509.getSubjectX500Principal().getName());
                    }
                }
                trustedSigner |= trustedHere;
                if (!trustedHere) {
                    unsigned.add(entry.getName());
                }
            }
        } catch (SecurityException e) {
            throw ArtifactInspector.refuse(what + " has a signature that does not match its content: " + e.getMessage());
        } catch (IOException e) {
            throw ArtifactInspector.refuse(what + " cannot be read to check its signature: " + e.getMessage());
        }
        if (!untrustedSigners.isEmpty() && !trustedSigner) {
            throw ArtifactInspector.refuse(what + " is signed by " + String.join("; ", untrustedSigners)
                    + ", which is not a trusted plugin signer.");
        }
        if (!unsigned.isEmpty()) {
            throw ArtifactInspector.refuse(what + " is not signed by a trusted signer (" + unsigned.size()
                    + " unsigned entries, e.g. " + unsigned.get(0) + "); this installation requires signed plugins.");
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || (upper.startsWith("META-INF/") && (upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-")));
    }
}

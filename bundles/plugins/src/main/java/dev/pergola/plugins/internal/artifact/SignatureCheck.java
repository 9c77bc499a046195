package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Jar signatures for installations that require them: every entry of the bundle (a KAR: of each of its bundles)
 * must be signed, the signatures must match the content, and a signer must be trusted.
 * <p>
 * Trust is PKIX path validation ({@link CertPathValidator}) against the certificates of the PEM file as trust
 * anchors. The certificates of a jar's signature block are the signer's word only (the JDK chains them by issuer
 * name), so none of them is trusted for being present: the path up to the first anchor must validate
 * signature by signature. A PEM certificate may be a signing CA, or the signer's own certificate (pinned: then
 * the leaf itself must equal it). In both cases the signing certificate must be valid now (an expired or not yet
 * valid one is refused; time stamps are not honoured) and, when it carries them, its key usage must allow digital
 * signatures and its extended key usage must include code signing. Revocation is not checked (that would mean
 * network fetches of CRLs or OCSP from addresses the certificates name).
 */
public final class SignatureCheck {
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String ANY_EXTENDED_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private final Set<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;

    public SignatureCheck(Collection<? extends Certificate> trusted) {
        this.anchors = new HashSet<>();
        this.trustAnchors = new HashSet<>();
        for (Certificate c : trusted) {
            if (c instanceof X509Certificate x509) {
                anchors.add(x509);
                trustAnchors.add(new TrustAnchor(x509, null));
            }
        }
        if (trustAnchors.isEmpty()) {
            throw new IllegalStateException("The trusted plugin signers file holds no X.509 certificate");
        }
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

    /** @throws dev.pergola.api.errors.PergolaException 422 naming what is wrong */
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
        Map<CertPath, Boolean> verdicts = new HashMap<>(); // a path is validated once per jar, not once per entry
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
                    if (verdicts.computeIfAbsent(signer.getSignerCertPath(), this::trusts)) {
                        trustedHere = true;
                    } else if (signer.getSignerCertPath().getCertificates().get(0) instanceof X509Certificate leaf) {
                        untrustedSigners.add(leaf.getSubjectX500Principal().getName());
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

    /** Whether the signer's path leads, signature by signature, to one of the anchors; see the class comment. */
    boolean trusts(CertPath path) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : path.getCertificates()) {
            if (!(c instanceof X509Certificate x509)) {
                return false;
            }
            certificates.add(x509);
        }
        if (certificates.isEmpty() || !usableForCodeSigning(certificates.get(0))) {
            return false;
        }
        int anchor = 0;
        while (anchor < certificates.size() && !anchors.contains(certificates.get(anchor))) {
            anchor++;
        }
        if (anchor == 0) {
            return true; // the signer's own certificate is pinned in the PEM file
        }
        try {
            CertPath toAnchor = CertificateFactory.getInstance("X.509").generateCertPath(certificates.subList(0, anchor));
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(toAnchor, parameters);
            return true;
        } catch (CertPathValidatorException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is not available: " + e.getMessage(), e);
        }
    }

    /** Valid now; key usage (when present) allows signatures; extended key usage (when present) allows code signing. */
    private static boolean usableForCodeSigning(X509Certificate leaf) {
        try {
            leaf.checkValidity();
        } catch (CertificateException e) {
            return false;
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return false;
        }
        try {
            List<String> extended = leaf.getExtendedKeyUsage();
            return extended == null || extended.contains(CODE_SIGNING) || extended.contains(ANY_EXTENDED_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || (upper.startsWith("META-INF/") && (upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-")));
    }
}

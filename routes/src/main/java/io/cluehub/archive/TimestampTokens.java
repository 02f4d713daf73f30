package io.cluehub.archive;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Reads and checks stored time-stamp tokens, with the JDK's crypto only. A token is good for a head when its signature
 * verifies with the certificate it carries (which must be a time-stamping certificate valid at the token's time) and
 * its message imprint is SHA-256 of that head's data ({@link HeadImprint}). Whether that certificate is one to trust
 * is the reader's call: the evidence exports it so {@code openssl ts -verify -CAfile} can decide.
 */
public final class TimestampTokens {

    private TimestampTokens() {
    }

    /** What a token says: when, who signed it, over which imprint. */
    public record TokenInfo(Instant genTime, BigInteger serialNumber, String policy, byte[] imprint,
            X509Certificate signer) {

        /** The signer's subject, as the archive names the authority. */
        public String tsaName() {
            return signer.getSubjectX500Principal().getName();
        }
    }

    /** Parses a token (DER of the CMS content info); fails if it is not one or carries no signing certificate. */
    public static TokenInfo read(byte[] der) {
        TimeStampToken token = parse(der);
        return new TokenInfo(token.getTimeStampInfo().getGenTime().toInstant(), token.getTimeStampInfo().getSerialNumber(),
                token.getTimeStampInfo().getPolicy().getId(), token.getTimeStampInfo().getMessageImprintDigest(),
                certificate(signerHolder(token)));
    }

    /** Why this token is not a good time-stamp of this head, or empty if it is. */
    public static Optional<String> problem(byte[] der, ArchiveHead head) {
        TimeStampToken token;
        try {
            token = parse(der);
        } catch (TimestampException e) {
            return Optional.of(e.getMessage());
        }
        if (!NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())) {
            return Optional.of("the token's imprint is not SHA-256");
        }
        if (!MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(), HeadImprint.imprint(head))) {
            return Optional.of("the token's imprint is not SHA-256 of '" + head.seq() + ":" + head.hash() + "'");
        }
        try {
            // Checks the signature, the signing-certificate attribute, and that the certificate is a critical
            // id-kp-timeStamping certificate valid at the token's time.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signerHolder(token)));
        } catch (TSPException | OperatorCreationException | CertificateException | TimestampException e) {
            return Optional.of("the token's signature does not verify: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** A certificate as PEM text, as {@code openssl -CAfile} reads it. */
    public static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static TimeStampToken parse(byte[] der) {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            throw new TimestampException("not a readable time-stamp token (" + e.getMessage() + ")", e);
        }
    }

    private static X509CertificateHolder signerHolder(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw new TimestampException("the token does not carry its signing certificate");
        }
        return matches.iterator().next();
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new TimestampException("the token's certificate cannot be read", e);
        }
    }
}

package io.cluehub.archive;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * The default time-stamping authority: the hub signs RFC 3161 tokens with its own key ({@link HubTsaKeys}). A token
 * made here proves the chain head existed no later than the hub's clock said, to anyone who trusts the hub's
 * certificate; an external authority ({@code cluehub.archive.tsa-url}) gives a proof that does not rest on the hub.
 */
public final class HubTimeStampAuthority implements TimeStampAuthority {

    /**
     * The policy under which the hub issues tokens: a UUID-based OID (ITU-T X.667, arc 2.25), which needs no
     * registration.
     */
    public static final String POLICY = "2.25.275343815042481358886270999590673789375";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubTsaKeys keys;
    private final TimeStampResponseGenerator responses;

    public HubTimeStampAuthority(HubTsaKeys keys) {
        this.keys = keys;
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.key(), keys.certificate()),
                    new JcaDigestCalculatorProviderBuilder().build()
                            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier(POLICY));
            tokens.addCertificates(new JcaCertStore(List.of(keys.certificate())));
            tokens.setTSA(new GeneralName(X500Name.getInstance(keys.certificate().getSubjectX500Principal().getEncoded())));
            responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        } catch (OperatorCreationException | CertificateEncodingException | TSPException e) {
            throw new TimestampException("Cannot set up the hub's time-stamping authority", e);
        }
    }

    @Override
    public byte[] timestamp(byte[] sha256Imprint) {
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request = requests.generate(TSPAlgorithms.SHA256, sha256Imprint,
                new BigInteger(63, RANDOM));
        return RemoteTimeStampAuthority.tokenOf(request, respond(request), "the hub's time-stamping authority");
    }

    /** Answers an RFC 3161 request as a time-stamping authority would (also serves a test's stand-in external TSA). */
    public synchronized TimeStampResponse respond(TimeStampRequest request) {
        try {
            return responses.generate(request, new BigInteger(127, RANDOM), new Date());
        } catch (TSPException e) {
            throw new TimestampException("The hub's time-stamping authority failed: " + e.getMessage(), e);
        }
    }

    public HubTsaKeys keys() {
        return keys;
    }

    @Override
    public String describe() {
        return "the hub's own time-stamping key (" + keys.certificate().getSubjectX500Principal().getName() + ")";
    }
}

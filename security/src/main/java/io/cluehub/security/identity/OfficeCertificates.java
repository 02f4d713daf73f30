package io.cluehub.security.identity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Which office a client certificate names. The rule is deliberately narrow, so that one certificate maps to exactly
 * one office: the subject has exactly one common name (CN), and it is an office id ({@code <DEPT>-<6 digits>}, e.g.
 * {@code CN=SAMR-330106}). Whether that office is connected, and whether the hub's CA issued the certificate, are
 * for the broker to check (directory and TLS trust store); this class only reads the name.
 */
public final class OfficeCertificates {

    /** DESIGN.md §2: department code, dash, GB/T 2260 division code (000000 for the national office). */
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Z]{2,10}-[0-9]{6}");
    private static final String COMMON_NAME = "CN";

    private OfficeCertificates() {
    }

    /** The office id a certificate's subject names, or empty if it names none or more than one. */
    public static Optional<String> officeId(X509Certificate certificate) {
        return certificate == null ? Optional.empty() : officeId(certificate.getSubjectX500Principal());
    }

    /** The office id a subject names ({@code CN=SAMR-330106, O=…}), or empty if it names none or more than one. */
    public static Optional<String> officeId(X500Principal subject) {
        List<Object> commonNames = new ArrayList<>();
        try {
            // Every CN value in every RDN, multi-valued ones (CN=A+O=B) included: one name must be the only name.
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                Attribute cn = rdn.toAttributes().get(COMMON_NAME);
                for (int i = 0; cn != null && i < cn.size(); i++) {
                    commonNames.add(cn.get(i));
                }
            }
        } catch (NamingException e) {
            return Optional.empty();
        }
        if (commonNames.size() != 1 || !(commonNames.get(0) instanceof String cn)) {
            return Optional.empty();
        }
        return OFFICE_ID.matcher(cn).matches() ? Optional.of(cn) : Optional.empty();
    }

    /** The subject a certificate for {@code officeId} carries: {@code CN=<officeId>}. */
    public static String subjectFor(String officeId) {
        if (officeId == null || !OFFICE_ID.matcher(officeId).matches()) {
            throw new IllegalArgumentException("Not an office id: " + officeId);
        }
        return COMMON_NAME + "=" + officeId;
    }
}

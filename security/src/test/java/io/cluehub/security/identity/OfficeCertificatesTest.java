package io.cluehub.security.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OfficeCertificatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"CN=SAMR-330106", "CN=SAMR-330106,O=Clue Hub offices,C=CN", "O=Clue Hub,CN=SAMR-330106",
            "cn=SAMR-330106"})
    void aSubjectWithOneOfficeCommonNameNamesThatOffice(String subject) {
        assertThat(OfficeCertificates.officeId(new X500Principal(subject))).contains("SAMR-330106");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "O=Clue Hub",                                   // no CN
            "CN=SAMR-330106,CN=CAC-330100",                 // two offices
            "CN=SAMR-330106+CN=CAC-330100",                 // two offices in one multi-valued RDN
            "C=CN+CN=CAC-330100,CN=SAMR-330106",            // a second CN hidden in a multi-valued RDN
            "CN=SAMR-330106,CN=SAMR-330106",                // one office twice is still two names
            "CN=cluehub-hub",                               // the hub's account is not an office
            "CN=hub-operator",
            "CN=samr-330106",                               // ids are upper case
            "CN=SAMR-33010",
            "CN=SAMR-3301060",
            "CN=SAMR-330106\\,O=x"})
    void anythingElseNamesNoOffice(String subject) {
        assertThat(OfficeCertificates.officeId(new X500Principal(subject))).isEmpty();
    }

    @Test
    void issuedCertificatesCarryTheSubjectForTheOffice() {
        CertificateAuthority ca = CertificateAuthority.create("CN=Test CA", java.time.Duration.ofDays(1));

        var issued = ca.issueClient(OfficeCertificates.subjectFor("CAC-330100"), java.time.Duration.ofDays(1));

        assertThat(OfficeCertificates.officeId(issued.certificate())).contains("CAC-330100");
        assertThatThrownBy(() -> OfficeCertificates.subjectFor("CAC-330100,O=evil"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

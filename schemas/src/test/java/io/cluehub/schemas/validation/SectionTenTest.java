package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The DESIGN.md section 10 message is the contract: it must validate exactly as the design writes it. */
class SectionTenTest {

    @Test
    void sectionTenMessageValidatesFromItsBytes() {
        ValidationOutcome outcome = Fixtures.VALIDATOR.validate(Fixtures.section10(), ValidationOptions.defaults());

        assertThat(outcome.issues()).isEmpty();
        assertThat(outcome.successful()).isTrue();
    }

    @Test
    void sectionTenIdentifiersPassTheirChecks() {
        assertThat(Identifiers.usccCheckCharacter("91330106MA2H4L7K06")).isEqualTo('6');
        assertThat(Identifiers.isValidUscc("91330106MA2H4L7K06")).isTrue();
        assertThat(Identifiers.idNumberCheckDigit("330106199503141237")).isEqualTo('7');
        assertThat(Identifiers.isValidIdNumber("330106199503141237", java.time.LocalDate.of(2026, 1, 1))).isTrue();
    }

    @Test
    void sectionTenMessageAlsoValidatesUnderTheTaxationProfileOnlyWithTaxpayerIds() {
        ValidationOutcome outcome = Fixtures.VALIDATOR.validate(
                Fixtures.section10(), ValidationOptions.defaults().withProfile("sta"));

        assertThat(outcome.successful()).isFalse();
        assertThat(outcome.issues())
                .extracting(Issue::code, Issue::location)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IssueCode.PROFILE_CONSTRAINT, "/payload/subjects/0/taxpayerId"),
                        org.assertj.core.groups.Tuple.tuple(IssueCode.PROFILE_CONSTRAINT, "/payload/subjects/1/taxpayerId"));
    }
}

package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void usccCheckCharacterFollowsGb32100() {
        assertThat(Identifiers.usccCheckCharacter("91330106MA2H4L7K0")).isEqualTo('6');
        // A sum that is a multiple of 31 gives check value 0, not 31.
        assertThat(Identifiers.isValidUscc("91330000123456789E")).isTrue();
        assertThat(Identifiers.isValidUscc("91330000123456789F")).isFalse();
    }

    @Test
    void usccShape() {
        assertThat(Identifiers.isUsccShaped("91330106MA2H4L7K06")).isTrue();
        assertThat(Identifiers.isUsccShaped("91330106MA2H4L7KO6")).as("letter O").isFalse();
        assertThat(Identifiers.isUsccShaped("913301A6MA2H4L7K06")).as("letter in the division part").isFalse();
        assertThat(Identifiers.isUsccShaped("91330106MA2H4L7K0")).isFalse();
        assertThat(Identifiers.isUsccShaped(null)).isFalse();
        assertThatThrownBy(() -> Identifiers.usccCheckCharacter("9133")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idNumberCheckDigitFollowsIso7064Mod112() {
        assertThat(Identifiers.idNumberCheckDigit("33010619950314123")).isEqualTo('7');
        assertThat(Identifiers.idNumberCheckDigit("11010519491231002")).isEqualTo('X');
        assertThat(Identifiers.isValidIdNumber("330106199503141237", TODAY)).isTrue();
        assertThat(Identifiers.isValidIdNumber("11010519491231002X", TODAY)).isTrue();
        assertThat(Identifiers.isValidIdNumber("330106199503141238", TODAY)).isFalse();
    }

    @Test
    void idNumberBirthDateMustBeRealAndPast() {
        assertThat(Identifiers.idNumberBirthDate("330106199503141237")).contains(LocalDate.of(1995, 3, 14));
        assertThat(Identifiers.idNumberBirthDate("330106199502301235")).isEmpty();
        assertThat(Identifiers.isValidIdNumber("330106199502301235", TODAY)).isFalse();
        assertThat(Identifiers.isValidIdNumber("330106209901011231", TODAY)).isFalse();
        assertThat(Identifiers.isValidIdNumber("330106200002291232", TODAY)).isTrue();
    }

    @Test
    void birthDateIsJudgedByTheValidatorsClock() {
        // Born 1 January 2099: in the future now, valid once the clock has passed it.
        ValidatorSettings future = ValidatorSettings.defaults().withClock(
                java.time.Clock.fixed(java.time.Instant.parse("2100-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
        MessageValidator later = MessageValidator.create(future);
        tools.jackson.databind.node.ObjectNode m = Fixtures.valid("clue.transfer");
        ((tools.jackson.databind.node.ObjectNode) m.get("payload").get("subjects").get(1))
                .put("idNumber", "330106209901011231");

        assertThat(later.validate(m, ValidationOptions.defaults()).issues()).isEmpty();
        assertThat(Fixtures.VALIDATOR.validate(m, ValidationOptions.defaults()).issues())
                .extracting(Issue::code).containsExactly(IssueCode.ID_NUMBER_BIRTH_DATE);
    }
}

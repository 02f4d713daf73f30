package io.cluehub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.directory.Directory;
import io.cluehub.intake.Delivery;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.support.Demo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RouterTest {

    private static final Directory DIRECTORY = Demo.directory();
    private final Router router = new Router(DIRECTORY, Demo.competence());
    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode clue(String sender, String division, String... categories) {
        StringBuilder violations = new StringBuilder();
        for (String category : categories) {
            violations.append(violations.isEmpty() ? "" : ",").append("{\"category\":\"").append(category).append("\"}");
        }
        return json.readTree("{\"type\":\"clue.transfer\",\"sender\":\"" + sender + "\",\"payload\":{"
                + "\"jurisdiction\":{\"divisionCode\":\"" + division + "\"},\"violations\":[" + violations + "]}}");
    }

    private JsonNode explicit(String... recipients) {
        return json.readTree("{\"type\":\"clue.transfer\",\"recipients\":" + json.writeValueAsString(recipients) + "}");
    }

    @Test
    void falseAdvertisingInXihuGoesToXihuMarketRegulation() {
        Routing routing = router.route("CAC-330106", clue("CAC-330106", "330106", "false-advertising"));

        assertThat(routing.deliveries()).containsExactly(
                new Delivery("SAMR-330106", "SAMR-330106", "competence:false-advertising", false));
    }

    @Test
    void fraudInXihuFallsBackFromUnconnectedMpsXihuToHangzhou() {
        Routing routing = router.route("CAC-330106", clue("CAC-330106", "330106", "fraud-gambling-contraband"));

        assertThat(routing.deliveries()).containsExactly(
                new Delivery("MPS-330106", "MPS-330100", "competence:fraud-gambling-contraband", true));
    }

    @Test
    void binjiangHasNoConnectedOfficeSoHangzhouReceives() {
        Routing routing = router.route("CAC-330106", clue("CAC-330106", "330108", "false-advertising"));

        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo).containsExactly("SAMR-330100");
        assertThat(routing.deliveries().get(0).fallback()).isTrue();
    }

    @Test
    void nonexistentDivisionIsUnroutable() {
        Routing routing = router.route("CAC-330106", clue("CAC-330106", "330199", "false-advertising"));

        assertThat(routing.routable()).isFalse();
        assertThat(routing.problems()).extracting(Issue::code, Issue::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IssueCode.UNROUTABLE,
                        "/payload/jurisdiction/divisionCode"));
    }

    @Test
    void uncoveredCategoryIsUnroutableAtItsPosition() {
        Routing routing = router.route("CAC-330106", clue("CAC-330106", "330106", "false-advertising", "no-such"));

        assertThat(routing.problems()).extracting(Issue::location).containsExactly("/payload/violations/1/category");
    }

    @Test
    void senderIsNeverItsOwnRecipient() {
        Routing routing = router.route("SAMR-330106", clue("SAMR-330106", "330106", "false-advertising", "data-fraud"));

        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo).containsExactly("CAC-330106");
        assertThat(router.route("SAMR-330106", clue("SAMR-330106", "330106", "false-advertising")).problems())
                .extracting(Issue::code).containsExactly(IssueCode.UNROUTABLE);
    }

    @Test
    void categoriesWithTwoDepartmentsReachBoth() {
        Routing routing = router.route("SAMR-330106", clue("SAMR-330106", "330106", "minor-protection"));

        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo).containsExactly("CAC-330106", "NRTA-330106");
    }

    @Test
    void explicitRecipientsAreResolvedWithFallbackAndOneCopyEach() {
        Routing routing = router.route("SAMR-330106", explicit("CAC-330100", "MPS-330106", "MPS-330100"));

        assertThat(routing.deliveries()).containsExactly(
                new Delivery("CAC-330100", "CAC-330100", "explicit", false),
                new Delivery("MPS-330106", "MPS-330100", "explicit", true));
    }

    @Test
    void unknownExplicitRecipientIsRejectedAtItsPosition() {
        Routing routing = router.route("SAMR-330106", explicit("CAC-330100", "SAMR-339999"));

        assertThat(routing.problems()).extracting(Issue::code, Issue::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IssueCode.UNKNOWN_RECIPIENT, "/recipients/1"));
    }

    @Test
    void seriousViolatorsReachEveryNationalAndProvincialSubscriberOnce() {
        JsonNode share = json.readTree("{\"type\":\"info.share\",\"payload\":{\"list\":\"serious-violators\"}}");

        Routing routing = router.route("SAMR-330106", share);

        // 7 national offices, and the Zhejiang offices of all 7 departments; other provinces fall back to national.
        assertThat(routing.deliveries()).hasSize(14);
        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo)
                .contains("CAC-000000", "SAMR-330000", "MPS-330000").doesNotHaveDuplicates();
        assertThat(routing.deliveries()).allSatisfy(d -> assertThat(d.rule()).isEqualTo("subscription:serious-violators"));
    }

    @Test
    void platformReportReachesCacAndSamrOfTheDivisionAndAncestors() {
        JsonNode share = json.readTree("{\"type\":\"info.share\",\"payload\":{\"list\":\"platform-report\","
                + "\"entries\":[{\"jurisdiction\":{\"divisionCode\":\"330106\"}}]}}");

        Routing routing = router.route("MPS-000000", share);

        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo).containsExactlyInAnyOrder(
                "CAC-330106", "CAC-330100", "CAC-330000", "CAC-000000",
                "SAMR-330106", "SAMR-330100", "SAMR-330000", "SAMR-000000");
    }

    @Test
    void trainingNoticeReachesItsAudienceScope() {
        JsonNode notice = json.readTree("{\"type\":\"training.notice\",\"payload\":{\"audience\":{"
                + "\"departments\":[\"SAMR\"],\"levels\":[\"county\"],\"divisionCode\":\"330100\"}}}");

        Routing routing = router.route("SAMR-000000", notice);

        // Xihu is connected; every other county of Hangzhou falls back to the city office.
        assertThat(routing.deliveries()).extracting(Delivery::deliveredTo)
                .containsExactlyInAnyOrder("SAMR-330106", "SAMR-330100");
    }

    @Test
    void otherTypesMustNameRecipients() {
        JsonNode status = json.readTree("{\"type\":\"clue.status\",\"payload\":{}}");

        assertThat(router.route("SAMR-330106", status).problems()).extracting(Issue::code)
                .containsExactly(IssueCode.NO_RECIPIENTS);
    }
}

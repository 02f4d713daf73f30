package io.cluehub.adapters.format;

import static io.cluehub.adapters.format.TestFiles.assertValid;
import static io.cluehub.adapters.format.TestFiles.bytes;
import static io.cluehub.adapters.format.TestFiles.json;
import static io.cluehub.adapters.format.TestFiles.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** samr-json: SAMR's pinyin-keyed JSON with SAMR code lists, for clue.transfer and clue.status. */
class SamrJsonFormatTest {

    private final AgencyFormat samr = TestFiles.format("samr-json");

    @Test
    void describesItself() {
        assertThat(samr.id()).isEqualTo("samr-json");
        assertThat(samr.version()).isEqualTo("1.0");
        assertThat(samr.syntax()).isEqualTo(Syntax.JSON);
        assertThat(samr.supports("clue.transfer")).isTrue();
        assertThat(samr.supports("clue.status")).isTrue();
        assertThat(samr.supports("info.share")).isFalse();
        assertThat(samr.supports(null)).isFalse();
    }

    @Test
    void mapsARealisticSamrClueTransferToAValidCanonicalEnvelope() {
        List<byte[]> out = samr.toCanonical(bytes("agency/samr-json/clue.transfer.json"));

        assertThat(out).hasSize(1);
        assertThat(json(out.get(0))).isEqualTo(json("agency/samr-json/clue.transfer.expected.json"));
        assertValid(out.get(0), null);
    }

    @Test
    void mapsARealisticSamrStatusReportToAValidCanonicalEnvelope() {
        List<byte[]> out = samr.toCanonical(bytes("agency/samr-json/clue.status.json"));

        assertThat(out).hasSize(1);
        assertThat(json(out.get(0))).isEqualTo(json("agency/samr-json/clue.status.expected.json"));
        assertValid(out.get(0), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "canonical/clue.transfer.json",
        "canonical/design-section-10.json",
        "canonical/clue.transfer-full.json",
        "canonical/sta.clue.transfer.json",
        "canonical/clue.status.json",
        "canonical/clue.status-declined.json",
        "canonical/clue.status-referred.json"})
    void roundTripKeepsEveryField(String fixture) {
        byte[] canonical = bytes(fixture);

        byte[] agency = samr.fromCanonical(canonical);
        List<byte[]> back = samr.toCanonical(agency);

        // samr-json carries every field of both types it supports.
        assertThat(back).hasSize(1);
        assertThat(json(back.get(0))).isEqualTo(json(canonical));
    }

    @Test
    void outboundSpeaksSamrKeysAndCodes() {
        JsonNode agency = json(samr.fromCanonical(bytes("canonical/design-section-10.json")));

        assertThat(agency.at("/xiaoxiId").asString()).isEqualTo("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10");
        assertThat(agency.at("/leixing").asString()).isEqualTo("XSYS");
        assertThat(agency.at("/chuli/miji").asString()).isEqualTo("MG");
        assertThat(agency.at("/chuli/zhuanfa").asString()).isEqualTo("XTY");
        assertThat(agency.at("/neirong/guanxia/xingzhengQuhua").asString()).isEqualTo("330106");
        assertThat(agency.at("/neirong/dangshiren/0/leixing").asString()).isEqualTo("danwei");
        assertThat(agency.at("/neirong/dangshiren/0/tongyiDaima").asString()).isEqualTo("91330106MA2H4L7K06");
        assertThat(agency.at("/neirong/dangshiren/1/leixing").asString()).isEqualTo("geren");
        assertThat(agency.at("/neirong/dangshiren/1/shenfenZheng").asString()).isEqualTo("330106199503141237");
        assertThat(agency.at("/neirong/weifa/0/leibie").asString()).isEqualTo("SAMR-JM-01");
        assertThat(agency.at("/neirong/weifa/1/leibie").asString()).isEqualTo("SAMR-XJ-02");
        assertThat(agency.at("/neirong/zhengju/0/leixing").asString()).isEqualTo("SP");
        // Fields the canonical message lacks are left out, not sent as null.
        assertThat(agency.has("huifuXiaoxiId")).isFalse();
        assertThat(agency.at("/neirong").has("zhibojian")).isFalse();
    }

    @Test
    void aRetiredSamrCodeStillMapsInAndTheCurrentCodeGoesOut() {
        JsonNode canonical = json(samr.toCanonical(bytes("agency/samr-json/clue.transfer.json")).get(0));
        assertThat(canonical.at("/payload/violations/0/category").asString()).isEqualTo("false-advertising");

        JsonNode agency = json(samr.fromCanonical(TestFiles.bytes(canonical)));
        assertThat(agency.at("/neirong/weifa/0/leibie").asString()).isEqualTo("SAMR-XJ-01");
    }

    @Test
    void anUnknownCategoryCodeIsRejectedAtItsPlaceInTheSamrMessage() {
        ObjectNode message = object("agency/samr-json/clue.transfer.json");
        ((ObjectNode) message.at("/neirong/weifa/1")).put("leibie", "SAMR-XX-99");

        MappingException e = rejected(message);

        assertThat(e.location()).isEqualTo("/neirong/weifa/1/leibie");
        assertThat(e.getMessage()).contains("SAMR-XX-99").contains("weifaLeibie").contains("SAMR-XJ-01");
        assertThat(e.formatId()).isEqualTo("samr-json");
        Issue issue = e.toIssue();
        assertThat(issue.code()).isEqualTo(IssueCode.MAPPING_FAILED);
        assertThat(issue.location()).isEqualTo("/neirong/weifa/1/leibie");
    }

    @Test
    void anUnknownMessageTypeCodeIsRejectedAtLeixing() {
        ObjectNode message = object("agency/samr-json/clue.transfer.json");
        message.put("leixing", "XSXX");

        assertThat(rejected(message).location()).isEqualTo("/leixing");
    }

    @Test
    void anUnknownSubjectKindIsRejectedAtItsSubject() {
        ObjectNode message = object("agency/samr-json/clue.transfer.json");
        ((ObjectNode) message.at("/neirong/dangshiren/1")).put("leixing", "gongsi");

        assertThat(rejected(message).location()).isEqualTo("/neirong/dangshiren/1/leixing");
    }

    @Test
    void aCodeThatIsNotTextIsRejectedAtItsPlace() {
        ObjectNode message = object("agency/samr-json/clue.transfer.json");
        ((ObjectNode) message.at("/neirong/weifa/0")).putObject("leibie").put("code", "SAMR-XJ-01");

        MappingException e = rejected(message);
        assertThat(e.location()).isEqualTo("/neirong/weifa/0/leibie");
        assertThat(e.getMessage()).contains("found an object");
    }

    @Test
    void malformedJsonIsRejectedAtThePointerWhereReadingStopped() {
        byte[] body = "{\"xiaoxiId\": \"x\", \"neirong\": {\"weifa\": [{\"leibie\": }]}}"
                .getBytes(StandardCharsets.UTF_8);

        MappingException e = catchThrowableOfType(MappingException.class, () -> samr.toCanonical(body));

        assertThat(e.location()).startsWith("/neirong/weifa/0");
        assertThat(e.getMessage()).contains("not well-formed JSON").contains("line 1");
    }

    @Test
    void duplicateKeysAreRefused() {
        byte[] body = "{\"leixing\": \"XSYS\", \"leixing\": \"XSFK\"}".getBytes(StandardCharsets.UTF_8);

        MappingException e = catchThrowableOfType(MappingException.class, () -> samr.toCanonical(body));

        assertThat(e.getMessage()).contains("not well-formed JSON").containsIgnoringCase("duplicate");
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        byte[] body = ("{\"neirong\": " + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8);

        MappingException e = catchThrowableOfType(MappingException.class, () -> samr.toCanonical(body));

        assertThat(e.getMessage()).contains("not well-formed JSON").contains("nesting depth");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> samr.toCanonical("[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.location()).isEmpty();

        MappingException empty = catchThrowableOfType(MappingException.class, () -> samr.toCanonical(new byte[0]));
        assertThat(empty.getMessage()).contains("empty");
    }

    @Test
    void outboundRefusesATypeSamrDoesNotCarry() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> samr.fromCanonical(bytes("canonical/info.share.json")));

        assertThat(e.location()).isEqualTo("/type");
        assertThat(e.getMessage()).contains("info.share").contains("clue.transfer");
    }

    @Test
    void outboundRefusesABodyThatIsNotJson() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> samr.fromCanonical("not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.getMessage()).contains("canonical message is not well-formed JSON");
    }

    @Test
    void validationIssuesAfterMappingCanNameTheSamrField() {
        ObjectNode message = object("agency/samr-json/clue.transfer.json");
        // A wrong check character: mapping passes it through, the validator finds it.
        ((ObjectNode) message.at("/neirong/dangshiren/0")).put("tongyiDaima", "91330106MA2H4L7K07");
        byte[] canonical = samr.toCanonical(TestFiles.bytes(message)).get(0);

        ValidationOutcome outcome = TestFiles.validate(canonical, null);

        Issue issue = outcome.firstBlocking();
        assertThat(issue.location()).isEqualTo("/payload/subjects/0/uscc");
        assertThat(samr.agencyLocation("clue.transfer", issue.location(), 0))
                .hasValue("/neirong/dangshiren/0/tongyiDaima");
    }

    @Test
    void canonicalPointersTranslateToSamrLocations() {
        assertThat(samr.agencyLocation("clue.transfer", "/payload/violations/3/category", 0))
                .hasValue("/neirong/weifa/3/leibie");
        assertThat(samr.agencyLocation("clue.transfer", "/recipients/1", 0)).hasValue("/jieshoufang/1");
        assertThat(samr.agencyLocation("clue.status", "/payload/result/outcome", 0))
                .hasValue("/neirong/jieguo/jielun");
        // Deeper than any entry: the nearest mapped ancestor.
        assertThat(samr.agencyLocation("clue.transfer", "/payload/subjects/2/unknown", 0))
                .hasValue("/neirong/dangshiren/2");
        assertThat(samr.agencyLocation("clue.transfer", "/payload/unknown", 0)).hasValue("/neirong");
        assertThat(samr.agencyLocation("clue.transfer", "/unknown", 0)).isEmpty();
        assertThat(samr.agencyLocation("clue.transfer", "", 0)).isEmpty();
    }

    private MappingException rejected(JsonNode message) {
        return catchThrowableOfType(MappingException.class, () -> samr.toCanonical(TestFiles.bytes(message)));
    }
}

package io.cluehub.adapters.format;

import static io.cluehub.adapters.format.TestFiles.assertValid;
import static io.cluehub.adapters.format.TestFiles.bytes;
import static io.cluehub.adapters.format.TestFiles.json;
import static io.cluehub.adapters.format.TestFiles.text;
import static io.cluehub.adapters.format.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/** mps-xml: MPS police intelligence XML, for clue.transfer (JingQingXianSuo) and clue.status (XianSuoFanKui). */
class MpsXmlFormatTest {

    private final AgencyFormat mps = TestFiles.format("mps-xml");

    @Test
    void describesItself() {
        assertThat(mps.syntax()).isEqualTo(Syntax.XML);
        assertThat(mps.syntax().mediaType()).isEqualTo("application/xml");
        assertThat(mps.supports("clue.transfer")).isTrue();
        assertThat(mps.supports("clue.status")).isTrue();
        assertThat(mps.supports("consultation.request")).isFalse();
    }

    @Test
    void mapsARealisticMpsDocumentToAValidCanonicalEnvelope() {
        List<byte[]> out = mps.toCanonical(bytes("agency/mps-xml/clue.transfer.xml"));

        assertThat(out).hasSize(1);
        assertThat(json(out.get(0))).isEqualTo(json("agency/mps-xml/clue.transfer.expected.json"));
        assertValid(out.get(0), null);
    }

    @Test
    void mapsARealisticMpsStatusReportToAValidCanonicalEnvelope() {
        List<byte[]> out = mps.toCanonical(bytes("agency/mps-xml/clue.status.xml"));

        assertThat(json(out.get(0))).isEqualTo(json("agency/mps-xml/clue.status.expected.json"));
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

        byte[] agency = mps.fromCanonical(canonical);
        List<byte[]> back = mps.toCanonical(agency);

        // mps-xml carries every field of both types it supports (numbers come back as numbers, text as text).
        assertThat(back).hasSize(1);
        assertThat(json(back.get(0))).isEqualTo(json(canonical));
    }

    @Test
    void outboundWritesMpsElementsAttributesAndCodes() throws Exception {
        byte[] agency = mps.fromCanonical(bytes("canonical/clue.transfer-full.json"));
        Document doc = SafeXml.parse("test", agency);
        var xpath = XPathFactory.newInstance().newXPath();

        assertThat(utf8(agency)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(xpath.evaluate("/JingQingXianSuo/@BanBen", doc)).isEqualTo("1.0");
        assertThat(xpath.evaluate("/JingQingXianSuo/ChuLiYaoQiu/@MiJi", doc)).isEqualTo("restricted");
        assertThat(xpath.evaluate("/JingQingXianSuo/GuanXia/@XZQHDM", doc)).isEqualTo("330100");
        assertThat(xpath.evaluate("/JingQingXianSuo/GuanXia", doc)).isEqualTo("Hangzhou (several districts)");
        assertThat(xpath.evaluate("count(/JingQingXianSuo/JieShouDanWeiLieBiao/JieShouDanWei)", doc)).isEqualTo("2");
        assertThat(xpath.evaluate("/JingQingXianSuo/SheShiZhuTiLieBiao/SheShiZhuTi[2]/ZhuTiLeiBie", doc))
                .isEqualTo("GR");
        assertThat(xpath.evaluate("/JingQingXianSuo/WeiFaXingWeiLieBiao/WeiFaXingWei[1]/LeiBie", doc))
                .isEqualTo("0304");
        assertThat(xpath.evaluate("/JingQingXianSuo/ZhengJuLieBiao/ZhengJu[1]/DaXiao", doc)).isEqualTo("482113");
        // Markup characters in values are escaped, not interpreted.
        assertThat(xpath.evaluate("/JingQingXianSuo/ZhengJuLieBiao/ZhengJu[1]/DiZhi", doc)).endsWith("a1&exp=2027");
        assertThat(xpath.evaluate("/JingQingXianSuo/JianYaoQingKuang", doc)).contains("<angle> & ampersand");
    }

    @Test
    void outboundOfAStatusReportUsesTheStatusRoot() {
        String agency = utf8(mps.fromCanonical(bytes("canonical/clue.status.json")));

        assertThat(agency).contains("<XianSuoFanKui BanBen=\"1.0\">").contains("<ChuZhiZhuangTai>06</ChuZhiZhuangTai>")
                .doesNotContain("JingQingXianSuo");
    }

    @Test
    void anUnknownCategoryCodeIsRejectedAtItsXmlPath() {
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("<LeiBie>0401</LeiBie>", "<LeiBie>0499</LeiBie>");

        MappingException e = rejected(xml);

        assertThat(e.location()).isEqualTo("/JingQingXianSuo/WeiFaXingWeiLieBiao/WeiFaXingWei[2]/LeiBie");
        assertThat(e.getMessage()).contains("0499").contains("weifaLeibie");
    }

    @Test
    void anUnknownDispositionCodeIsRejectedAtItsXmlPath() {
        String xml = text("agency/mps-xml/clue.status.xml").replace(">05<", ">07<");

        assertThat(rejected(xml).location()).isEqualTo("/XianSuoFanKui/ChuZhiZhuangTai");
    }

    @Test
    void aSizeThatIsNotANumberIsRejectedAtItsXmlPath() {
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("<DaXiao>1048576</DaXiao>",
                "<DaXiao>1 MB</DaXiao>");

        MappingException e = rejected(xml);

        assertThat(e.location()).isEqualTo("/JingQingXianSuo/ZhengJuLieBiao/ZhengJu[1]/DaXiao");
        assertThat(e.getMessage()).contains("whole number");
    }

    @Test
    void anElementThatMayOccurOnceIsRejectedAtItsSecondOccurrence() {
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("<GMSFHM>330106199503141237</GMSFHM>",
                "<GMSFHM>330106199503141237</GMSFHM><GMSFHM>330106199503141237</GMSFHM>");

        MappingException e = rejected(xml);

        assertThat(e.location()).isEqualTo("/JingQingXianSuo/SheShiZhuTiLieBiao/SheShiZhuTi[2]/GMSFHM[2]");
        assertThat(e.getMessage()).contains("only once");
    }

    @Test
    void aRepeatingElementIsAnArrayEvenWhenThereIsOne() {
        JsonNode canonical = json(mps.toCanonical(bytes("agency/mps-xml/clue.transfer.xml")).get(0));

        assertThat(canonical.get("recipients").isArray()).isTrue();
        assertThat(canonical.at("/payload/evidence").isArray()).isTrue();
        assertThat(canonical.at("/payload/evidence").size()).isEqualTo(1);
    }

    @Test
    void anUnexpectedDocumentElementIsRejectedAtIt() {
        MappingException e = rejected("<?xml version=\"1.0\"?><AnJian><XiaoXiBianHao>x</XiaoXiBianHao></AnJian>");

        assertThat(e.location()).isEqualTo("/AnJian");
        assertThat(e.getMessage()).contains("JingQingXianSuo or XianSuoFanKui");
    }

    @Test
    void mixedContentIsRejectedAtItsElement() {
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("<JueSe>room-operator</JueSe>",
                "<JueSe>room-operator</JueSe>stray text");

        assertThat(rejected(xml).location()).isEqualTo("/JingQingXianSuo/SheShiZhuTiLieBiao/SheShiZhuTi[1]");
    }

    @Test
    void malformedXmlIsRejectedWithItsLine() {
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("</MingCheng>", "</MingChen>");

        MappingException e = rejected(xml);

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).startsWith("The body is not well-formed XML at line");
    }

    @Test
    void aBodyThatIsNotXmlIsRejected() {
        assertThat(rejected("{\"xiaoxiId\": \"x\"}").location()).isEmpty();
        assertThat(catchThrowableOfType(MappingException.class, () -> mps.toCanonical(new byte[0])).getMessage())
                .contains("empty");
    }

    @Test
    void aDocumentInGb18030IsReadByItsDeclaration() {
        Charset gb = Charset.forName("GB18030");
        String xml = text("agency/mps-xml/clue.transfer.xml").replace("encoding=\"UTF-8\"", "encoding=\"GB18030\"");

        List<byte[]> out = mps.toCanonical(xml.getBytes(gb));

        assertThat(json(out.get(0))).isEqualTo(json("agency/mps-xml/clue.transfer.expected.json"));
    }

    @Test
    void namespacesAreIgnoredOnInput() {
        String xml = text("agency/mps-xml/clue.status.xml")
                .replace("<XianSuoFanKui BanBen=\"1.0\">",
                        "<m:XianSuoFanKui xmlns:m=\"urn:mps:jqxs:1\" BanBen=\"1.0\">")
                .replace("</XianSuoFanKui>", "</m:XianSuoFanKui>");

        List<byte[]> out = mps.toCanonical(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(json(out.get(0))).isEqualTo(json("agency/mps-xml/clue.status.expected.json"));
    }

    @Test
    void canonicalPointersTranslateToMpsXmlPaths() {
        assertThat(mps.agencyLocation("clue.transfer", "/payload/subjects/0/uscc", 0))
                .hasValue("/JingQingXianSuo/SheShiZhuTiLieBiao/SheShiZhuTi[1]/TYSHXYDM");
        assertThat(mps.agencyLocation("clue.transfer", "/handling/classification", 0))
                .hasValue("/JingQingXianSuo/ChuLiYaoQiu/@MiJi");
        assertThat(mps.agencyLocation("clue.status", "/messageId", 0)).hasValue("/XianSuoFanKui/XiaoXiBianHao");
        assertThat(mps.agencyLocation("clue.status", "/type", 0)).hasValue("/XianSuoFanKui");
        assertThat(mps.agencyLocation("clue.transfer", "/payload/jurisdiction/divisionCode", 0))
                .hasValue("/JingQingXianSuo/GuanXia/@XZQHDM");
    }

    private MappingException rejected(String xml) {
        return catchThrowableOfType(MappingException.class,
                () -> mps.toCanonical(xml.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The XML parser refuses what OWASP lists for XXE and entity expansion, with a rejection and quickly, and never reads
 * a file or opens a connection: a local HTTP server stands in for the attacker's and must see no request.
 */
class XmlSecurityTest {

    private final AgencyFormat mps = TestFiles.format("mps-xml");
    private HttpServer attacker;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startAttackerServer() throws IOException {
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] dtd = "<!ENTITY % all \"<!ENTITY leak 'LEAKED'>\"> %all;".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        attacker.start();
    }

    @AfterEach
    void stopAttackerServer() {
        attacker.stop(0);
    }

    private String attackerUrl() {
        return "http://127.0.0.1:" + attacker.getAddress().getPort() + "/evil.dtd";
    }

    @Test
    void classicXxeReadingEtcPasswdIsRejected() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE JingQingXianSuo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <JingQingXianSuo BanBen="1.0"><JianYaoQingKuang>&xxe;</JianYaoQingKuang></JingQingXianSuo>
                """;

        MappingException e = refusedQuickly(xml);

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRejectedQuickly() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            String prev = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">\n");
        }
        xml.append("]>\n<JingQingXianSuo><JianYaoQingKuang>&lol9;</JianYaoQingKuang></JingQingXianSuo>");

        MappingException e = refusedQuickly(xml.toString());

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).contains("entity expansion");
    }

    @Test
    void anExternalDtdIsNeitherLoadedNorAccepted() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE JingQingXianSuo SYSTEM \"" + attackerUrl() + "\">\n"
                + "<JingQingXianSuo BanBen=\"1.0\"/>";

        MappingException e = refusedQuickly(xml);

        assertThat(e.getMessage()).contains("DOCTYPE");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aParameterEntityOutOfBandExfiltrationIsRejectedWithoutAConnection() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE JingQingXianSuo [\n <!ENTITY % remote SYSTEM \""
                + attackerUrl() + "\">\n %remote;\n]>\n<JingQingXianSuo>&leak;</JingQingXianSuo>";

        refusedQuickly(xml);

        assertThat(requests).hasValue(0);
    }

    @Test
    void anInternalSubsetWithoutEntitiesIsRefusedToo() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE JingQingXianSuo [ <!ELEMENT JingQingXianSuo ANY> ]>\n"
                + "<JingQingXianSuo BanBen=\"1.0\"/>";

        assertThat(refusedQuickly(xml).getMessage()).contains("DOCTYPE");
    }

    @Test
    void xincludeIsNotProcessed() {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<XianSuoFanKui xmlns:xi=\"http://www.w3.org/2001/XInclude\" BanBen=\"1.0\">"
                + "<ChuZhiZhuangTai>01</ChuZhiZhuangTai>"
                + "<BeiZhu><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></BeiZhu>"
                + "<YuanYin><xi:include href=\"" + attackerUrl() + "\" parse=\"text\"/></YuanYin>"
                + "</XianSuoFanKui>";

        List<byte[]> out = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> mps.toCanonical(xml.getBytes(StandardCharsets.UTF_8)));

        // The include is an ordinary (unknown) element: nothing was read or fetched.
        String canonical = TestFiles.utf8(out.get(0));
        assertThat(canonical).doesNotContain("root:").contains("\"include\"");
        assertThat(requests).hasValue(0);
    }

    @Test
    void entityReferencesWithoutADeclarationAreRejected() {
        String xml = "<?xml version=\"1.0\"?><JingQingXianSuo><JianYaoQingKuang>&xxe;</JianYaoQingKuang>"
                + "</JingQingXianSuo>";

        MappingException e = refusedQuickly(xml);

        assertThat(e.getMessage()).contains("not well-formed XML");
    }

    @Test
    void predefinedAndCharacterEntitiesStillWork() {
        String xml = "<?xml version=\"1.0\"?><XianSuoFanKui BanBen=\"1.0\"><ChuZhiZhuangTai>01</ChuZhiZhuangTai>"
                + "<BeiZhu>a &amp; b &lt;c&gt; &#x4E2D;&#25991;</BeiZhu></XianSuoFanKui>";

        String canonical = TestFiles.utf8(mps.toCanonical(xml.getBytes(StandardCharsets.UTF_8)).get(0));

        assertThat(canonical).contains("\"note\":\"a & b <c> 中文\"");
    }

    @Test
    void deeplyNestedElementsAreRejectedNotOverflowed() {
        String xml = "<JingQingXianSuo>" + "<a>".repeat(50_000) + "</a>".repeat(50_000) + "</JingQingXianSuo>";

        MappingException e = refusedQuickly(xml);

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).contains("not well-formed XML");
    }

    @Test
    void nestingBeyondTheCodecsLimitIsRejectedAtItsElement() {
        String xml = "<JingQingXianSuo>" + "<a>".repeat(40) + "x" + "</a>".repeat(40) + "</JingQingXianSuo>";

        MappingException e = refusedQuickly(xml);

        assertThat(e.location()).startsWith("/JingQingXianSuo/a/a/a/");
        assertThat(e.getMessage()).contains("nest deeper than 32");
    }

    private MappingException refusedQuickly(String xml) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2), () -> catchThrowableOfType(MappingException.class,
                () -> mps.toCanonical(xml.getBytes(StandardCharsets.UTF_8))));
    }
}

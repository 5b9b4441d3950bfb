package io.wxplatform.wechat.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeXmlTest {

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startAServerThatCountsFetches() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "<!ENTITY leaked 'leaked'>".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void keepsTheRootsChildrenInDocumentOrderWithCdataAndTextContent() {
        Map<String, String> fields = SafeXml.parseFields("""
                <xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1348831860</CreateTime>
                <Content><![CDATA[ a <b> & "c" ]]></Content><Escaped>x &amp; y &#20320;</Escaped><Empty/></xml>""");

        assertThat(fields)
                .containsExactly(
                        entry("ToUserName", "gh_1"),
                        entry("CreateTime", "1348831860"),
                        entry("Content", " a <b> & \"c\" "),
                        entry("Escaped", "x & y 你"),
                        entry("Empty", ""));
    }

    @Test
    void flattensNestedElementsWithDottedKeys() {
        Map<String, String> fields = SafeXml.parseFields("""
                <xml><MsgType><![CDATA[event]]></MsgType>
                  <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>
                  <SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Poiname><![CDATA[]]></Poiname></SendLocationInfo>
                </xml>""");

        assertThat(fields)
                .containsExactly(
                        entry("MsgType", "event"),
                        entry("ScanCodeInfo.ScanType", "qrcode"),
                        entry("ScanCodeInfo.ScanResult", "1"),
                        entry("SendLocationInfo.Location_X", "23"),
                        entry("SendLocationInfo.Poiname", ""));
    }

    @Test
    void indexesListItemsEvenWhenThereIsOnlyOne() {
        Map<String, String> one = SafeXml.parseFields("""
                <xml><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item></PicList>
                </SendPicsInfo></xml>""");
        Map<String, String> two = SafeXml.parseFields("""
                <xml><SendPicsInfo><Count>2</Count><PicList>
                <item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item>
                </PicList></SendPicsInfo></xml>""");

        assertThat(one).containsEntry("SendPicsInfo.PicList.item[0].PicMd5Sum", "aaa");
        assertThat(two)
                .containsEntry("SendPicsInfo.Count", "2")
                .containsEntry("SendPicsInfo.PicList.item[0].PicMd5Sum", "aaa")
                .containsEntry("SendPicsInfo.PicList.item[1].PicMd5Sum", "bbb");
    }

    @Test
    void indexesAnyNameRepeatedAmongSiblings() {
        Map<String, String> fields = SafeXml.parseFields("""
                <xml><ArticleUrlResult><Count>2</Count><ResultList><Url>u1</Url><Url>u2</Url></ResultList>
                </ArticleUrlResult></xml>""");

        assertThat(fields)
                .containsEntry("ArticleUrlResult.ResultList.Url[0]", "u1")
                .containsEntry("ArticleUrlResult.ResultList.Url[1]", "u2");
    }

    @Test
    void refusesAnyDoctype() {
        assertReason("<!DOCTYPE xml><xml><A>1</A></xml>", Reason.DTD_FORBIDDEN);
        assertReason(
                "<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE xml [<!ELEMENT xml ANY>]><xml/>", Reason.DTD_FORBIDDEN);
    }

    @Test
    void neverFetchesAnExternalEntity() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/entity";

        assertReason(
                "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + url + "\">]><xml><A>&xxe;</A></xml>", Reason.DTD_FORBIDDEN);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void neverFetchesAnExternalDtdOrParameterEntity() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dtd";

        assertReason("<!DOCTYPE xml SYSTEM \"" + url + "\"><xml><A>&leaked;</A></xml>", Reason.DTD_FORBIDDEN);
        assertReason(
                "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><xml><A>&leaked;</A></xml>",
                Reason.DTD_FORBIDDEN);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void neverReadsALocalFile() {
        assertThatThrownBy(() -> SafeXml.parseFields(
                        "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><A>&xxe;</A></xml>"))
                .isInstanceOf(XmlException.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void refusesBillionLaughsQuicklyWithoutExpandingAnything() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb = dtd + "]><xml><A>&lol9;</A></xml>";

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertReason(bomb, Reason.DTD_FORBIDDEN));
    }

    @Test
    void treatsXIncludeAsAnOrdinaryElement() {
        Map<String, String> fields = SafeXml.parseFields("""
                <xml xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></xml>""");

        assertThat(fields.values()).allMatch(String::isEmpty);
    }

    @Test
    void refusesAnUndeclaredEntityReference() {
        assertThatThrownBy(() -> SafeXml.parseFields("<xml><A>&xxe;</A></xml>")).isInstanceOf(XmlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "success", "<xml><A>1</A>", "<xml><A>1</B></xml>", "<xml/><xml/>", "{\"a\":1}"})
    void refusesMalformedDocuments(String xml) {
        assertReason(xml, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<xml/>text", "<xml/><!DOCTYPE xml>", "<xml/><A/>", "<xml/>\n<!-- open"})
    void refusesAnythingButMiscAfterTheRoot(String xml) {
        assertThatThrownBy(() -> SafeXml.parseFields(xml)).isInstanceOf(XmlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<xml><A>1</A></xml>", "<xml><A>1</A></xml >\r\n\t ", "<xml><A>1</A></xml><!-- c --> \n"})
    void acceptsWhitespaceOrCommentsAfterTheRoot(String xml) {
        assertThat(SafeXml.parseFields(xml)).containsExactly(Map.entry("A", "1"));
        assertThat(SafeXml.parseFields("<xml><B>2</B></xml>")).containsExactly(Map.entry("B", "2"));
    }

    @Test
    void refusesMissingDocuments() {
        assertReason(null, Reason.MALFORMED);
    }

    @Test
    void refusesOversizedDocuments() {
        assertReason("<xml><A>" + "x".repeat(SafeXml.MAX_CHARS) + "</A></xml>", Reason.TOO_LARGE);
        assertReason("<a>".repeat(100) + "</a>".repeat(100), Reason.TOO_LARGE);
    }

    @Test
    void escapedCdataSurvivesAParseWithTheTerminatorInside() {
        String tricky = "a]]>b]]]]>c<![CDATA[d";

        assertThat(SafeXml.escapeCdata("x]]>y")).isEqualTo("x]]]]><![CDATA[>y");
        assertThat(SafeXml.parseFields("<xml><T>" + SafeXml.cdata(tricky) + "</T></xml>"))
                .containsEntry("T", tricky);
    }

    @Test
    void aReaderReusedAfterRefusalsStillRefusesAndStillReadsFromTheStart() {
        for (int round = 0; round < 3; round++) {
            assertReason("<!DOCTYPE xml [<!ENTITY x \"boom\">]><xml><A>&x;</A></xml>", Reason.DTD_FORBIDDEN);
            assertReason("<xml><A>1</B></xml>", Reason.MALFORMED);
            assertThat(SafeXml.parseFields("<xml><A>" + round + "</A><B><![CDATA[b]]></B></xml>"))
                    .containsExactly(Map.entry("A", Integer.toString(round)), Map.entry("B", "b"));
            assertReason("<!DOCTYPE xml><xml><A>1</A></xml>", Reason.DTD_FORBIDDEN);
        }
    }

    private static void assertReason(String xml, Reason reason) {
        assertThatThrownBy(() -> SafeXml.parseFields(xml))
                .isInstanceOfSatisfying(
                        XmlException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

package io.secho.conformance.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.InProcessHarness;
import io.secho.conformance.requirements.SpecTexts;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report: a hostile target's bytes stay text, nothing loads from anywhere, and each case shows what a
 * student needs (its requirements in the spec's words, what was expected and seen, the trace, the replay
 * command, its client runs).
 */
class HtmlReportTest {
    private static final Pattern ATTRIBUTE_URL = Pattern.compile("\\b(src|href|action|data|poster)\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    private static String fixturePage() {
        return HtmlReport.render(JsonReport.toJson(HtmlFixture.summary()), Optional.of(HtmlFixture::replay));
    }

    @Test
    void aHostileTargetsBytesStayText() {
        String page = fixturePage();
        assertFalse(page.contains("<script>alert(1)"), "the payload became markup");
        assertFalse(page.contains("<img"), "the payload became markup");
        assertTrue(page.contains("&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;"), "the tag is text");
        assertTrue(page.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the payload is shown as text");
        assertEquals(1, count(page, "<script"), "the page's own script only");
        assertFalse(page.contains("\u0000") || page.contains("\u001b"), "control characters are shown escaped");
        assertTrue(page.contains("\\x00") && page.contains("\\x1b[31m"), "control characters shown as escapes");
    }

    @Test
    void escapeLeavesNoMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;", HtmlPage.escape(
                "<a href=\"x\" onclick='y'>&amp;"));
        assertEquals("a\\x00b\nc\\x7f\uFFFD", HtmlPage.escape("a\u0000b\nc\u007f\uD800"));
        assertEquals("\uD83D\uDE00", HtmlPage.escape("\uD83D\uDE00"), "a character beyond the BMP stays whole");
    }

    @Test
    void thePageLoadsNothingFromAnywhere() {
        assertSelfContained(fixturePage());
    }

    @Test
    void everyCaseShowsItsRequirementsInTheSpecsWordsItsTraceAndItsReplayCommand() throws IOException {
        String page = fixturePage();
        String sentence = specSentence("REQ-REC-6");
        assertTrue(page.contains(HtmlPage.escape(sentence)), "REQ-REC-6's sentence from spec/requirements.json");
        assertTrue(page.contains("spec/secho-v1.md section " + HtmlPage.escape(specSection("REQ-REC-6"))),
                "and its section");
        String tag002 = caseBlock(page, "TAG-002");
        assertTrue(tag002.contains("data-status=\"fail\"") && tag002.contains("data-family=\"Tag rejection\""), tag002);
        assertTrue(tag002.contains("REQ-ALERT-3") && tag002.contains(HtmlPage.escape(specSentence("REQ-ALERT-3"))),
                tag002);
        assertTrue(tag002.contains("one encrypted alert record carrying bad_record_mac (0x06), then FIN"), "expected");
        assertTrue(tag002.contains("record sealed over a header with bit 13 of the length flipped"), "sent");
        assertTrue(tag002.contains("ClientHello x25519 (72 bytes) 0100450001"), "the trace");
        assertTrue(tag002.contains("Connection ended</dt><dd>40 bytes [0500], then still open at the time limit"),
                "how the connection ended, from the trace: " + tag002);
        assertTrue(tag002.contains(HtmlFixture.REPLAY_PREFIX + "TAG-002"), "the replay command");
        assertFalse(caseBlock(page, "HS-001").contains(HtmlFixture.REPLAY_PREFIX), "a passing case needs no replay");
        String client = caseBlock(page, "CHS-001");
        assertTrue(client.contains("status 3 after 250 ms") && client.contains("HELLO")
                && client.contains("client: bad_record_mac from the server") && client.contains("reset"),
                "the client's exit status, stdout, stderr and ending: " + client);
        assertTrue(caseBlock(page, "TAG-003").contains("no suite completed a handshake (see HS-001)"), "what blocked it");
        assertTrue(page.contains("data-status=\"fail\" aria-pressed=\"false\">FAIL 3</button>"), "the FAIL filter");
        assertTrue(page.contains("name=\"family\" checked value=\"Client handshake\""), "a family filter");
    }

    @Test
    void theSummaryGroupsAndRequirementTableAreTheJsonReportsOwn() {
        String page = fixturePage();
        assertTrue(page.contains("127.0.0.1:8443") && page.contains(">77 <"), "target and seed");
        assertTrue(page.contains(HtmlPage.escape(ConsoleReport.verdictLine(HtmlFixture.summary()))), "the verdict");
        assertTrue(page.contains("<span class=\"count-fail\">3</span>"), "counts per status");
        // Failures grouped as the console does: the biggest group first, each with its cases.
        assertTrue(page.contains("<li>REQ-REC-6: <a href=\"#case-TAG-002\">TAG-002</a> <a href=\"#case-TAG-004\">"
                + "TAG-004</a> <a href=\"#case-LIM-005\">LIM-005</a> <a href=\"#case-CHS-001\">CHS-001</a> (4)</li>"),
                page);
        assertTrue(page.contains("<li>no suite completed a handshake (see HS-001): <a href=\"#case-TAG-003\">"), page);
        // REQ-REC-6 is checked by cases that passed, failed and warned: the requirement table shows the worst.
        Matcher row = Pattern.compile("<tr id=\"req-REQ-REC-6\" data-status=\"([a-z-]+)\">").matcher(page);
        assertTrue(row.find(), "REQ-REC-6's row");
        assertEquals("fail", row.group(1));
        Matcher error = Pattern.compile("<tr id=\"req-REQ-ECHO-1\" data-status=\"([a-z-]+)\">").matcher(page);
        assertTrue(error.find() && error.group(1).equals("error"), "a harness error is the worst");
    }

    @Test
    void aLabWeaknessIsQuotedFromTheLabProfile() throws IOException {
        String profile = Files.readString(Path.of("../spec/lab-profile.md"), StandardCharsets.UTF_8);
        SpecTexts.Text w3 = HtmlSpecText.of("LAB-W3").orElseThrow();
        assertTrue(w3.sentence().startsWith("A record whose first byte is 0x0a is taken for the end marker (fault)"),
                w3.sentence());
        assertTrue(w3.sentence().endsWith("(section 11)."), "the whole bullet, over its lines: " + w3.sentence());
        assertTrue(w3.section().endsWith("8. Known weaknesses"), w3.section());
        assertTrue(profile.contains("- **LAB-R4** Echo."), "the profile still words LAB-R4 so");
        assertTrue(HtmlSpecText.of("LAB-R4").orElseThrow().sentence().startsWith("Echo."));
        assertEquals(100, HtmlSpecText.all().keySet().stream().filter(id -> id.startsWith("REQ-")).count(),
                "every requirement of spec/requirements.json");
    }

    @Test
    void aRunWritesItBesideTheJsonAndXml(@TempDir Path dir) throws IOException {
        InProcessHarness.run(Map.of(TargetConfig.CASE, "HS-001,TAG-004", TargetConfig.SEED, "5"), dir);
        Path html = dir.resolve(HtmlReport.FILE_NAME);
        assertTrue(Files.isRegularFile(dir.resolve(JsonReport.FILE_NAME)) && Files.isRegularFile(html), dir.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertSelfContained(page);
        assertTrue(page.contains("id=\"case-HS-001\"") && page.contains("id=\"case-TAG-004\""), "both cases");
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(JsonReport.FILE_NAME))).getAsJsonObject();
        assertEquals(HtmlReport.render(json, Optional.empty()).replaceAll("(?s)<h3>Replay</h3>\n<pre class=\"replay\">"
                + ".*?</pre>\n", ""), page.replaceAll("(?s)<h3>Replay</h3>\n<pre class=\"replay\">.*?</pre>\n", ""),
                "the page is the JSON report's, rendered again from the file");
    }

    /** A real run against a server that answers a ClientHello with markup: the page shows it, as text. */
    @Test
    void aServerThatAnswersWithMarkupGetsItShownAsText(@TempDir Path dir) throws IOException {
        byte[] payload = "</pre><script>alert(1)</script>\n".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> answerEveryConnection(server, payload), "markup-server");
            acceptor.setDaemon(true);
            acceptor.start();
            // The server answers at once; the generous time limit only keeps a loaded machine from turning
            // "answered with markup" into "never answered" (CI saw the 500 ms limit run out).
            InProcessHarness.runWithOnly(Map.of(TargetConfig.TARGET, "127.0.0.1:" + server.getLocalPort(),
                    TargetConfig.CASE, "HS-001", TargetConfig.IO_TIMEOUT, "20s", TargetConfig.SEED, "3"), dir);
        }
        String json = Files.readString(dir.resolve(JsonReport.FILE_NAME), StandardCharsets.UTF_8);
        assertTrue(json.contains("</pre><script>alert(1)</script>"), "the run recorded the answer as text: " + json);
        String page = Files.readString(dir.resolve(HtmlReport.FILE_NAME), StandardCharsets.UTF_8);
        assertFalse(page.contains("<script>alert(1)"), "the server's answer became markup");
        assertTrue(page.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "and is shown as text");
        assertEquals(1, count(page, "<script"), "the page's own script only");
        assertSelfContained(page);
    }

    /** Answers each connection's first bytes with the payload, then reads until the harness leaves. */
    private static void answerEveryConnection(ServerSocket server, byte[] payload) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread serve = new Thread(() -> {
                    try (socket) {
                        InputStream in = socket.getInputStream();
                        if (in.read(new byte[4096]) >= 0) {
                            socket.getOutputStream().write(payload);
                            socket.getOutputStream().flush();
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                    } catch (IOException e) {
                        // The harness hung up: that connection is over.
                    }
                }, "markup-server-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Test
    void somethingThatIsNoReportIsRefused() {
        JsonObject other = new JsonObject();
        other.addProperty("format", "something-else/1");
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(other, Optional.empty()));
    }

    /** No address of any host in an attribute, no http(s) anywhere, nothing but the page's own anchors. */
    static void assertSelfContained(String page) {
        assertFalse(page.contains("http://") || page.contains("https://"), "an address of another host");
        List<String> urls = new ArrayList<>();
        Matcher matcher = ATTRIBUTE_URL.matcher(page);
        while (matcher.find()) {
            urls.add(matcher.group(1) + "=" + matcher.group(2));
        }
        assertFalse(urls.isEmpty(), "the page has its own links");
        urls.forEach(url -> assertTrue(url.startsWith("href=#"), "a resource or link off the page: " + url));
        assertFalse(page.contains("@import") || page.contains("url("), "style that loads something");
    }

    private static String caseBlock(String page, String id) {
        int start = page.indexOf("<details class=\"case\" id=\"case-" + id + "\"");
        assertTrue(start >= 0, "no case " + id);
        return page.substring(start, page.indexOf("</details>", start));
    }

    private static String specSentence(String id) throws IOException {
        return specField(id, "text");
    }

    private static String specSection(String id) throws IOException {
        return specField(id, "section");
    }

    /** From the spec's file itself, not from the copy in the harness. */
    private static String specField(String id, String field) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(Path.of("../spec/requirements.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        for (var element : root.getAsJsonArray("requirements")) {
            if (element.getAsJsonObject().get("id").getAsString().equals(id)) {
                return element.getAsJsonObject().get(field).getAsString();
            }
        }
        throw new AssertionError(id + " not in spec/requirements.json");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

package io.secho.conformance.report;

import com.google.gson.JsonObject;
import io.secho.conformance.Family;
import io.secho.conformance.Level;
import io.secho.conformance.cli.ConformanceMain;
import io.secho.conformance.targets.TargetDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JUnit XML report as Jenkins, GitLab and GitHub read it: what is red agrees with the exit code, a
 * failure says what came back, every suite has its time, timestamp and hostname, and the numbers are
 * the same in every locale.
 */
class JunitXmlReportTest {
    private static final String HOST = "ci-runner-7";

    private static CaseResult result(String id, Level level, Verdict verdict, VerdictDetail detail, String message) {
        return new CaseResult(id, "case " + id, Family.ofCaseId(id).orElseThrow(), level, List.of("REQ-REC-6", "REQ-REC-7"),
                "", verdict, 1234, message, detail, "   1ms C->S ClientHello", "");
    }

    private static RunSummary summary(Optional<String> incomplete, Optional<Baseline> baseline, CaseResult... cases) {
        return new RunSummary(RunSummary.V1, new TargetDescription(TargetDescription.Kind.ADDRESS,
                Optional.of("server.example:8443"), Optional.empty(), Optional.empty()), OptionalLong.of(77),
                Instant.parse("2024-05-06T07:08:09.123Z"), 65_432, List.of(), List.of(cases), incomplete, baseline);
    }

    private static final VerdictDetail.Mismatch MISMATCH = new VerdictDetail.Mismatch(List.of("REQ-REC-6"),
            "alert bad_record_mac, then FIN", "record seq 1 with its tag's last bit flipped",
            "record seq 1: data \"HELLO\" <&> [48454c4c4f]\nthen the connection stayed open");

    /** One case of each verdict, each as a CI server must show it. */
    private static RunSummary everyVerdict(Optional<Baseline> baseline) {
        return summary(Optional.empty(), baseline,
                result("TAG-001", Level.MUST, Verdict.PASS, VerdictDetail.NONE, ""),
                result("TAG-002", Level.MUST, Verdict.FAIL, MISMATCH, "REQ-REC-6: alert bad_record_mac, then FIN\n  ..."),
                result("LIM-005", Level.SHOULD, Verdict.WARN, MISMATCH, "REQ-LIM-7: the idle session closed\n  ..."),
                result("LIM-004", Level.MUST, Verdict.SKIP, VerdictDetail.NONE, "needs --idle-timeout"),
                result("TAG-003", Level.MUST, Verdict.BLOCKED, new VerdictDetail.Blocked("no suite completed a handshake",
                        "HS-001", "x25519: no ServerHello"), "blocked: no suite completed a handshake (see HS-001)"),
                result("LIM-008", Level.SHOULD, Verdict.BLOCKED, new VerdictDetail.Blocked("the first echo failed", "",
                        ""), "blocked: the first echo failed"),
                result("ECHO-001.3", Level.MUST, Verdict.ERROR, VerdictDetail.NONE, "the harness ran out of memory"));
    }

    @Test
    void eachVerdictShowsAsTheExitCodeCountsIt() {
        Document xml = ReportChecks.validJunitXml(JunitXmlReport.render(everyVerdict(Optional.empty()), HOST));
        Map<String, Element> cases = testcases(xml);
        assertEquals("", ReportChecks.result(cases.get("TAG-001")));
        assertEquals("failure", ReportChecks.result(cases.get("TAG-002")));
        assertEquals("skipped", ReportChecks.result(cases.get("LIM-005")), "a SHOULD warning is not red");
        assertTrue(child(cases.get("LIM-005"), "skipped").getAttribute("message").startsWith("SHOULD not met: "));
        assertEquals("needs --idle-timeout", child(cases.get("LIM-004"), "skipped").getAttribute("message"));
        assertEquals("BLOCKED", child(cases.get("TAG-003"), "error").getAttribute("type"));
        assertEquals("skipped", ReportChecks.result(cases.get("LIM-008")),
                "a blocked SHOULD case does not change the exit code, so it is not red");
        assertEquals("ERROR", child(cases.get("ECHO-001.3"), "error").getAttribute("type"));

        Element root = xml.getDocumentElement();
        assertEquals(List.of("7", "1", "2", "3"), List.of(root.getAttribute("tests"), root.getAttribute("failures"),
                root.getAttribute("errors"), root.getAttribute("skipped")));
        assertEquals("65.432", root.getAttribute("time"));
        assertEquals("2024-05-06T07:08:09", root.getAttribute("timestamp"));
        for (Element suite : ReportChecks.children(root, "testsuite")) {
            assertEquals(HOST, suite.getAttribute("hostname"));
            assertEquals("2024-05-06T07:08:09", suite.getAttribute("timestamp"));
            assertTrue(suite.getAttribute("time").matches("\\d+\\.\\d{3}"), suite.getAttribute("time"));
        }
        assertEquals("1.234", cases.get("TAG-001").getAttribute("time"));
    }

    @Test
    void aFailureSaysWhatCameBackAndKeepsEachPartAsAProperty() {
        Document xml = ReportChecks.validJunitXml(JunitXmlReport.render(everyVerdict(Optional.empty()), HOST));
        Element testcase = testcases(xml).get("TAG-002");
        Element failure = child(testcase, "failure");
        assertEquals("REQ-REC-6", failure.getAttribute("type"), "the requirement that was not met");
        assertEquals("alert bad_record_mac, then FIN; received: record seq 1: data \"HELLO\" <&> [48454c4c4f] \u23ce then "
                + "the connection stayed open", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().startsWith("REQ-REC-6: alert bad_record_mac"), failure.getTextContent());
        Map<String, String> properties = ReportChecks.properties(testcase);
        assertEquals("FAIL", properties.get("verdict"));
        assertEquals("REQ-REC-6 REQ-REC-7", properties.get("requirement"));
        assertEquals("REQ-REC-6", properties.get("failed-requirement"));
        assertEquals(MISMATCH.expected(), properties.get("expected"));
        assertEquals(MISMATCH.sent(), properties.get("sent"));
        assertEquals("record seq 1: data \"HELLO\" <&> [48454c4c4f] \u23ce then the connection stayed open",
                properties.get("received"), "a line break in an attribute would be read as a space: it is shown");
        assertEquals("   1ms C->S ClientHello", child(testcase, "system-out").getTextContent());

        Map<String, String> blocked = ReportChecks.properties(testcases(xml).get("TAG-003"));
        assertEquals("no suite completed a handshake", blocked.get("blocked.cause"));
        assertEquals("HS-001", blocked.get("blocked.see"));
        assertEquals("x25519: no ServerHello", blocked.get("blocked.detail"));
        Element warned = testcases(xml).get("LIM-005");
        assertTrue(child(warned, "system-out").getTextContent().startsWith("REQ-LIM-7: the idle session closed"),
                "a skipped case keeps its whole message in its output");
    }

    @Test
    void aBaselineTurnsItsExpectedFailuresGreenAndACaseThatNowPassesRed() {
        Baseline baseline = new Baseline("expect.txt", List.of(
                entry("TAG-002", 1, "we check the nonce before the tag (issue 17)"), entry("TAG-003", 2, "no x25519 yet"),
                entry("TAG-001", 3, "was broken once"), entry("ECHO-001.3", 4, "flaky")));
        RunSummary summary = everyVerdict(Optional.of(baseline));
        Map<String, Element> cases = testcases(ReportChecks.validJunitXml(JunitXmlReport.render(summary, HOST)));
        assertEquals("expected failure (--expect: we check the nonce before the tag (issue 17)): REQ-REC-6: alert "
                + "bad_record_mac, then FIN \u23ce ...", child(cases.get("TAG-002"), "skipped").getAttribute("message"));
        assertEquals("skipped", ReportChecks.result(cases.get("TAG-003")));
        Element nowPasses = child(cases.get("TAG-001"), "failure");
        assertEquals(JunitOutcome.BASELINE_TYPE, nowPasses.getAttribute("type"));
        assertTrue(nowPasses.getAttribute("message").contains("remove it from the baseline"), nowPasses.getAttribute("message"));
        assertEquals("error", ReportChecks.result(cases.get("ECHO-001.3")), "a harness error is never expected away");
        assertEquals(List.of("TAG-001"), summary.judgement().orElseThrow().nowPassing(), "the exit code's view");
    }

    @Test
    void aRunCutShortHasARedTestcaseOfItsOwnEvenIfEveryCaseItJudgedPassed() {
        RunSummary summary = summary(Optional.of("the run was interrupted"), Optional.empty(),
                result("TAG-001", Level.MUST, Verdict.PASS, VerdictDetail.NONE, ""));
        Document xml = ReportChecks.validJunitXml(JunitXmlReport.render(summary, HOST));
        Element error = child(testcases(xml).get("the"), "error");
        assertEquals("INCOMPLETE", error.getAttribute("type"));
        assertEquals("the run is incomplete: the run was interrupted", error.getAttribute("message"));
        assertEquals("1", xml.getDocumentElement().getAttribute("errors"));
        assertEquals("2", xml.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void whatAServerSentNeverBreaksTheDocument() {
        String hostile = "\u0000\u0007 NUL and BEL, a lone \ud800 surrogate, ]]> and \"quotes\" & <tags>, \ud83d\ude00";
        VerdictDetail.Mismatch mismatch = new VerdictDetail.Mismatch(List.of("REQ-ECHO-1"), "\"HI\"", hostile, hostile);
        RunSummary summary = summary(Optional.empty(), Optional.empty(), result("ECHO-002", Level.MUST, Verdict.FAIL,
                mismatch, "REQ-ECHO-1: " + hostile));
        Element testcase = testcases(ReportChecks.validJunitXml(JunitXmlReport.render(summary, HOST))).get("ECHO-002");
        assertEquals("\\u0000\\u0007 NUL and BEL, a lone \\ud800 surrogate, ]]> and \"quotes\" & <tags>, \ud83d\ude00",
                ReportChecks.properties(testcase).get("received"));
        assertTrue(child(testcase, "failure").getTextContent().endsWith("<tags>, \ud83d\ude00"));
    }

    /**
     * The jar under a German and a Turkish locale (a decimal comma; a dotless i): every number in both reports
     * is written the same, and both still validate. Each run is a JVM of its own, so no other test sees the
     * locale.
     */
    @ParameterizedTest
    @CsvSource({"de,DE", "tr,TR"})
    void theReportsAreTheSameInEveryLocale(String language, String country, @TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=" + language, "-Duser.country=" + country,
                "-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName(),
                "--case", "TAG-004,HS-001", "--seed", "11", "--report-dir", reports.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the harness did not finish");
        String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        JsonObject json = ReportChecks.assertReportsAgree(reports);
        assertEquals(11, json.get("seed").getAsLong());
        String xml = Files.readString(reports.resolve(JunitXmlReport.FILE_NAME), StandardCharsets.UTF_8);
        List<String> times = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(" time=\"([^\"]*)\"").matcher(xml);
        while (matcher.find()) {
            times.add(matcher.group(1));
        }
        assertEquals(5, times.size(), "testsuites, two suites, two cases: " + times);
        times.forEach(time -> assertTrue(time.matches("\\d+\\.\\d{3}"), language + "_" + country + " wrote " + time));
    }

    private static Map<String, Element> testcases(Document xml) {
        Map<String, Element> byId = new java.util.HashMap<>();
        NodeList nodes = xml.getElementsByTagName("testcase");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element testcase = (Element) nodes.item(i);
            byId.put(testcase.getAttribute("name").split(" ", 2)[0], testcase);
        }
        return byId;
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = ReportChecks.children(parent, tag);
        assertEquals(1, found.size(), parent.getAttribute("name") + " has no single <" + tag + ">");
        return found.get(0);
    }

    private static Baseline.Entry entry(String id, int line, String reason) {
        return new Baseline.Entry(id, line, Optional.empty(), Optional.empty(), reason);
    }
}

package io.secho.conformance.report;

import io.secho.conformance.Family;
import io.secho.conformance.Level;
import io.secho.conformance.targets.TargetDescription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run with a case of every verdict, a client case with its client runs, and a hostile target's bytes in every
 * field a target can fill (what came back, the trace, what a client printed): what the HTML report must show,
 * and show as text.
 */
final class HtmlFixture {
    /** What a hostile server sends back: it must stay text in the page. */
    static final String HOSTILE = "</pre><script>alert(1)</script><img src=x onerror=alert(2)>\"'&\u0000\u001b[31m";
    static final String REPLAY_PREFIX = "java -jar secho-conformance.jar --target 127.0.0.1:8443 --seed 77 --case ";
    static final String TRACE = "   1ms      connected to 127.0.0.1:8443 from local port 40000\n"
            + "   2ms C->S ClientHello x25519 (72 bytes) 0100450001\n"
            + "   5ms S->C record frame (40 bytes) " + HOSTILE + "\n"
            + "3007ms      until the end: 40 bytes [0500], then still open at the time limit after 3002 ms";

    private HtmlFixture() {
    }

    static CaseResult result(String id, Level level, Verdict verdict, VerdictDetail detail, String message,
                             String clientRuns, String... requirements) {
        return new CaseResult(id, "case " + id + " name", Family.ofCaseId(id).orElseThrow(), level,
                List.of(requirements), "one encrypted alert record, then FIN", verdict, 12, message, detail, TRACE,
                verdict == Verdict.ERROR ? "java.lang.IllegalStateException: boom" : "", clientRuns);
    }

    static final VerdictDetail.Mismatch MISMATCH = new VerdictDetail.Mismatch(List.of("REQ-REC-6"),
            "one encrypted alert record carrying bad_record_mac (0x06), then FIN",
            "record sealed over a header with bit 13 of the length flipped", "record (seq 1: data " + HOSTILE + ")");

    static final String CLIENT_RUNS = "[{\"suite\":\"x25519\",\"messages\":2,\"exitStatus\":3,\"killed\":false,"
            + "\"millis\":250,\"stdout\":[\"HELLO\",\"" + HOSTILE.replace("\"", "\\\"").replace("\u0000", "\\u0000")
            .replace("\u001b", "\\u001b") + "\"],\"stdoutBytes\":60,\"stderrTail\":[\"client: bad_record_mac from the "
            + "server\"],\"connection\":{\"connected\":true,\"sent\":[\"ClientHello x25519 (72 bytes)\"],"
            + "\"ending\":\"reset\",\"resetAfterFin\":false}}]";

    /** PASS, FAIL (hostile), WARN, SKIP, BLOCKED, ERROR and a failed client case. */
    static RunSummary summary() {
        return new RunSummary(RunSummary.V1, new TargetDescription(TargetDescription.Kind.ADDRESS,
                Optional.of("127.0.0.1:8443"), Optional.empty(), Optional.empty()), OptionalLong.of(77),
                Instant.parse("2026-05-06T07:08:09.123Z"), 4321, List.of("x25519: a handshake completed"), List.of(
                result("HS-001", Level.MUST, Verdict.PASS, VerdictDetail.NONE, "", "", "REQ-HS-1"),
                result("TAG-002", Level.MUST, Verdict.FAIL, MISMATCH, "REQ-REC-6: bad_record_mac expected\n  received: "
                        + HOSTILE, "", "REQ-REC-6", "REQ-ALERT-3"),
                result("TAG-004", Level.MUST, Verdict.FAIL, MISMATCH, "REQ-REC-6: bad_record_mac expected", "",
                        "REQ-REC-6"),
                result("LIM-005", Level.SHOULD, Verdict.WARN, MISMATCH, "REQ-REC-6: the idle session closed", "",
                        "REQ-REC-6"),
                result("LIM-004", Level.MUST, Verdict.SKIP, VerdictDetail.NONE, "needs --idle-timeout", "", "REQ-LIM-3"),
                result("TAG-003", Level.MUST, Verdict.BLOCKED, new VerdictDetail.Blocked("no suite completed a handshake",
                        "HS-001", ""), "no suite completed a handshake (see HS-001)", "", "REQ-REC-7"),
                result("ECHO-002", Level.MUST, Verdict.ERROR, VerdictDetail.NONE, "the harness failed in this case: boom",
                        "", "REQ-ECHO-1"),
                result("CHS-001", Level.MUST, Verdict.FAIL, MISMATCH, "REQ-REC-6: the client printed a forged reply",
                        CLIENT_RUNS, "REQ-REC-6")),
                Optional.empty(), Optional.empty());
    }

    static String replay(String id) {
        return REPLAY_PREFIX + id;
    }
}

package io.secho.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of secho-reference.jar's command line, in process, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SechoCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** With {@code stdin} (UTF-8) as the client's standard input. */
    static CliRun withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SechoCli.execute(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Exit code 2, the cause on one line (containing {@code expected}), the hint on a second, nothing else. */
    void assertUsageError(String expected) {
        assertEquals(2, exitCode, err);
        List<String> lines = errLines();
        assertEquals(2, lines.size(), "a usage error is the cause and a hint, not the help text:\n" + err);
        assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in:\n" + err);
        assertTrue(lines.get(1).matches("See 'secho-reference( \\w+)? --help'\\."), "the hint:\n" + err);
        assertNoJavaNames();
    }

    void assertNoJavaNames() {
        for (String text : new String[] {out, err}) {
            assertFalse(text.contains("\tat ") || text.contains("Exception") || text.contains("java.")
                    || text.matches("(?s).*\\bPT\\d.*"), "a Java name, a stack trace or a raw Duration:\n" + text);
        }
    }
}

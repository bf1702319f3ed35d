package io.secho.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every command of secho-reference.jar shares: its help, its usage errors, and the keys it never echoes. */
class CommandLineConventionsTest {
    private static final String KEY_HEX = "c0ffee0123456789abcdef9876543210deadbeefcafef00d0badc0de13572468";
    /** The kind of raw key the lab's programs hard-code. */
    private static final String RAW_KEY = "Sixteen byte key";
    private static final Pattern PICOCLI_DEFAULT_LABEL = Pattern.compile("=<\\w+>");

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "demo", "keygen"})
    void everyCommandsHelpHasLabelsAndExitCodes(String command) {
        CliRun help = CliRun.run(command, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("Exit codes:") && help.out().contains("  0   "), help.out());
        assertFalse(PICOCLI_DEFAULT_LABEL.matcher(help.out()).find(), "every option has a label:\n" + help.out());
        help.assertNoJavaNames();
        CliRun viaHelpCommand = CliRun.run("help", command);
        assertEquals(0, viaHelpCommand.exitCode(), viaHelpCommand.err());
        assertEquals(help.out(), viaHelpCommand.out(), "'help " + command + "' is '" + command + " --help'");
    }

    @Test
    void serverAndClientHelpGroupTheirOptions() {
        String server = CliRun.run("server", "--help").out();
        assertInOrder(server, "Listening:", "--host=HOST", "--port=PORT", "Suites and keys:", "--suite=SUITE",
                "--psk-file=FILE", "Timeouts and limits:", "--handshake-timeout=DURATION", "(default: 10s;",
                "--idle-timeout=DURATION", "(default: 5m)", "--max-connections=N", "Lab profile (--profile lab):",
                "--profile=v1|lab", "--key-file=FILE", "Exit codes:");
        String client = CliRun.run("client", "--help").out();
        assertInOrder(client, "Server and messages:", "--host=HOST", "--port=PORT", "--message=TEXT",
                "Suites and keys:", "--suite=SUITE", "--psk-file=FILE", "SECHO_PSK", "Timeouts:",
                "--timeout=DURATION", "(default: 10s;", "Lab profile (--profile lab):", "Exit codes:");
    }

    @Test
    void theTopLevelHelpListsEveryCommandAndTheHelpCommandWorks() {
        CliRun help = CliRun.run("help");
        assertEquals(0, help.exitCode(), help.err());
        assertInOrder(help.out(), "server", "client", "demo", "keygen", "help", "Exit codes:", "Examples:");
        assertEquals(help.out(), CliRun.run("--help").out());
    }

    @Test
    void aUsageErrorIsTheCauseAndAHint() {
        CliRun.run("server", "--port", "abc").assertUsageError("--port': 'abc' is not a whole number");
        CliRun.run("server", "--max-connections", "99999999999").assertUsageError("'99999999999' is out of range");
        CliRun.run("client", "--timeout", "-5s").assertUsageError("'-5s' is negative");
        CliRun.run("client", "--timeout", "soon").assertUsageError("'soon' is not a duration (examples: 10s, 500ms");
        CliRun.run("server", "--handshake-timeout", "0").assertUsageError("handshake timeout must be more than 0");
        CliRun.run("server", "--handshake-timeout", "31s").assertUsageError("at most 30s");
        CliRun.run("keygen").assertUsageError("missing required option: '--out=FILE'");
        CliRun.run("serve").assertUsageError("unknown command 'serve' (did you mean server?)");
        CliRun.run("client", "hello").assertUsageError("unexpected argument 'hello'");
        CliRun.run().assertUsageError("choose a command: server, client, demo, keygen or help");
        CliRun.run("help", "nope").assertUsageError("nope");
    }

    /** {@code server --psk <key>}: picocli itself would print "Unknown options: '--psk', '<key>'". */
    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "demo", "keygen"})
    void anUnknownOptionsValueIsNeverEchoed(String command) {
        String[][] extras = {
            {"--psk", KEY_HEX},
            {"--psk=" + KEY_HEX},
            {"--key", RAW_KEY},
            {KEY_HEX},
            {RAW_KEY},
            {"-k" + KEY_HEX},
            {"--verbose", "--psk", KEY_HEX.toUpperCase(java.util.Locale.ROOT)},
        };
        // keygen's required --out would be reported first; the file is never written, as the parse fails.
        List<String> base = command.equals("keygen") ? List.of(command, "--out", "/nonexistent/secho.key")
                : List.of(command);
        List<String[]> attempts = new ArrayList<>();
        for (String[] extra : extras) {
            List<String> args = new ArrayList<>(base);
            args.addAll(List.of(extra));
            attempts.add(args.toArray(String[]::new));
        }
        for (String[] args : attempts) {
            CliRun run = CliRun.run(args);
            String shown = String.join(" ", args);
            assertEquals(2, run.exitCode(), shown + ": " + run.err());
            assertNoKey(run, shown);
            assertTrue(run.err().contains("not shown"), "the user is told that something was left out: " + run.err());
            assertEquals(2, run.errLines().size(), shown + ": " + run.err());
        }
        CliRun named = CliRun.run(attempts.get(0));
        assertTrue(named.err().contains("unknown option --psk"), "the option itself is named: " + named.err());
    }

    @Test
    void anUnknownOptionIsNamedWithWhatWasMeant() {
        CliRun run = CliRun.run("server", "--psk", KEY_HEX);
        run.assertUsageError("unknown option --psk (did you mean --psk-file?)");
        assertNoKey(run, "server --psk KEY");
        assertNoKey(CliRun.run("--psk", KEY_HEX), "--psk KEY");
    }

    /** A known option given a key: the key-like text is masked whatever message carries it. */
    @Test
    void aKeyGivenToAKnownOptionIsMasked() {
        CliRun suite = CliRun.run("client", "--suite", KEY_HEX);
        assertEquals(2, suite.exitCode(), suite.err());
        assertNoKey(suite, "--suite KEY");
        CliRun pskFile = CliRun.run("client", "--psk-file", KEY_HEX, "--message", "x");
        pskFile.assertUsageError("looks like a key");
        assertNoKey(pskFile, "--psk-file KEY");
        CliRun labKeyFile = CliRun.run("client", "--profile", "lab", "--key-file", KEY_HEX.substring(0, 32));
        labKeyFile.assertUsageError("looks like a key");
        assertNoKey(labKeyFile, "--key-file KEY");
    }

    private static void assertNoKey(CliRun run, String what) {
        String printed = (run.out() + run.err()).toLowerCase(java.util.Locale.ROOT);
        for (int start = 0; start + 16 <= KEY_HEX.length(); start += 8) {
            assertFalse(printed.contains(KEY_HEX.substring(start, start + 16)), what + " echoed the key: " + printed);
        }
        assertFalse(printed.contains(RAW_KEY.toLowerCase(java.util.Locale.ROOT)), what + " echoed the key: " + printed);
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "'" + part + "' missing, or out of order, after position " + from + " in:\n" + text);
            from = at + part.length();
        }
    }
}

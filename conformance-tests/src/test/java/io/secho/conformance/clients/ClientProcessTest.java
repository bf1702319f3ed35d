package io.secho.conformance.clients;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of a client, as the contract says: messages a line each on standard input, then closed; its exit
 * status; at most 64 KiB of each output stream; killed with every process it started at the run's limit.
 */
class ClientProcessTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static ClientRunResult run(Duration limit, List<String> messages, String... words) throws IOException {
        return ClientProcess.start(List.of(words), messages).await(limit);
    }

    @Test
    void messagesGoInALineEachAndTheStreamIsClosed() throws IOException {
        // cat ends only when its input is closed: the run ending proves the harness closed it.
        ClientRunResult cat = run(LIMIT, List.of("hello", "straße ✓"), "cat");
        assertEquals(0, cat.exitStatus());
        assertEquals("hello\nstraße ✓\n", new String(cat.stdout(), StandardCharsets.UTF_8));
        assertEquals(2, cat.stdoutLines().size());
        assertEquals("\"straße ✓\"", ClientRunResult.quoteLine(cat.stdoutLines().get(1)));
    }

    @Test
    void crlfEndsALineAsLfDoesAndALastLineNeedsNoEnd() throws IOException {
        ClientRunResult printf = run(LIMIT, List.of(), "printf", "A\\r\\nB\\nC");
        assertEquals(List.of("A", "B", "C"), printf.stdoutLines().stream()
                .map(line -> new String(line, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void theExitStatusAndTheEndOfStandardErrorAreKept() throws IOException {
        ClientRunResult failed = run(LIMIT, List.of(), "sh", "-c", "echo first >&2; echo 'why it failed' >&2; exit 3");
        assertEquals(3, failed.exitStatus());
        assertTrue(failed.failed() && !failed.unsupported() && !failed.killed());
        assertEquals(Optional.of("why it failed"), failed.lastStderrLine());
        assertTrue(failed.describe().startsWith("exit status 3 after "), failed.describe());
        assertTrue(run(LIMIT, List.of(), "sh", "-c", "exit 127").unsupported());
    }

    @Test
    void atMost64KiBOfEachStreamIsKept() throws IOException {
        ClientRunResult flood = run(LIMIT, List.of(), "sh", "-c",
                "head -c 300000 /dev/zero | tr '\\0' a; head -c 200000 /dev/zero | tr '\\0' b >&2; printf '\\nEND\\n' >&2");
        assertEquals(0, flood.exitStatus());
        assertEquals(BoundedCapture.LIMIT, flood.stdout().length);
        assertEquals(300000, flood.stdoutTotal());
        assertEquals(BoundedCapture.LIMIT, flood.stderr().length);
        assertEquals(200005, flood.stderrTotal());
        assertEquals(Optional.of("END"), flood.lastStderrLine(), "standard error keeps its end");
        assertTrue(flood.describe().contains("300000 bytes in all"), flood.describe());
    }

    @Test
    void aClientStillRunningAtTheLimitIsKilledWithTheProcessesItStarted() throws Exception {
        ClientRunResult hung = run(Duration.ofSeconds(2), List.of(), "sh", "-c", "sleep 300 & echo $!; wait");
        assertTrue(hung.killed(), hung.describe());
        assertFalse(hung.success() || hung.failed());
        assertEquals("did not exit within 2 s (killed)", hung.exitDescription());
        long child = Long.parseLong(new String(hung.stdout(), StandardCharsets.US_ASCII).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                "the client's child " + child + " outlived the run");
    }

    @Test
    void aProgramThatCannotStartIsSaidInWords() {
        IOException missing = assertThrows(IOException.class,
                () -> ClientProcess.start(List.of("/no/such/secho-client", "--port", "1"), List.of()));
        assertEquals("cannot start '/no/such/secho-client': no such program (give its path, or put it on PATH)",
                missing.getMessage());
    }
}

package io.secho.conformance.clients;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --client-command contract: words as a shell splits them, placeholders replaced in every word. */
class ClientCommandTest {
    @Test
    void placeholdersAreReplacedInEveryWord() {
        ClientCommand command = ClientCommand.parse("client.py --to {host}:{port} --suite={suite} "
                + "'--key file={psk_file}' --port {port}");
        assertEquals(List.of("client.py", "--to", "127.0.0.1:4711", "--suite=psk", "--key file=/tmp/k/psk.hex",
                "--port", "4711"), command.resolve("127.0.0.1", 4711, "psk", Path.of("/tmp/k/psk.hex")));
        assertEquals("client command: client.py --to {host}:{port} --suite={suite} '--key file={psk_file}' --port "
                + "{port}", command.description());
        assertEquals("client.py", command.program());
    }

    @Test
    void aKeyTypedIntoTheCommandIsNotRepeatedInTheReports() {
        String key = "8f0e".repeat(16);
        ClientCommand command = ClientCommand.parse("client --port {port} --key " + key);
        assertTrue(!command.description().contains(key) && command.description().contains("not shown"),
                command.description());
        assertEquals(key, command.words().get(4), "the client still gets its words as typed");
    }

    @Test
    void aCommandWithoutPortOrWithAMisspeltPlaceholderIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCommand.parse("client --host {host}"))
                .getMessage().contains("no {port}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCommand.parse("client {port} {psk-file}"))
                .getMessage().contains("the placeholder is {psk_file}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCommand.parse("client {PORT}"))
                .getMessage().contains("the placeholder is {port}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCommand.parse("  "))
                .getMessage().contains("empty"));
        // Braces that are no placeholder are the client's business.
        assertEquals("{print}", ClientCommand.parse("awk {print} {port}").words().get(1));
    }

    @Test
    void theReferenceClientRunsWithThisJavaAndClassPath() {
        ClientCommand reference = ClientCommand.reference();
        List<String> words = reference.resolve("127.0.0.1", 1, "x25519", Path.of("k"));
        assertTrue(words.get(0).startsWith(System.getProperty("java.home")), words.get(0));
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "io.secho.cli.SechoCli", "client", "--host",
                "127.0.0.1", "--port", "1", "--suite", "x25519", "--psk-file", "k", "--timeout", "5s"),
                words.subList(1, words.size()));
        assertTrue(reference.description().startsWith("client command: the reference client"), reference.description());
    }

    @Test
    void programsAreFoundOnPathOrByTheirPath() {
        assertEquals(java.util.Optional.empty(), ClientCommand.findProgram("sh"));
        assertTrue(ClientCommand.findProgram("no-such-client-program").orElseThrow().contains("on PATH"));
        assertTrue(ClientCommand.findProgram("/no/such/client").orElseThrow().contains("no such program"));
    }
}

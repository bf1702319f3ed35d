package io.secho.conformance.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line of a client run: the options that make no sense with a client under test, a command the
 * harness cannot use, and families of the other role are one-line usage errors (exit code 2) that say what to do,
 * and never name a Java class; the listing gives every case its role.
 */
class ClientOptionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--client-reference --target 127.0.0.1:8443|--target describes a server under test",
        "--client-command 'c {port}' --psk-file k|--psk-file describes a server under test",
        "--client-reference --image secho:1|--image describes a server under test",
        "--client-reference --io-timeout 3s|--io-timeout describes a server under test",
        "--client-reference --idle-timeout 5s|--idle-timeout describes a server under test",
        "--client-reference --client-command 'c {port}'|either --client-command or --client-reference",
        "--client-run-timeout 3s|--client-run-timeout goes with a client under test",
        "--client-command 'c --host {host}'|has no {port}",
        "--client-command 'c {Port}'|the placeholder is {port}",
        "--client-command 'c \"{port}'|a double quote (\") is not closed",
        "--client-command 'no-such-secho-client {port}'|no program 'no-such-secho-client' on PATH",
        "--client-reference --client-run-timeout 0.5s|leaves a client no time to start",
        "--client-reference --family HS|--family HS is a server family",
        "--family CHS|--family CHS is a client family",
        "--case CREC-002|among the server cases (it names client cases)",
        "--client-reference --case HS-001|among the client cases (it names server cases)",
        "--profile lab --lab-variant dh --client-command 'true --port {port} {suite}'|{suite} is for Secho v1 clients"})
    void misuseIsAOneLineUsageError(String arguments, String cause) {
        CliRun run = CliRun.of(io.secho.conformance.ShellWords.split(arguments).toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines[0].startsWith("secho-conformance: ") && lines[0].contains(cause), run.err());
        assertTrue(lines.length <= 2, "a cause and a hint:\n" + run.err());
        assertFalse(run.err().matches("(?s).*\\b(java|io\\.secho)\\.[a-z.]+[A-Z]\\w*(Exception|Error).*"), run.err());
    }

    /** A baseline names client cases as it names server cases; a listed case that passes fails the run. */
    @Test
    void aBaselineHoldsClientCasesToo(@TempDir Path dir) throws IOException {
        Path expect = Files.writeString(dir.resolve("known.txt"), "CREC-002 the forged-tag check is missing\n");
        CliRun run = CliRun.of("--client-reference", "--case", "CREC-002", "--expect", expect.toString(),
                "--report-dir", dir.resolve("reports").toString());
        assertEquals(1, run.exitCode(), run.both());
        assertTrue(run.out().contains("NOW PASSES") && run.out().contains("CREC-002"), run.both());
        CliRun typo = CliRun.of("--client-reference", "--expect", Files.writeString(dir.resolve("typo.txt"),
                "CREC-02 a typo\n").toString());
        assertEquals(2, typo.exitCode(), typo.both());
        assertTrue(typo.err().contains("CREC-02 is not a case ID (nearest: CREC-002"), typo.err());
    }

    @Test
    void theHelpGroupsTheClientOptions() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        int group = help.out().indexOf("Clients under test:");
        assertTrue(group > 0, help.out());
        for (String option : List.of("--client-command=CMD", "--client-reference", "--client-run-timeout=DURATION")) {
            assertTrue(help.out().indexOf(option, group) > group, option + " under its group:\n" + help.out());
        }
    }

    @Test
    void theListingGivesEveryCaseItsRole() {
        CliRun list = CliRun.of("--list", "--json");
        assertEquals(0, list.exitCode(), list.err());
        JsonObject json = JsonParser.parseString(list.out()).getAsJsonObject();
        List<String> clientIds = new ArrayList<>();
        json.getAsJsonArray("cases").forEach(element -> {
            JsonObject item = element.getAsJsonObject();
            boolean client = item.get("familyId").getAsString().startsWith("C")
                    && !item.get("familyId").getAsString().equals("CLOSE");
            assertEquals(client ? "client" : "server", item.get("role").getAsString(), item.toString());
            if (client) {
                clientIds.add(item.get("id").getAsString());
            }
        });
        assertTrue(clientIds.size() >= 40, "at least 40 runnable client IDs: " + clientIds.size());
        assertTrue(clientIds.containsAll(List.of("CHS-001", "CHS-011.14", "CFRM-005", "CREC-008", "CECHO-004",
                "CCLOSE-010", "CLIM-003")), clientIds.toString());
    }
}

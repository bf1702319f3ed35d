package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.alert.AlertCode;
import io.secho.example.WorkedExample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The generator is deterministic, the committed files are what it produces, and each file is consistent. */
class GeneratorTest {
    private static final String STALE = ": run vectors/regenerate and commit the result";

    @Test
    void generationIsDeterministic() throws IOException {
        TcIdLedger ledger = VectorFiles.ledger();
        assertEquals(GenerateAll.generate(ledger), GenerateAll.generate(ledger), "two runs must give the same bytes");
    }

    @Test
    void committedVectorsAreWhatTheGeneratorProduces() throws IOException {
        GenerateAll.Generated fresh = GenerateAll.generate(VectorFiles.ledger());
        assertEquals(VectorFiles.ALL, java.util.List.copyOf(fresh.vectorFiles().keySet()), "the generator's files");
        for (Map.Entry<String, String> file : fresh.vectorFiles().entrySet()) {
            String committed = Files.readString(VectorFiles.dir().resolve(file.getKey()), StandardCharsets.UTF_8);
            if (!committed.equals(file.getValue())) {
                fail(VectorFiles.dir().resolve(file.getKey()) + " is stale" + STALE);
            }
        }
        String ledger = Files.readString(VectorFiles.dir().resolve(TcIdLedger.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(fresh.ledger().toJson(), ledger, TcIdLedger.FILE_NAME + " lacks a vector the generator makes now, "
                + "or still lists a removed one as active" + STALE);
    }

    @Test
    void specWorkedExampleIsFromTheSameGenerator() throws IOException {
        String spec = Files.readString(VectorFiles.specFile(), StandardCharsets.UTF_8);
        assertEquals(GenerateAll.specWithWorkedExample(spec), spec, "the worked example in " + VectorFiles.specFile()
                + " is stale" + STALE);
    }

    @Test
    void workedExampleSessionsAreTheSpecsWorkedExample() throws IOException {
        String block = WorkedExample.generatedBlock(Files.readString(VectorFiles.specFile(), StandardCharsets.UTF_8));
        StringBuilder hexLines = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.matches(" {4}[0-9a-f]+")) {
                hexLines.append(line.strip());
            }
        }
        String exampleHex = hexLines.toString();
        int checked = 0;
        for (JsonElement group : VectorFiles.load(VectorFiles.SESSION).getAsJsonArray("testGroups")) {
            for (JsonElement element : group.getAsJsonObject().getAsJsonArray("tests")) {
                JsonObject test = element.getAsJsonObject();
                if (!VectorFiles.hasFlag(test, "WorkedExample")) {
                    continue;
                }
                for (JsonElement frame : test.getAsJsonArray("frames")) {
                    String hex = VectorFiles.str(frame.getAsJsonObject(), "frame");
                    assertTrue(exampleHex.contains(hex), "tcId " + test.get("tcId") + ": frame " + hex
                            + " is not in the spec's worked example");
                    checked++;
                }
            }
        }
        assertEquals(2 * 10, checked, "two worked-example sessions of 10 frames each");
    }

    @Test
    void everyFileIsConsistent() throws IOException {
        for (String name : VectorFiles.ALL) {
            String text = Files.readString(VectorFiles.dir().resolve(name), StandardCharsets.UTF_8);
            assertTrue(text.endsWith("}\n") && !text.contains("\r"), name + ": LF line endings and a final newline");
            JsonObject root = JsonParser.parseString(text).getAsJsonObject();
            assertEquals(name.replace(".json", ".schema.json"), root.get("schema").getAsString(), name + ": schema");
            Set<String> flagsUsed = new HashSet<>();
            Set<Integer> tcIds = new HashSet<>();
            int count = 0;
            for (JsonElement group : root.getAsJsonArray("testGroups")) {
                for (JsonElement element : group.getAsJsonObject().getAsJsonArray("tests")) {
                    JsonObject test = element.getAsJsonObject();
                    count++;
                    assertTrue(tcIds.add(test.get("tcId").getAsInt()), name + ": tcId " + test.get("tcId") + " twice");
                    test.getAsJsonArray("flags").forEach(flag -> flagsUsed.add(flag.getAsString()));
                    if (VectorFiles.valid(test)) {
                        assertFalse(test.has("alert"), name + " tcId " + test.get("tcId") + ": a valid test has no alert");
                    } else {
                        String alert = VectorFiles.str(test, "alert");
                        assertTrue(AlertCode.fromWireName(alert).isPresent(), name + " tcId " + test.get("tcId") + ": alert "
                                + alert);
                    }
                }
            }
            assertEquals(root.get("numberOfTests").getAsInt(), count, name + ": numberOfTests");
            assertEquals(root.getAsJsonObject("notes").keySet(), flagsUsed, name + ": every flag has a note, every note"
                    + " a flag");
        }
    }
}

package io.secho.conformance.requirements;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checked-in {@link Req} is what {@link ReqGenerator} makes of the spec now, and reads as the spec does. */
class ReqTest {
    private static Path specDir() {
        return Path.of(System.getProperty("secho.spec.dir", "../spec"));
    }

    private static String spec(String file) throws IOException {
        return Files.readString(specDir().resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void checkedInReqIsGeneratedFromTheSpec() throws IOException {
        String generated = ReqGenerator.render(spec(RequirementsExtractor.JSON_FILE), spec(SpecTexts.LAB_PROFILE_FILE));
        String committed = Files.readString(Path.of("src/main/java").resolve(ReqGenerator.REQ_SOURCE),
                StandardCharsets.UTF_8);
        assertEquals(generated, committed, ReqGenerator.REQ_SOURCE + " is stale: rewrite it with "
                + ReqGenerator.COMMAND + " and commit it");
    }

    @Test
    void everyConstantIsARequirementOrLabIdWithItsLevelAndSection() throws IOException {
        Map<String, SpecTexts.Text> requirements = SpecTexts.requirements(spec(RequirementsExtractor.JSON_FILE));
        Map<String, SpecTexts.Text> lab = SpecTexts.labProfile(spec(SpecTexts.LAB_PROFILE_FILE));
        assertEquals(requirements.size() + lab.size(), Req.values().length);
        for (SpecTexts.Text text : requirements.values()) {
            Req req = Req.byId(text.id()).orElseThrow(() -> new AssertionError(text.id() + " has no constant"));
            assertEquals(text.level(), req.level(), text.id());
            assertEquals(text.section(), req.section(), text.id());
        }
        assertTrue(lab.keySet().stream().allMatch(id -> Req.byId(id).filter(r -> r.level().isEmpty()).isPresent()));
        assertEquals("REQ-REC-3", Req.REC_3.id());
        assertEquals("REQ-REC-3", Req.REC_3.toString(), "reports and messages print the spec's ID");
        assertEquals("LAB-W1", Req.LAB_W1.id());
        assertTrue(Req.ALERT_2.absolute());
        assertEquals(Optional.empty(), Req.byId("REQ-REC-999"));
        assertEquals(List.of("REQ-HS-7", "LAB-R1"), Req.ids(Req.HS_7, Req.LAB_R1));
    }

    @Test
    void constantNamesDropTheReqPrefixOnly() {
        assertEquals("REC_3", ReqGenerator.constantName("REQ-REC-3"));
        assertEquals("ALERT_11", ReqGenerator.constantName("REQ-ALERT-11"));
        assertEquals("LAB_W13", ReqGenerator.constantName("LAB-W13"));
        assertThrows(IllegalArgumentException.class, () -> ReqGenerator.constantName("REQ-rec 3"));
    }

    @Test
    void sentencesCannotBreakOutOfTheirJavadoc() {
        String json = "{\"spec\": \"spec/x.md\", \"requirements\": [{\"id\": \"REQ-X-1\", \"section\": \"1 \\\"X\\\"\","
                + " \"level\": \"MUST\", \"text\": \"ends */ here, \\\\u0041 @see <b> & more\"}]}";
        String source = ReqGenerator.render(json, "");
        assertFalse(source.contains("ends */"), source);
        assertFalse(source.contains("\\u0041"), "javac would read a unicode escape: " + source);
        assertFalse(source.contains("@see"), source);
        assertTrue(source.contains("    X_1(\"REQ-X-1\", \"MUST\", \"1 \\\"X\\\"\");"), source);
    }

    @Test
    void anIdDefinedTwiceIsRejected() {
        String json = "{\"spec\": \"spec/x.md\", \"requirements\": [{\"id\": \"LAB-R1\", \"section\": \"1\","
                + " \"level\": \"MUST\", \"text\": \"t\"}]}";
        assertThrows(IllegalArgumentException.class, () -> ReqGenerator.render(json, "## 2. T\n- **LAB-R1** Transport.\n"));
    }

    @Test
    void labIdsComeFromTheLabProfileBullets() {
        List<String> ids = Arrays.stream(Req.values()).map(Req::id).filter(id -> id.startsWith("LAB-"))
                .collect(Collectors.toList());
        assertTrue(ids.containsAll(List.of("LAB-R1", "LAB-R5", "LAB-W1", "LAB-W13")), ids.toString());
    }
}

package io.secho.architecture;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From a requirement to the code that implements it in one hop: every MUST and MUST NOT of spec/requirements.json is
 * cited (as {@code REQ-AREA-N} in a comment) at the reference code that implements it, and every citation names a
 * requirement that exists. {@code grep -rn REQ-REC-6 reference-impl/src/main} finds the code; the harness's
 * {@code --list --json} finds the cases.
 */
class RequirementCitationTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path REQUIREMENTS = Path.of("../spec/requirements.json");
    private static final Pattern CITATION = Pattern.compile("REQ-[A-Z]+-[0-9]+");
    private static final Set<String> BINDING = Set.of("MUST", "MUST NOT");

    @Test
    void everyCitationNamesARequirement() throws IOException {
        Map<String, String> requirements = levels();
        List<String> unknown = new ArrayList<>();
        citations().forEach((id, places) -> {
            if (!requirements.containsKey(id)) {
                unknown.add(id + " at " + places);
            }
        });
        assertEquals(List.of(), unknown, "citations of requirements spec/requirements.json does not have");
    }

    @Test
    void everyMustIsCitedAtItsCode() throws IOException {
        Map<String, Set<String>> cited = citations();
        List<String> uncited = new ArrayList<>();
        levels().forEach((id, level) -> {
            if (BINDING.contains(level) && !cited.containsKey(id)) {
                uncited.add(id);
            }
        });
        assertEquals(List.of(), uncited, "MUST/MUST NOT requirements no reference code cites: add `// " + "REQ-...: why`"
                + " at the code that implements each");
    }

    @Test
    void theScanFindsCitationsInCodeComments() {
        Map<String, Set<String>> found = new TreeMap<>();
        collect("x.java", "// REQ-REC-6, REQ-ALERT-7: tag first\n/** REQ-FIN-8 */ int a;", found);
        assertEquals(Set.of("REQ-ALERT-7", "REQ-FIN-8", "REQ-REC-6"), found.keySet());
        assertTrue(found.get("REQ-REC-6").contains("x.java:1"), found.toString());
    }

    private static Map<String, String> levels() throws IOException {
        JsonObject spec = JsonParser.parseString(Files.readString(REQUIREMENTS, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<String, String> levels = new LinkedHashMap<>();
        spec.getAsJsonArray("requirements").forEach(r -> levels.put(r.getAsJsonObject().get("id").getAsString(),
                r.getAsJsonObject().get("level").getAsString()));
        assertTrue(levels.size() > 90, "spec/requirements.json lost requirements: " + levels.size());
        return levels;
    }

    private static Map<String, Set<String>> citations() throws IOException {
        Map<String, Set<String>> cited = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                collect(MAIN.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8), cited);
            }
        }
        return cited;
    }

    private static void collect(String name, String source, Map<String, Set<String>> cited) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = CITATION.matcher(lines[i]);
            while (matcher.find()) {
                cited.computeIfAbsent(matcher.group(), k -> new TreeSet<>()).add(name + ":" + (i + 1));
            }
        }
    }
}

package io.secho.conformance.requirements;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the numbered requirements out of the spec's Markdown and writes {@code spec/requirements.json}.
 * The JSON is derived, never edited: a test fails when it differs from what the spec says.
 */
public final class RequirementsExtractor {
    public static final String SPEC_FILE = "secho-v1.md";
    public static final String JSON_FILE = "requirements.json";
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^- \\*\\*(REQ-[A-Z]+-\\d+)\\*\\* \\((MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)\\) (.+)$");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");
    private static final Pattern LOOSE_ID = Pattern.compile("\\*\\*REQ-[A-Z]+-\\d+\\*\\*");

    private RequirementsExtractor() {
    }

    /**
     * @throws IllegalArgumentException for a duplicate ID or a bold ID that is not in the requirement form
     */
    public static List<Requirement> extract(String markdown) {
        List<Requirement> requirements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String section = "";
        int lineNumber = 0;
        for (String line : markdown.split("\n", -1)) {
            lineNumber++;
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = heading.group(1).strip();
                continue;
            }
            Matcher requirement = REQUIREMENT.matcher(line);
            if (requirement.matches()) {
                if (!seen.add(requirement.group(1))) {
                    throw new IllegalArgumentException("line " + lineNumber + ": " + requirement.group(1) + " defined twice");
                }
                requirements.add(new Requirement(requirement.group(1), section, requirement.group(2),
                        requirement.group(3).strip()));
            } else if (line.startsWith("- ") && LOOSE_ID.matcher(line).find()) {
                throw new IllegalArgumentException("line " + lineNumber
                        + ": a requirement bullet must read '- **REQ-AREA-N** (LEVEL) sentence': " + line);
            }
        }
        return requirements;
    }

    public static String toJson(List<Requirement> requirements) {
        JsonObject root = new JsonObject();
        root.addProperty("spec", "spec/" + SPEC_FILE);
        root.addProperty("note", "Generated from the spec text by " + RequirementsExtractor.class.getName()
                + "; do not edit. Levels are RFC 2119 keywords.");
        JsonArray array = new JsonArray();
        for (Requirement requirement : requirements) {
            JsonObject item = new JsonObject();
            item.addProperty("id", requirement.id());
            item.addProperty("section", requirement.section());
            item.addProperty("level", requirement.level());
            item.addProperty("text", requirement.text());
            array.add(item);
        }
        root.add("requirements", array);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** {@code RequirementsExtractor SPEC_DIR}: rewrites SPEC_DIR/requirements.json from SPEC_DIR/secho-v1.md. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RequirementsExtractor SPEC_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Requirement> requirements = extract(Files.readString(dir.resolve(SPEC_FILE), StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(JSON_FILE), toJson(requirements), StandardCharsets.UTF_8);
        System.err.println(requirements.size() + " requirements written to " + dir.resolve(JSON_FILE));
    }
}

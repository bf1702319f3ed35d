package io.secho.conformance.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec's own words for each requirement ID a report names: {@code spec/requirements.json} for REQ-...,
 * the bullets of {@code spec/lab-profile.md} for the lab rules and weaknesses (LAB-R, LAB-W). Both ship in the
 * harness jar (see the module's pom), so a report can quote them wherever it is rendered.
 */
final class HtmlSpecText {
    static final String REQUIREMENTS_RESOURCE = "/io/secho/conformance/spec/requirements.json";
    static final String LAB_PROFILE_RESOURCE = "/io/secho/conformance/spec/lab-profile.md";
    private static final Pattern LAB_BULLET = Pattern.compile("^- \\*\\*(LAB-[RW]\\d+)\\*\\* (.*)$");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");

    /** One requirement's sentence, where the spec states it, and its RFC 2119 level (empty for a lab rule). */
    record Text(String id, String section, String level, String sentence) {
    }

    private static volatile Map<String, Text> loaded;

    private HtmlSpecText() {
    }

    static Optional<Text> of(String id) {
        return Optional.ofNullable(all().get(id));
    }

    static Map<String, Text> all() {
        Map<String, Text> texts = loaded;
        if (texts == null) {
            texts = new LinkedHashMap<>();
            readRequirements(read(REQUIREMENTS_RESOURCE), texts);
            readLabProfile(read(LAB_PROFILE_RESOURCE), texts);
            loaded = texts;
        }
        return texts;
    }

    static void readRequirements(String json, Map<String, Text> into) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        String spec = root.get("spec").getAsString();
        for (JsonElement element : root.getAsJsonArray("requirements")) {
            JsonObject item = element.getAsJsonObject();
            into.put(item.get("id").getAsString(), new Text(item.get("id").getAsString(),
                    spec + " section " + item.get("section").getAsString(), item.get("level").getAsString(),
                    item.get("text").getAsString()));
        }
    }

    /** A bullet runs on over the indented lines below it, up to a blank line or the next bullet. */
    static void readLabProfile(String markdown, Map<String, Text> into) {
        String section = "";
        String id = null;
        StringBuilder sentence = new StringBuilder();
        String bulletSection = "";
        for (String line : (markdown + "\n\n").split("\n", -1)) {
            Matcher bullet = LAB_BULLET.matcher(line);
            boolean continues = id != null && line.startsWith("  ") && !line.isBlank();
            if (continues) {
                sentence.append(' ').append(line.strip());
                continue;
            }
            if (id != null) {
                into.put(id, new Text(id, "spec/lab-profile.md section " + bulletSection, "", sentence.toString()));
                id = null;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = heading.group(1).strip();
            } else if (bullet.matches()) {
                id = bullet.group(1);
                bulletSection = section;
                sentence.setLength(0);
                sentence.append(bullet.group(2).strip());
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = HtmlSpecText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the harness lacks " + resource + ": rebuild it (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

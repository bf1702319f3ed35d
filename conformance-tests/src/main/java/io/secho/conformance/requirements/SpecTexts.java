package io.secho.conformance.requirements;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the spec's own words for each ID a case can cite: {@code spec/requirements.json} for REQ-...,
 * the bullets of {@code spec/lab-profile.md} for the lab rules and weaknesses (LAB-R, LAB-W). The HTML
 * report quotes them; {@link ReqGenerator} makes the {@link Req} constants of them.
 */
public final class SpecTexts {
    public static final String LAB_PROFILE_FILE = "lab-profile.md";
    private static final String LAB_PROFILE = "spec/" + LAB_PROFILE_FILE;
    private static final Pattern LAB_BULLET = Pattern.compile("^- \\*\\*(LAB-[RW]\\d+)\\*\\* (.*)$");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");

    /**
     * One ID's sentence, the document and section that state it, and its RFC 2119 level (empty for a lab
     * rule or weakness, which the lab profile states without one).
     */
    public record Text(String id, String source, String section, String level, String sentence) {
        /** e.g. {@code spec/secho-v1.md section 4.1 Frame format}. */
        public String where() {
            return source + " section " + section;
        }
    }

    private SpecTexts() {
    }

    /** Every requirement of {@code requirements.json}, in its order, by ID. */
    public static Map<String, Text> requirements(String json) {
        Map<String, Text> texts = new LinkedHashMap<>();
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        String spec = root.get("spec").getAsString();
        for (JsonElement element : root.getAsJsonArray("requirements")) {
            JsonObject item = element.getAsJsonObject();
            String id = item.get("id").getAsString();
            texts.put(id, new Text(id, spec, item.get("section").getAsString(), item.get("level").getAsString(),
                    item.get("text").getAsString()));
        }
        return texts;
    }

    /**
     * Every LAB-R and LAB-W bullet of the lab profile, in its order, by ID. A bullet runs on over the
     * indented lines below it, up to a blank line or the next bullet.
     */
    public static Map<String, Text> labProfile(String markdown) {
        Map<String, Text> texts = new LinkedHashMap<>();
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
                texts.put(id, new Text(id, LAB_PROFILE, bulletSection, "", sentence.toString()));
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
        return texts;
    }
}

package io.secho.conformance.report;

import io.secho.conformance.requirements.SpecTexts;
import io.secho.conformance.requirements.SpecTexts.Text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's own words for each requirement ID a report names: {@code spec/requirements.json} for REQ-...,
 * the bullets of {@code spec/lab-profile.md} for the lab rules and weaknesses (LAB-R, LAB-W), as
 * {@link SpecTexts} reads them. Both ship in the harness jar (see the module's pom), so a report can quote
 * them wherever it is rendered.
 */
final class HtmlSpecText {
    static final String REQUIREMENTS_RESOURCE = "/io/secho/conformance/spec/requirements.json";
    static final String LAB_PROFILE_RESOURCE = "/io/secho/conformance/spec/lab-profile.md";

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
            texts.putAll(SpecTexts.requirements(read(REQUIREMENTS_RESOURCE)));
            texts.putAll(SpecTexts.labProfile(read(LAB_PROFILE_RESOURCE)));
            loaded = texts;
        }
        return texts;
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

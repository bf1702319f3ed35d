package io.secho.conformance.requirements;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.Family;
import io.secho.conformance.RetiredCases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec, requirements.json and the cases agree, and every MUST is checked or says why not. */
class RequirementsCoverageTest {
    private static Path specDir() {
        return Path.of(System.getProperty("secho.spec.dir", "../spec"));
    }

    private static List<Requirement> specRequirements() throws IOException {
        return RequirementsExtractor.extract(Files.readString(specDir().resolve(RequirementsExtractor.SPEC_FILE),
                StandardCharsets.UTF_8));
    }

    private static Set<String> citedByCases() {
        return CaseCatalog.all().stream().flatMap(e -> e.descriptor().requirements().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void requirementsJsonIsGeneratedFromTheSpec() throws IOException {
        String committed = Files.readString(specDir().resolve(RequirementsExtractor.JSON_FILE), StandardCharsets.UTF_8);
        assertEquals(RequirementsExtractor.toJson(specRequirements()), committed,
                "spec/requirements.json is stale: run vectors/regenerate (or RequirementsExtractor spec) and commit it");
    }

    @Test
    void everyMustIsCheckedByACaseOrListedWithAReason() throws IOException {
        Set<String> cited = citedByCases();
        Map<String, String> notChecked = NotChecked.load();
        List<String> uncovered = specRequirements().stream().filter(Requirement::absolute).map(Requirement::id)
                .filter(id -> !cited.contains(id) && !notChecked.containsKey(id)).collect(Collectors.toList());
        assertEquals(List.of(), uncovered, "MUST requirements that no case checks and " + NotChecked.RESOURCE
                + " does not explain");
    }

    @Test
    void notCheckedListStaysTrue() throws IOException {
        Set<String> cited = citedByCases();
        Set<String> known = specRequirements().stream().map(Requirement::id).collect(Collectors.toSet());
        for (String id : NotChecked.load().keySet()) {
            assertTrue(known.contains(id), id + " is in " + NotChecked.RESOURCE + " but not in the spec");
            assertTrue(!cited.contains(id), id + " is checked by a case now: remove it from " + NotChecked.RESOURCE);
        }
    }

    @Test
    void casesCiteOnlyRequirementsThatExist() throws IOException {
        Set<String> known = specRequirements().stream().map(Requirement::id).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(citedByCases());
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "cases cite requirement IDs the spec does not define");
    }

    @Test
    void caseIdsAreUniqueWellFormedAndNeverRetiredOnes() {
        Set<String> seen = new HashSet<>();
        for (CaseCatalog.Entry entry : CaseCatalog.all()) {
            String id = entry.descriptor().id();
            assertTrue(id.matches("[A-Z]+-\\d{3}"), "case ID " + id + " is not PREFIX-NNN");
            assertTrue(Family.ofCaseId(id).isPresent(), "case ID " + id + " has no family");
            assertTrue(seen.add(id), "case ID " + id + " is used twice");
            assertTrue(RetiredCases.IDS.stream().noneMatch(retired -> retired.startsWith(id + " ")),
                    "case ID " + id + " was retired and must not be reused");
            assertTrue(!entry.descriptor().requirements().isEmpty(), id + " cites no requirement");
        }
        assertTrue(seen.size() >= 50, "the catalogue lost cases: only " + seen.size());
    }

    @Test
    void extractorRejectsMalformedRequirementBullets() {
        String bad = "## 1 X\n- **REQ-X-1** MUST without parentheses\n";
        try {
            RequirementsExtractor.extract(bad);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
            return;
        }
        throw new AssertionError("a malformed requirement bullet must be rejected");
    }

    @Test
    void extractorReadsIdSectionLevelAndText() {
        List<Requirement> requirements = RequirementsExtractor.extract(
                "## 4. Framing\n### 4.1 Frame format\n- **REQ-FRM-1** (MUST) A sender MUST frame.\n"
                        + "- **REQ-FRM-2** (SHOULD NOT) A sender SHOULD NOT dawdle.\n");
        assertEquals(List.of(new Requirement("REQ-FRM-1", "4.1 Frame format", "MUST", "A sender MUST frame."),
                new Requirement("REQ-FRM-2", "4.1 Frame format", "SHOULD NOT", "A sender SHOULD NOT dawdle.")),
                requirements);
    }
}

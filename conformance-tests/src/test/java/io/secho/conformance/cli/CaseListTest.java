package io.secho.conformance.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.secho.conformance.CaseCatalog;
import io.secho.conformance.RetiredCases;
import io.secho.conformance.cases.CaseInputs;
import io.secho.conformance.report.CaseOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every runnable case ID is known without running a case: each parameterized case's inputs are in
 * {@link CaseInputs}, every one of them belongs to a case, and the IDs are unique and never retired ones.
 * (ConformanceMainTest checks that a full run reports exactly the IDs {@code --list --json} names.)
 */
class CaseListTest {
    @Test
    void everyParameterizedCaseHasItsInputsAndEveryInputItsCase() {
        List<CaseCatalog.Entry> templates = CaseCatalog.all();
        Set<String> parameterized = templates.stream().filter(CaseCatalog.Entry::parameterized)
                .map(e -> e.descriptor().id()).collect(Collectors.toSet());
        Set<String> withInputs = CaseInputs.all().stream().map(i -> CaseList.templateOf(i.id())).collect(Collectors.toSet());
        assertEquals(parameterized, withInputs, "parameterized cases and the cases CaseInputs has inputs for");
        for (CaseInputs.Invocation invocation : CaseInputs.all()) {
            assertTrue(invocation.id().matches("[A-Z]+-\\d{3}\\.[1-9]\\d*"), invocation.id() + " is not CASE.N");
            assertFalse(invocation.description().isBlank(), invocation.id() + " has no description");
        }
    }

    @Test
    void runnableIdsAreUniqueInCaseOrderAndNeverRetired() {
        CaseList list = CaseList.of(false);
        List<String> ids = list.ids();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a runnable ID twice");
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(CaseOrder::compareIds);
        assertEquals(sorted, ids);
        assertTrue(ids.size() > 300 && ids.contains("HS-010.5") && ids.contains("LIM-010.11") && ids.contains("TAG-004")
                && !ids.contains("HS-010"), "the expanded IDs, not the templates: " + ids.size());
        for (RetiredCases.Retired retired : list.retired()) {
            assertFalse(ids.contains(retired.id()), retired.id() + " is retired and runnable again");
        }
        assertTrue(CaseList.of(true).ids().stream().allMatch(id -> id.startsWith("LAB-")), "the lab profile's cases");
    }

    @Test
    void listJsonHasEveryRunnableIdWithWhatAProgramNeeds() {
        CliRun run = CliRun.of("--list", "--json");
        assertEquals(0, run.exitCode(), run.both());
        assertEquals("", run.err());
        JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(CaseListing.JSON_FORMAT_VERSION, root.get("listFormatVersion").getAsInt());
        assertEquals("v1", root.get("profile").getAsString());
        JsonArray cases = root.getAsJsonArray("cases");
        assertEquals(CaseList.of(false).ids().size(), cases.size());
        assertEquals(cases.size(), root.get("count").getAsInt());
        JsonObject vector = find(cases, "HS-010.5");
        assertEquals("HS-010", vector.get("template").getAsString());
        assertEquals("MUST", vector.get("level").getAsString());
        assertEquals("HS", vector.get("familyId").getAsString());
        assertEquals("Handshake", vector.get("family").getAsString());
        assertTrue(vector.getAsJsonArray("requirements").contains(new JsonPrimitive("REQ-HS-6")));
        assertTrue(vector.get("allowedEndings").getAsString().contains("ServerHello"), vector.toString());
        assertTrue(vector.get("name").getAsString().startsWith("ClientHello vectors"), vector.toString());
        JsonObject plain = find(cases, "TAG-004");
        assertEquals("TAG-004", plain.get("template").getAsString());
        assertTrue(root.get("retired").isJsonArray(), "retired IDs are listed, as an array");
        assertEquals(run.out(), CliRun.of("--list", "--json").out(), "the same listing twice, byte for byte");
    }

    @Test
    void humanListShowsEachCaseOnceWithItsRunnableIdsAndExpandedShowsEveryId() {
        CliRun templates = CliRun.of("--list");
        assertEquals(0, templates.exitCode(), templates.both());
        int hello = CaseList.of(false).idsOf(CaseCatalog.all().stream()
                .filter(e -> e.descriptor().id().equals("HS-010")).findFirst().orElseThrow()).size();
        assertTrue(templates.out().contains("runs as HS-010.1.." + hello + " (" + hello + " inputs)"), templates.out());
        assertFalse(templates.out().contains("HS-010.5 "), "templates only, unless --expanded");
        CliRun expanded = CliRun.of("--list", "--expanded");
        assertTrue(expanded.out().lines().anyMatch(line -> line.startsWith("HS-010.5 ") && line.contains("MUST")),
                expanded.out());
        assertTrue(expanded.out().contains(CaseList.of(false).ids().size() + " runnable IDs"), expanded.out());
    }

    private static JsonObject find(JsonArray cases, String id) {
        for (JsonElement element : cases) {
            if (element.getAsJsonObject().get("id").getAsString().equals(id)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError(id + " is not in --list --json");
    }
}

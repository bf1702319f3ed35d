package io.secho.conformance.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.secho.conformance.CaseCatalog;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.Family;
import io.secho.conformance.RetiredCases;
import io.secho.conformance.report.ConsoleReport;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code --list}: the cases for a person (templates, or every runnable ID) or, with {@code --json}, for a program. */
final class CaseListing {
    /** Bumped when a field of the {@code --list --json} output changes meaning or goes away. */
    static final int JSON_FORMAT_VERSION = 1;

    private static final String ROW = "%-12s %-6s %-24s %s%n";
    private static final String UNDER = "%-45s%s%n";

    private CaseListing() {
    }

    /** Each case once, with its requirements, allowed endings and, for a parameterized one, its runnable IDs. */
    static void printTemplates(CaseList list, PrintStream out) {
        out.printf(ROW, "ID", "LEVEL", "FAMILY", "CASE / REQUIREMENTS / ALLOWED ENDINGS");
        for (CaseCatalog.Entry entry : list.templates()) {
            CaseDescriptor descriptor = entry.descriptor();
            out.printf(ROW, descriptor.id() + (entry.parameterized() ? ".N" : ""), descriptor.level(),
                    familyTitle(descriptor.id()), entry.displayName());
            out.printf(UNDER, "", String.join(" ", descriptor.requirements()));
            if (!descriptor.endings().isEmpty()) {
                out.printf(UNDER, "", "ending: " + descriptor.endings());
            }
            if (entry.parameterized()) {
                List<String> ids = list.idsOf(entry);
                out.printf(UNDER, "", "runs as " + ConsoleReport.compress(ids) + " (" + ids.size() + " inputs)");
            }
        }
        out.println(list.templates().size() + " cases, " + list.cases().size() + " runnable IDs: an ID ending in .N runs "
                + "once per input (key share, vector, ...); --list --expanded names every runnable ID, --list --json "
                + "gives them to a program.");
        printRetired(list, out);
    }

    /** Every runnable ID on a line of its own, as reports and baselines name them. */
    static void printExpanded(CaseList list, PrintStream out) {
        out.printf(ROW, "ID", "LEVEL", "FAMILY", "CASE");
        for (CaseList.RunnableCase runnable : list.cases()) {
            CaseDescriptor descriptor = runnable.descriptor();
            out.printf(ROW, runnable.id(), descriptor.level(), familyTitle(runnable.id()), runnable.name());
        }
        out.println(list.cases().size() + " runnable IDs (--list shows each case's requirements and allowed endings).");
        printRetired(list, out);
    }

    private static void printRetired(CaseList list, PrintStream out) {
        out.println("Retired IDs (never reused): " + (list.retired().isEmpty() ? "none" : list.retired().stream()
                .map(r -> r.id() + " (" + r.why() + ")").collect(Collectors.joining(", "))));
    }

    /**
     * Every runnable ID with what a program needs to select, baseline or explain it, in case-ID order (the
     * order of the reports), so that two listings compare line by line.
     */
    static void printJson(CaseList list, String profile, PrintStream out) {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "secho-conformance");
        root.addProperty("listFormatVersion", JSON_FORMAT_VERSION);
        root.addProperty("profile", profile);
        root.addProperty("count", list.cases().size());
        JsonArray cases = new JsonArray();
        Set<String> labClients = CaseCatalog.labClientCaseIds();
        for (CaseList.RunnableCase runnable : list.cases()) {
            CaseDescriptor descriptor = runnable.descriptor();
            JsonObject item = new JsonObject();
            item.addProperty("id", runnable.id());
            item.addProperty("template", runnable.templateId());
            item.addProperty("name", runnable.name());
            item.addProperty("family", familyTitle(runnable.id()));
            item.addProperty("familyId", Family.ofCaseId(runnable.id()).map(Family::prefix).orElse("?"));
            item.addProperty("role", Family.ofCaseId(runnable.id()).filter(Family::client).isPresent()
                    || labClients.contains(runnable.templateId()) ? "client" : "server");
            item.addProperty("level", descriptor.level().name());
            JsonArray requirements = new JsonArray();
            descriptor.requirements().forEach(requirements::add);
            item.add("requirements", requirements);
            item.addProperty("allowedEndings", descriptor.endings());
            cases.add(item);
        }
        root.add("cases", cases);
        JsonArray retired = new JsonArray();
        for (RetiredCases.Retired entry : list.retired()) {
            JsonObject item = new JsonObject();
            item.addProperty("id", entry.id());
            item.addProperty("why", entry.why());
            retired.add(item);
        }
        root.add("retired", retired);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
        out.flush();
    }

    private static String familyTitle(String id) {
        return Family.ofCaseId(id).map(Family::title).orElse("?");
    }
}

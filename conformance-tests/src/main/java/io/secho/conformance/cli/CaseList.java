package io.secho.conformance.cli;

import io.secho.conformance.CaseCatalog;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.CaseFilter;
import io.secho.conformance.Family;
import io.secho.conformance.RetiredCases;
import io.secho.conformance.cases.CaseInputs;
import io.secho.conformance.report.CaseOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every case a profile can run, by the IDs users write: each plain case and each invocation of a
 * parameterized one ({@code HS-010.5}), in case-ID order, with the retired IDs beside them. JUnit's
 * discovery knows only the templates; the invocations come from {@link CaseInputs}, the same sources the
 * templates run.
 */
final class CaseList {
    /** One runnable case: its ID, the case it is or is an invocation of, and its name as reports show it. */
    record RunnableCase(String id, CaseCatalog.Entry template, String name) {
        String templateId() {
            return template.descriptor().templateId();
        }

        /** This runnable case as the filters and reports see it. */
        CaseDescriptor descriptor() {
            return template.descriptor().invocation(id);
        }
    }

    private final List<CaseCatalog.Entry> templates;
    private final List<RunnableCase> cases;
    private final List<RetiredCases.Retired> retired;

    private CaseList(List<CaseCatalog.Entry> templates, List<RunnableCase> cases, List<RetiredCases.Retired> retired) {
        this.templates = List.copyOf(templates);
        this.cases = List.copyOf(cases);
        this.retired = List.copyOf(retired);
    }

    /**
     * @throws IllegalStateException if a parameterized case has no inputs in {@link CaseInputs} (a harness bug,
     *                               which the catalogue's test catches before a user can)
     */
    static CaseList of(boolean lab) {
        return of(CaseCatalog.all(lab));
    }

    /** The cases a run with these parameters runs: the server cases or the client cases of its profile. */
    static CaseList forRun(Map<String, String> parameters) {
        return of(CaseCatalog.selected(parameters));
    }

    private static CaseList of(List<CaseCatalog.Entry> templates) {
        Map<String, List<CaseInputs.Invocation>> inputs = CaseInputs.all().stream()
                .collect(Collectors.groupingBy(invocation -> templateOf(invocation.id()), LinkedHashMap::new,
                        Collectors.toList()));
        List<RunnableCase> cases = new ArrayList<>();
        for (CaseCatalog.Entry template : templates) {
            String id = template.descriptor().templateId();
            if (!template.parameterized()) {
                cases.add(new RunnableCase(id, template, template.displayName()));
                continue;
            }
            List<CaseInputs.Invocation> invocations = inputs.get(id);
            if (invocations == null) {
                throw new IllegalStateException(id + " runs once per input, but CaseInputs lists none of its inputs");
            }
            invocations.forEach(invocation -> cases.add(new RunnableCase(invocation.id(), template,
                    template.displayName() + ": " + invocation.description())));
        }
        cases.sort(Comparator.comparing(RunnableCase::id, CaseOrder::compareIds));
        List<RetiredCases.Retired> retired = new ArrayList<>(RetiredCases.all());
        retired.addAll(CaseInputs.retired());
        retired.sort(Comparator.comparing(RetiredCases.Retired::id, CaseOrder::compareIds));
        return new CaseList(templates, cases, retired);
    }

    /**
     * This list with the sequences of a --learned-cases file as more invocations of their case (LEARN-001.N), so
     * that --case and --expect know them as a run's report will.
     */
    CaseList withLearned(String caseId, List<CaseInputs.Invocation> invocations) {
        Optional<CaseCatalog.Entry> template = templates.stream()
                .filter(t -> t.descriptor().templateId().equals(caseId)).findFirst();
        if (template.isEmpty() || invocations.isEmpty()) {
            return this;
        }
        List<RunnableCase> all = new ArrayList<>(cases);
        invocations.forEach(invocation -> all.add(new RunnableCase(invocation.id(), template.get(),
                template.get().displayName() + ": " + invocation.description())));
        all.sort(Comparator.comparing(RunnableCase::id, CaseOrder::compareIds));
        return new CaseList(templates, all, retired);
    }

    /** {@code HS-010} for {@code HS-010.5}; the ID itself for a plain case. */
    static String templateOf(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    List<CaseCatalog.Entry> templates() {
        return templates;
    }

    List<RunnableCase> cases() {
        return cases;
    }

    List<RetiredCases.Retired> retired() {
        return retired;
    }

    List<String> ids() {
        return cases.stream().map(RunnableCase::id).collect(Collectors.toList());
    }

    Optional<RunnableCase> find(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    Optional<RetiredCases.Retired> findRetired(String id) {
        return retired.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The runnable IDs of one case: itself, or its invocations. */
    List<String> idsOf(CaseCatalog.Entry template) {
        String id = template.descriptor().templateId();
        return cases.stream().filter(c -> c.templateId().equals(id)).map(RunnableCase::id).collect(Collectors.toList());
    }

    /**
     * How many cases the {@code --case} and {@code --family} filters select, as the run will judge them: the client
     * cases with a client under test, else the server cases.
     */
    long selected(Optional<String> caseFilter, Optional<String> familyFilter, boolean client) {
        return cases.stream()
                // The lab profile's one family holds its server and client cases: forRun keeps those of the run.
                .filter(c -> Family.ofCaseId(c.id()).map(f -> f == Family.LAB || f.client() == client).orElse(false))
                .filter(c -> caseFilter.isEmpty() || CaseFilter.matchesCase(c.descriptor(), caseFilter.get()))
                .filter(c -> familyFilter.isEmpty() || CaseFilter.matchesFamily(c.id(), familyFilter.get()))
                .count();
    }
}

package io.secho.conformance.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A CI user's list of known failures ({@code --expect FILE}). One entry a line, {@code #} starts a comment:
 *
 * <pre>
 * CASE-ID  [until YYYY-MM-DD]  [LINK]  reason
 * TAG-012  until 2027-01-31  https://tracker.example/17  we check the nonce before the tag
 * </pre>
 *
 * A reason or a link is required. The run fails on a failure not listed, on a listed case that now passes,
 * and on an entry whose date has passed, so the file stays true and no known failure is forgotten.
 */
public record Baseline(String source, List<Entry> entries) {
    private static final Pattern LINK = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final String UNTIL = "until";

    /** One known failure, with the line it stands on. */
    public record Entry(String id, int line, Optional<LocalDate> until, Optional<String> link, String reason) {
        /** Expired: the date given has passed (an entry is good through its date). */
        public boolean expiredOn(LocalDate today) {
            return until.map(today::isAfter).orElse(false);
        }

        /** The link and the reason, as the run's output quotes them. */
        public String explanation() {
            List<String> parts = new ArrayList<>();
            link.ifPresent(parts::add);
            if (!reason.isEmpty()) {
                parts.add(reason);
            }
            return String.join(": ", parts);
        }
    }

    public Baseline {
        entries = List.copyOf(entries);
    }

    /**
     * @param source the file's name, for messages ({@code expect.txt:3: ...})
     * @throws IllegalArgumentException naming the line of every malformed or repeated entry
     */
    public static Baseline parse(String source, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String text = lines.get(index).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                Entry entry = entry(text, lineNumber);
                Integer earlier = firstLine.putIfAbsent(entry.id(), lineNumber);
                if (earlier != null) {
                    throw new IllegalArgumentException(entry.id() + " is listed twice (also on line " + earlier + ")");
                }
                entries.add(entry);
            } catch (IllegalArgumentException e) {
                problems.add(source + ":" + lineNumber + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Baseline(source, entries);
    }

    private static Entry entry(String text, int lineNumber) {
        String[] words = text.split("\\s+");
        String id = words[0].toUpperCase(Locale.ROOT);
        Optional<LocalDate> until = Optional.empty();
        Optional<String> link = Optional.empty();
        int next = 1;
        while (next < words.length) {
            if (words[next].equals(UNTIL) && until.isEmpty()) {
                if (next + 1 >= words.length) {
                    throw new IllegalArgumentException("'until' needs a date, YYYY-MM-DD");
                }
                until = Optional.of(date(words[next + 1]));
                next += 2;
            } else if (LINK.matcher(words[next]).matches() && link.isEmpty()) {
                link = Optional.of(words[next]);
                next++;
            } else {
                break;
            }
        }
        String reason = String.join(" ", List.of(words).subList(next, words.length));
        if (reason.isEmpty() && link.isEmpty()) {
            throw new IllegalArgumentException("'" + words[0] + "' needs a reason or an issue link after the case ID, "
                    + "e.g. 'TAG-012  until 2027-01-31  https://tracker/17  we check the nonce before the tag'");
        }
        return new Entry(id, lineNumber, until, link, reason);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date: write YYYY-MM-DD, e.g. 2027-01-31");
        }
    }

    /** The entries by case ID, in file order. */
    public Map<String, Entry> byId() {
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(entry -> byId.put(entry.id(), entry));
        return byId;
    }

    /** Why the case is listed as a known failure; empty when it is not listed. */
    public Optional<String> reason(String caseId) {
        return Optional.ofNullable(byId().get(caseId)).map(Entry::reason);
    }

    /** What the baseline says about a finished run, on the day it ran. */
    public record Judgement(List<String> newFailures, List<String> nowPassing, List<String> stillFailing,
                          List<String> notRun, List<Entry> expired) {
        public boolean ok() {
            return newFailures.isEmpty() && nowPassing.isEmpty() && expired.isEmpty();
        }
    }

    public Judgement judge(RunSummary summary, LocalDate today) {
        Map<String, Entry> known = byId();
        List<String> newFailures = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        List<String> stillFailing = new ArrayList<>();
        for (CaseResult result : summary.cases()) {
            boolean listed = known.containsKey(result.id());
            boolean notPassing = result.verdict() == Verdict.FAIL || result.verdict() == Verdict.WARN
                    || result.verdict() == Verdict.BLOCKED;
            if (result.mustNotShown() && !listed) {
                newFailures.add(result.id());
            } else if (notPassing && listed) {
                stillFailing.add(result.id());
            } else if (result.verdict() == Verdict.PASS && listed) {
                nowPassing.add(result.id());
            }
        }
        Set<String> ran = summary.cases().stream().map(CaseResult::id).collect(Collectors.toSet());
        List<String> notRun = known.keySet().stream().filter(id -> !ran.contains(id)).collect(Collectors.toList());
        List<Entry> expired = entries.stream().filter(entry -> entry.expiredOn(today)).collect(Collectors.toList());
        return new Judgement(newFailures, nowPassing, stillFailing, notRun, expired);
    }
}

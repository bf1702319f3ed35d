package io.secho.conformance.targets;

import io.secho.conformance.peer.Suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the harness found out about the target before the first case: which suites complete a
 * handshake, whether it serves connections at all and speaks Secho, and whether it serves two
 * connections at once. Cases that need something the target lacks are BLOCKED with the reason found
 * here, once, instead of each failing in its own words.
 *
 * @param unusable   why no case can run at all (no connection served, not Secho, never answers); empty
 *                   when cases can run
 * @param oneAtATime the target serves a second connection only after the first has ended (REQ-LIM-5):
 *                   cases then run one after another, so that each verdict is the case's own
 */
public record Preflight(Map<Suite, SuiteSupport> suites, Optional<String> unusable, boolean oneAtATime) {
    public Preflight {
        suites = Map.copyOf(suites);
    }

    /** The findings, a line each, for the report's heading. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        unusable.ifPresent(why -> lines.add("no case can run: " + why + " (every suite's probe, below)"));
        for (Suite suite : Suite.values()) {
            SuiteSupport support = suites.get(suite);
            if (support != null) {
                lines.add(suite + ": " + support.detail());
            }
        }
        if (oneAtATime) {
            lines.add("the target serves one connection at a time (a second one is served only after the first "
                    + "ends; REQ-LIM-5): the cases run one after another, LIM-003 shows the fault");
        }
        return lines;
    }
}

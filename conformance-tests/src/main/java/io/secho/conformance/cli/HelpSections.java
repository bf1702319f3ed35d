package io.secho.conformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The harness's options in {@code --help}, in groups a user scans for what they have at hand (a target, a
 * key, the target's timeouts, ...) rather than one alphabetical list of thirty. Options keep their plain
 * declarations; the groups are assigned here by name, the lab profile's by its mixin, so an option another
 * part of the code adds still shows (under "Other options", which a test keeps empty).
 */
final class HelpSections {
    static final String TARGET = "Target:";
    static final String CLIENTS = "Clients under test:";
    static final String SUITES_AND_KEYS = "Suites and keys:";
    static final String TIMEOUTS = "Timeouts and limits of the target:";
    static final String SELECTION = "Selection and listing:";
    static final String REPORTS = "Reports and output:";
    static final String LAB = "Lab profile (spec/lab-profile.md):";
    static final String HELP = "Help:";
    static final String OTHER = "Other options:";

    private HelpSections() {
    }

    /** Replaces picocli's single option list by the groups. */
    static void install(CommandLine commandLine, String labMixin) {
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> render(help, labMixin));
    }

    /** Each group's options, in declaration order; groups without an option are left out. */
    static Map<String, List<OptionSpec>> groups(CommandSpec spec, String labMixin) {
        Set<OptionSpec> lab = Set.copyOf(spec.mixins().get(labMixin).options());
        Map<String, Predicate<OptionSpec>> rules = new LinkedHashMap<>();
        rules.put(TARGET, named("--target").or(startsWith("--image")).or(startsWith("--container")));
        rules.put(CLIENTS, startsWith("--client-"));
        rules.put(SUITES_AND_KEYS, named("--suite", "--psk-file"));
        rules.put(TIMEOUTS, named("--handshake-timeout", "--idle-timeout", "--io-timeout", "--max-connections"));
        rules.put(SELECTION, named("--case", "--family", "--seed", "--list", "--json", "--expanded", "--learned-cases"));
        rules.put(REPORTS, named("--report-dir", "--expect", "--failures-only").or(startsWith("--report"))
                .or(startsWith("--junit")));
        rules.put(LAB, option -> lab.contains(option) || option.longestName().equals("--lab-detect"));
        rules.put(HELP, option -> option.usageHelp() || option.versionHelp());
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        rules.keySet().forEach(heading -> groups.put(heading, new ArrayList<>()));
        groups.put(OTHER, new ArrayList<>());
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String heading = rules.entrySet().stream().filter(rule -> rule.getValue().test(option))
                    .map(Map.Entry::getKey).findFirst().orElse(OTHER);
            groups.get(heading).add(option);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static String render(CommandLine.Help help, String labMixin) {
        StringBuilder text = new StringBuilder();
        groups(help.commandSpec(), labMixin).forEach((heading, options) -> {
            // One layout per group, each sized for every option, so that the columns line up across groups.
            CommandLine.Help.Layout layout = help.createDefaultLayout();
            layout.addOptions(options, help.parameterLabelRenderer());
            text.append(String.format("%n%s%n", help.colorScheme().ansi().string("@|bold " + heading + "|@")))
                    .append(layout);
        });
        return text.toString();
    }

    private static Predicate<OptionSpec> named(String... names) {
        Set<String> wanted = Set.of(names);
        return option -> wanted.contains(option.longestName());
    }

    private static Predicate<OptionSpec> startsWith(String prefix) {
        return option -> option.longestName().startsWith(prefix);
    }
}

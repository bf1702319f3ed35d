package io.secho.conformance.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a usage error reads: {@code secho-conformance: <cause>} and a hint, never the whole help, a stack
 * trace or an exception's class. An unknown option is named without its value, which could be a key.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    static final String PREFIX = ConformanceMain.NAME + ": ";
    static final String HELP_HINT = "see '" + ConformanceMain.NAME + " --help' for every option";
    /**
     * The configuration parameter behind an option at the head of a message shared with Maven
     * ({@code secho.max-connections: ...}); the colon keeps a file named {@code secho.key} apart.
     */
    private static final Pattern PARAMETER = Pattern.compile("\\bsecho\\.([a-z][a-z-]*)(?=:)");

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(PREFIX + cause(e));
        err.println(hint(e));
        err.flush();
        return ExitCodes.USAGE;
    }

    static String cause(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> options = unmatched.getUnmatched().stream().filter(word -> word.startsWith("-"))
                    .map(word -> word.split("=", 2)[0]).distinct().collect(Collectors.toList());
            if (options.isEmpty()) {
                return "unexpected argument (not repeated here: it could be a key); every input is given by an option";
            }
            return (options.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", options);
        }
        String message = optionNames(e.getMessage(), e.getCommandLine().getCommandSpec());
        // picocli's own messages start with a capital; ours, after the tool's name, do not.
        return message.isEmpty() || e instanceof UsageError ? message
                : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static String hint(CommandLine.ParameterException e) {
        if (e instanceof UsageError usage) {
            return usage.hint();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " + HELP_HINT;
        }
        return HELP_HINT;
    }

    /**
     * A message written for Maven's {@code -Dsecho.max-connections} reads {@code --max-connections} on the command
     * line: each parameter is named as the option the user typed, where there is one.
     */
    static String optionNames(String message, CommandLine.Model.CommandSpec spec) {
        Matcher matcher = PARAMETER.matcher(message);
        StringBuilder named = new StringBuilder();
        while (matcher.find()) {
            String option = "--" + matcher.group(1);
            matcher.appendReplacement(named, Matcher.quoteReplacement(spec.findOption(option) != null ? option
                    : matcher.group()));
        }
        matcher.appendTail(named);
        return named.toString();
    }
}

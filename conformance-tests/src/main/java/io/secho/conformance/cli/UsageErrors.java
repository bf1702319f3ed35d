package io.secho.conformance.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The cause, in the shared words of every tool of the project (an unknown option named without a value
     * that could be a key; any key-long run of hex digits hidden), with Maven's parameter names turned into the
     * options the user typed.
     */
    static String cause(CommandLine.ParameterException e) {
        if (e instanceof UsageError) {
            return io.secho.options.UsageErrors.mask(optionNames(e.getMessage(), e.getCommandLine().getCommandSpec()));
        }
        return optionNames(io.secho.options.UsageErrors.describe(e), e.getCommandLine().getCommandSpec());
    }

    /** A subcommand's mistake points at that subcommand's help ({@code secho-conformance grade --help}). */
    private static String hint(CommandLine.ParameterException e) {
        String hint = e instanceof UsageError usage ? usage.hint() : HELP_HINT;
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        return hint.equals(HELP_HINT) && spec.parent() != null
                ? "see '" + spec.qualifiedName() + " --help' for every option" : hint;
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

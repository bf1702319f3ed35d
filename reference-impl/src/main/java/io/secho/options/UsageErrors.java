package io.secho.options;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How every command of the project's jars (the reference tools and the conformance harness) reports a usage
 * mistake: the cause on one line and where to look, not the whole help text, which buries the cause.
 *
 * <p>The cause never repeats what could be a key. picocli's own message for {@code server --psk <64 hex
 * digits>} is "Unknown options: '--psk', '8f0e...'": the key the user meant to keep off the screen, now in
 * their terminal's scroll-back and in CI logs. Here an unknown option is named, but no value is shown that
 * follows it or that is long enough to be a key, and any run of hex digits as long as a key is masked
 * whatever the message.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    /** Every key the tools read is at least 16 bytes (a lab AES-128 key): anything shorter is safe to repeat. */
    private static final int SHORTEST_KEY_TEXT = 16;
    /** 32 hex digits are a 16-byte key. */
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{32,}");
    private static final String HIDDEN_HEX = "(hex digits not shown: they may be a key)";
    /** Option names as the tools spell them; anything else after a dash may be a key glued to a short option. */
    private static final Pattern OPTION_NAME = Pattern.compile("--[a-z][a-z0-9-]*|-[A-Za-z]");

    private UsageErrors() {
    }

    /** Installs the handler on the command line and every subcommand it has now. */
    public static void install(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        String command = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        err.println(command + ": " + describe(exception));
        err.println("See '" + command + " --help'.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The one-line cause, without the command's name, safe to print. */
    public static String describe(CommandLine.ParameterException exception) {
        String cause = exception instanceof CommandLine.UnmatchedArgumentException unmatched
                ? describeUnmatched(unmatched) : lowerFirst(exception.getMessage());
        return mask(cause);
    }

    /** Any message with every run of hex digits as long as a key hidden: for messages that quote a value. */
    public static String mask(String message) {
        return HEX_KEY.matcher(message).replaceAll(HIDDEN_HEX);
    }

    private static String describeUnmatched(CommandLine.UnmatchedArgumentException exception) {
        List<String> options = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        int hidden = 0;
        boolean valueOfUnknownOption = false;
        for (String token : exception.getUnmatched()) {
            int equals = token.indexOf('=');
            String name = equals < 0 ? token : token.substring(0, equals);
            if (OPTION_NAME.matcher(name).matches()) {
                options.add(name);
                hidden += equals < 0 ? 0 : 1;
                valueOfUnknownOption = equals < 0;
            } else if (valueOfUnknownOption || token.length() >= SHORTEST_KEY_TEXT || token.startsWith("-")
                    || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                hidden++;
                valueOfUnknownOption = false;
            } else {
                arguments.add("'" + token + "'");
            }
        }
        List<String> parts = new ArrayList<>();
        if (!options.isEmpty()) {
            parts.add((options.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", options)
                    + didYouMean(exception.getSuggestions()));
        }
        if (!arguments.isEmpty()) {
            boolean commands = !exception.getCommandLine().getSubcommands().isEmpty();
            parts.add((commands ? "unknown command " : "unexpected argument ") + String.join(", ", arguments)
                    + didYouMean(options.isEmpty() ? exception.getSuggestions() : List.of()));
        }
        if (hidden > 0) {
            String count = parts.isEmpty() ? (hidden == 1 ? "an unexpected argument" : hidden + " unexpected arguments")
                    : hidden + (hidden == 1 ? " more argument" : " more arguments");
            parts.add(count + " (not shown: " + (hidden == 1 ? "it" : "they") + " may be a key)");
        }
        return String.join("; ", parts);
    }

    private static String didYouMean(List<String> suggestions) {
        return suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    private static String lowerFirst(String message) {
        boolean capitalisedWord = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1));
        return capitalisedWord ? message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1) : message;
    }
}

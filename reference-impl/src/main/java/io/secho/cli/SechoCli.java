package io.secho.cli;

import io.secho.options.UsageErrors;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code java -jar secho-reference.jar server|client|demo|keygen|help ...} */
@CommandLine.Command(name = "secho-reference",
        mixinStandardHelpOptions = true,
        version = "secho-reference 1.0 (Secho protocol v1)",
        description = "Reference server and client of the Secho v1 secure echo protocol.",
        subcommands = {ServerCommand.class, ClientCommand.class, DemoCommand.class, KeygenCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            "0:success",
            ExitCodes.SESSION_FAILED_HELP,
            ExitCodes.USAGE_HELP,
            "3:network error (cannot connect or listen)"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar secho-reference.jar keygen --out secho.key",
            "  java -jar secho-reference.jar server --psk-file secho.key",
            "  java -jar secho-reference.jar client --psk-file secho.key --message hello",
            "  java -jar secho-reference.jar help client"})
public final class SechoCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a command: server, client, demo, keygen or help");
    }

    public static void main(String[] args) {
        // Replies are UTF-8 on standard output whatever the locale (the client contract): under LC_ALL=C the
        // platform's encoding would print every non-ASCII reply as '?'.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs the command line as {@link #main} would, with the streams and environment given. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(args, System.in, out, err, environment);
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter, Map)}, with the client's standard input given. */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err,
                              Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new SechoCli(), new EnvironmentFactory(environment, in));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(Integer.class, WholeNumberConverter.INSTANCE);
        commandLine.registerConverter(int.class, WholeNumberConverter.INSTANCE);
        UsageErrors.install(commandLine);
        return commandLine.execute(args);
    }

    /**
     * Gives subcommands the environment to read the PSK from, and the client its standard input, so tests need
     * not touch the real ones.
     */
    private static final class EnvironmentFactory implements CommandLine.IFactory {
        private final Map<String, String> environment;
        private final InputStream in;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        EnvironmentFactory(Map<String, String> environment, InputStream in) {
            this.environment = Map.copyOf(environment);
            this.in = in;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ServerCommand.class) {
                return type.cast(new ServerCommand(environment));
            }
            if (type == ClientCommand.class) {
                return type.cast(new ClientCommand(environment, in));
            }
            return fallback.create(type);
        }
    }
}

package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.ClientCommand;
import io.secho.conformance.clients.ClientRunner;
import io.secho.conformance.clients.ClientTarget;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.lab.LabTargetConfig;
import io.secho.conformance.net.Trace;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetDescription;
import io.secho.lab.LabProfileOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * One run of the harness against a lab client ({@code --profile lab --client-command "CMD ..."}): the client
 * command, how long one run of it may take, the lab knobs the test server speaks by (the sec variant's key is the
 * client's own {@code --key-file}), the run's seed, the permits that bound how many clients run at once, and the
 * first session, run once and shared: LAB-017 judges it, and every other case is BLOCKED when it shows that the
 * client does not talk to a lab server at all.
 */
public final class LabClientTarget implements AutoCloseable {
    private static final List<String> V1_PLACEHOLDERS = List.of(ClientCommand.SUITE, ClientCommand.PSK_FILE);

    private final ClientCommand command;
    private final Duration runTimeout;
    private final LabKnobs knobs;
    private final String seed;
    private final Optional<String> keyReading;
    private final Semaphore permits = new Semaphore(ClientTarget.CONCURRENT_CLIENTS, true);
    private FirstSession firstSession;

    /** The first session: what it showed, and the trace of it. */
    record FirstSession(LabClientOutcome outcome, Trace trace) {
    }

    private LabClientTarget(ClientCommand command, Duration runTimeout, LabKnobs knobs, String seed,
                            Optional<String> keyReading) {
        this.command = command;
        this.runTimeout = runTimeout;
        this.knobs = knobs;
        this.seed = seed;
        this.keyReading = keyReading;
    }

    /**
     * @throws IllegalArgumentException with a message fit for a user: a target besides the client, a sec run
     *                                  without the client's key file, a placeholder of v1 clients, any malformed
     *                                  option
     */
    public static LabClientTarget from(Function<String, Optional<String>> parameters) {
        if (parameters.apply(TargetConfig.TARGET).filter(v -> !v.isBlank()).isPresent()) {
            throw new IllegalArgumentException(TargetConfig.TARGET + ": a lab client is tested against the harness's "
                    + "own lab test server; give either a target (a lab server to test) or a client command");
        }
        ClientTargetConfig client = ClientTargetConfig.from(parameters);
        LabTargetConfig lab = LabTargetConfig.from(parameters);
        LabKnobs knobs = LabKnobs.of(lab);
        if (!knobs.dh() && lab.keyFile().isEmpty()) {
            throw new IllegalArgumentException(LabProfileOptions.KEY_FILE + ": the sec variant needs the key file of "
                    + "the client under test: the lab test server uses that key");
        }
        boolean reference = parameters.apply(ClientTargetConfig.CLIENT_REFERENCE)
                .map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
        ClientCommand command = reference ? reference(lab) : client.command();
        for (String placeholder : V1_PLACEHOLDERS) {
            if (command.words().stream().anyMatch(word -> word.contains(placeholder))) {
                throw new IllegalArgumentException(ClientTargetConfig.CLIENT_COMMAND + ": with the lab profile the "
                        + "placeholders are " + ClientCommand.HOST + " and " + ClientCommand.PORT + "; " + placeholder
                        + " is for Secho v1 clients (a lab client takes its key file and knobs as its own options)");
            }
        }
        return new LabClientTarget(command, client.runTimeout(), knobs, client.seed(), lab.keyReading());
    }

    /**
     * The reference lab client the harness carries, with the harness's own Java and class path, the run's lab
     * options and key file: {@code --profile lab --client-reference}.
     */
    private static ClientCommand reference(LabTargetConfig lab) {
        List<String> words = new ArrayList<>(ClientCommand.referenceMain());
        words.addAll(List.of("client", "--host", ClientCommand.HOST, "--port", ClientCommand.PORT));
        words.addAll(lab.replayOptions());
        words.addAll(List.of("--timeout", ClientCommand.REFERENCE_TIMEOUT));
        return new ClientCommand(words, "client command: the reference lab client (" + ClientCommand.REFERENCE_MAIN
                + " client " + String.join(" ", lab.replayOptions()) + ", the harness's own Java and class path, "
                + "--timeout " + ClientCommand.REFERENCE_TIMEOUT + ")");
    }

    LabKnobs knobs() {
        return knobs;
    }

    public String seed() {
        return seed;
    }

    /**
     * Runs the client once against a lab test server following {@code script}, with {@code messages} on its
     * standard input (the v1 clients' runner, with the lab test server).
     */
    LabClientOutcome run(List<String> messages, LabServerScript script, SeededBytes random, Trace trace) {
        ClientRunner.Run<LabSession> run = ClientRunner.run(permits, runTimeout, LabTestServer::listen,
                (server, clock) -> server.serve(knobs, messages, script, random, trace, clock), command::resolve,
                messages, trace);
        return new LabClientOutcome(messages, run.served(), run.client(), run.startFailure(), knobs.nonceLength());
    }

    /** The run's first session, with {@code messages}: run once, by whichever case asks first. */
    synchronized FirstSession firstSession(List<String> messages) {
        if (firstSession == null) {
            Trace trace = new Trace();
            trace.note("the run's first session (LAB-017 judges it; every other case needs it to have talked)");
            LabClientOutcome outcome = run(messages, LabServerScript.correct(),
                    new SeededBytes("secho-conformance lab client/" + seed + "/first session"), trace);
            firstSession = new FirstSession(outcome, trace);
        }
        return firstSession;
    }

    /** What the reports say the run tested: the client command, never a key. */
    public String describe() {
        return command.description();
    }

    public TargetDescription description() {
        return TargetDescription.client(describe());
    }

    /** How the key file was read (sec), for the report's heading. */
    public Optional<String> keyReading() {
        return keyReading;
    }

    public String protocol() {
        return "Secho lab profile (" + knobs.describe() + ")";
    }

    @Override
    public void close() {
        // Every run's processes and sockets are closed when the run ends; the key file is the user's.
    }
}

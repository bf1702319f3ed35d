package io.secho.conformance.cases;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseContext;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.learn.LearnedSequence;
import io.secho.conformance.learn.LearnedSequences;
import io.secho.conformance.learn.ServerAlphabet;
import io.secho.conformance.learn.ServerMapper;
import io.secho.conformance.learn.ServerMapperSettings;
import io.secho.conformance.learn.SpecModel;
import io.secho.conformance.peer.Suite;
import io.secho.conformance.requirements.Req;
import io.secho.conformance.targets.TargetConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.automatalib.automaton.transducer.impl.CompactMealy;
import net.automatalib.word.Word;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * What learning found once, checked by every run: each learned sequence is sent over one connection, and the
 * target must answer every step as the spec's state machine (Table 8, as spec/secho-v1-server-model.json)
 * says. The harness's own sequences come built in; {@code --learned-cases FILE} adds those learn wrote for a
 * user's target.
 */
@DisplayName("Learned sequences")
@ExtendWith(ConformanceExtension.class)
class LearnedCases {
    static final String CASE_ID = "LEARN-001";
    /** Ample for a loopback answer; a difference is asked again with a longer one. */
    private static final Duration FIRST_QUIET_PERIOD = Duration.ofMillis(500);
    /** The second attempt's, or --io-timeout when that is shorter. */
    private static final Duration PATIENT_QUIET_PERIOD = Duration.ofSeconds(2);
    /** A server that keeps sending ends a step here ("Timeout"). */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(2);

    /** A --learned-cases file's sequences, with their IDs and descriptions. */
    static Stream<Arguments> of(List<LearnedSequence> sequences) {
        return arguments(sequences);
    }

    /** The built-in sequences, as --list and the baselines know them (CaseInputs). */
    static Stream<Arguments> builtIn() {
        return arguments(LearnedSequences.builtIn());
    }

    private static Stream<Arguments> arguments(List<LearnedSequence> sequences) {
        return sequences.stream().map(s -> Arguments.of(CASE_ID + "." + s.number(), s.wordText(), s));
    }

    /** The built-in sequences, then the --learned-cases file's. */
    static final class Sequences implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                                                            ExtensionContext context) {
            List<LearnedSequence> all = new ArrayList<>(LearnedSequences.builtIn());
            context.getConfigurationParameter(TargetConfig.LEARNED_CASES).filter(v -> !v.isBlank())
                    .ifPresent(file -> all.addAll(LearnedSequences.read(Path.of(file))));
            return arguments(all);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @ArgumentsSource(Sequences.class)
    @DisplayName("sequences learning found an implementation to get wrong: every answer as Table 8 says")
    @ConformanceCase(id = CASE_ID, requirements = {Req.HS_10, Req.FRM_8},
            endings = "each step's answer and ending as the spec model says")
    void learnedSequence(String id, String word, LearnedSequence sequence, CaseContext context) {
        context.requireUsableTarget();
        for (Suite suite : suitesOf(sequence)) {
            context.requireOffered(suite);
            if (suite == Suite.PSK && context.psk().isEmpty()) {
                throw new CaseSkipped("suite psk: no --psk-file given");
            }
        }
        SpecModel spec = SpecModel.server();
        CompactMealy<String, String> machine = spec.machine();
        List<String> expected = machine.computeOutput(Word.fromList(sequence.word())).asList();
        Duration patient = context.ioTimeout().compareTo(PATIENT_QUIET_PERIOD) < 0 ? context.ioTimeout()
                : PATIENT_QUIET_PERIOD;
        if (patient.compareTo(FIRST_QUIET_PERIOD) < 0) {
            patient = FIRST_QUIET_PERIOD;
        }
        // Both attempts in the worst case: every step runs into its limit.
        context.allowUpTo(STEP_LIMIT.plus(patient.multipliedBy(2)).plus(context.ioTimeout().multipliedBy(2))
                .multipliedBy(sequence.word().size()).plus(Duration.ofSeconds(10)));
        // Where Table 8 says the target answers, its first byte may take the harness's whole wait for an answer.
        ServerMapperSettings settings = ServerMapperSettings.of(context.target().address(), context.psk())
                .withAnswerWait(context.ioTimeout());
        List<String> actual = answer(settings.withQuietPeriod(FIRST_QUIET_PERIOD).withStepLimit(STEP_LIMIT),
                sequence);
        if (!actual.equals(expected)) {
            // A slow answer reads as "Nothing" when the quiet period is short: only an answer that differs again,
            // with a longer wait, counts.
            actual = answer(settings.withQuietPeriod(patient).withStepLimit(patient.multipliedBy(2)), sequence);
        }
        int step = 0;
        while (step < expected.size() && expected.get(step).equals(actual.get(step))) {
            step++;
        }
        String sent = "learned sequence " + sequence.number() + ": " + word;
        if (step == expected.size()) {
            context.evidence("each of the " + expected.size() + " answers as Table 8 says: " + String.join(" | ", actual));
            return;
        }
        Integer state = machine.getSuccessor(machine.getInitialState(), sequence.word().subList(0, step));
        List<String> requirements = new ArrayList<>(List.of(Req.HS_10.id()));
        requirements.addAll(spec.requirements(state, sequence.word().get(step)));
        throw context.failWith(List.copyOf(new LinkedHashSet<>(requirements)),
                "at step " + (step + 1) + " (" + sequence.word().get(step) + " in " + spec.stateName(state) + "): "
                        + expected.get(step) + "; all: " + String.join(" | ", expected),
                "at step " + (step + 1) + ": " + actual.get(step) + "; all: " + String.join(" | ", actual),
                sent + (sequence.found().isEmpty() ? "" : " (found: " + sequence.found() + ")"));
    }

    /** The target's answers on one connection; BLOCKED when no connection can be made. */
    private static List<String> answer(ServerMapperSettings settings, LearnedSequence sequence) {
        try {
            return new ServerMapper(settings).answer(sequence.word());
        } catch (UncheckedIOException e) {
            throw new CaseBlocked("cannot connect to the target", "", e.getMessage());
        }
    }

    private static Set<Suite> suitesOf(LearnedSequence sequence) {
        Set<Suite> suites = new LinkedHashSet<>();
        for (String input : sequence.word()) {
            ServerAlphabet.Input known = ServerAlphabet.Input.of(input);
            known.helloSuite().ifPresent(suites::add);
            if (known == ServerAlphabet.Input.CLIENT_HELLO_BAD_SHARE) {
                suites.add(Suite.X25519);
            }
        }
        return suites;
    }
}

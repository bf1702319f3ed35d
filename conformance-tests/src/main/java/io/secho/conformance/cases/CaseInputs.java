package io.secho.conformance.cases;

import io.secho.conformance.RetiredCases;
import io.secho.conformance.clients.cases.ClientCloseCases;
import io.secho.conformance.clients.cases.ClientFramingCases;
import io.secho.conformance.clients.cases.ClientHandshakeCases;
import io.secho.conformance.clients.cases.ClientRecordCases;
import io.secho.conformance.learn.LearnedSequence;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The inputs of every parameterized case, without running it: the very argument sources its
 * {@code @MethodSource} hands JUnit, so that {@code --list}, {@code --list --json} and the baseline check
 * know every runnable ID ({@code HS-010.5}) while JUnit's discovery only knows the template ({@code HS-010}).
 * Each source is static and cheap (constants, or the vector files packed in the harness). A parameterized
 * case missing here fails the catalogue's test, so the two cannot drift apart.
 */
public final class CaseInputs {
    /** One invocation of a parameterized case: its ID ({@code TEMPLATE.N}) and what it sends. */
    public record Invocation(String id, String description) {
    }

    private static final List<Supplier<Stream<Arguments>>> SOURCES = List.of(
            HandshakeCases::invalidModpShares,
            HandshakeCases::lowOrderX25519Points,
            HandshakeCases::verifyDataBytes,
            TagCases::tagBytes,
            LimitCases::abuses,
            VectorCases::clientHellos,
            VectorCases::finishedVectors,
            VectorCases::frameHeaderVectors,
            VectorCases::wellFormedEchoes,
            VectorCases::illFormedEchoes,
            LearnedCases::builtIn,
            ClientHandshakeCases::wrongShareLengths,
            ClientHandshakeCases::zeroSecretShares,
            ClientHandshakeCases::acceptedShares,
            ClientHandshakeCases::invalidModpShares,
            ClientHandshakeCases::wrongFirstFrames,
            ClientFramingCases::unknownTypes,
            ClientFramingCases::handshakeFramesLate,
            ClientRecordCases::malformedRecords,
            ClientCloseCases::truncations);

    private CaseInputs() {
    }

    /** The case a --learned-cases file adds invocations to. */
    public static final String LEARNED_CASE = LearnedCases.CASE_ID;

    /** The invocations a --learned-cases file adds to {@link #LEARNED_CASE}. */
    public static List<Invocation> learned(List<LearnedSequence> sequences) {
        return invocations(LearnedCases.of(sequences));
    }

    private static List<Invocation> invocations(Stream<? extends Arguments> arguments) {
        return arguments.map(a -> new Invocation((String) a.get()[0], (String) a.get()[1])).toList();
    }

    /**
     * Every invocation of every parameterized case. Each source's arguments start with the invocation's ID and
     * its description, as the cases' display names ({@code "{0} {1}"}) show them.
     */
    public static List<Invocation> all() {
        return invocations(SOURCES.stream().flatMap(Supplier::get));
    }

    /**
     * The invocations retired with their vector: {@code HS-010.N} for every retired tcId N of the handshake
     * vectors (vectors/tcids.json), and so on for each vector case. Never reused.
     */
    public static List<RetiredCases.Retired> retired() {
        List<RetiredCases.Retired> retired = new ArrayList<>();
        new TreeMap<>(VectorCases.VECTOR_FILES).forEach((caseId, file) -> Vectors.retiredTcIds(file).forEach(tcId ->
                retired.add(new RetiredCases.Retired(caseId + "." + tcId, "vector tcId " + tcId + " of " + file
                        + " was removed (vectors/tcids.json)"))));
        return List.copyOf(retired);
    }
}

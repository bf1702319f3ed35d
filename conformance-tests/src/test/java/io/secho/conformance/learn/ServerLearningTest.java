package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secho.conformance.peer.PreSharedKey;
import io.secho.conformance.peer.Suite;
import io.secho.server.SechoServer;
import io.secho.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.automatalib.alphabet.Alphabet;
import net.automatalib.util.automaton.Automata;
import net.automatalib.word.Word;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learning the reference server over the real network with the peer-engine mapper gives the spec's model
 * (issue 15). About 5 to 15 s on 2 loaded cores (8 connections); per-suite figures are in the step 12 report.
 */
final class ServerLearningTest {
    private static final byte[] KEY = new byte[PreSharedKey.LENGTH];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (0x40 + i);
        }
    }

    private static SechoServer server;
    private static ServerMapper mapper;

    @BeforeAll
    static void start() throws IOException {
        // Generous server timeouts: no query comes near them, and a loaded machine must not make it one.
        server = SechoServer.start(ServerConfig.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0)
                .psk(io.secho.crypto.PreSharedKey.of(KEY)).handshakeTimeout(Duration.ofSeconds(30))
                .idleTimeout(Duration.ofSeconds(60)).log(line -> { }).build());
        mapper = new ServerMapper(ServerMapperSettings.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                Optional.of(PreSharedKey.of(KEY))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void replayAnswersAsTheSpecSays() {
        List<String> word = List.of("ClientHello(psk)", "Finished(right)", "Data(valid)", "Data(valid)",
                "Data(replayed)", "Close");
        assertEquals(List.of("ServerHello+Finished", "Nothing", "Echo", "Echo",
                "Alert(bad_sequence,encrypted)+FIN", "Closed"), mapper.answer(word));
        assertEquals(SpecModel.server().machine().computeOutput(Word.fromList(word)).asList(), mapper.answer(word));
    }

    @Test
    void learningTheReferenceWithAllSuitesGivesTheSpecModel() {
        Alphabet<String> alphabet = ServerAlphabet.forSuites(EnumSet.allOf(Suite.class), true);
        assertEquals(14, alphabet.size());
        LearnedModel learned = Learner.learnServer(mapper, alphabet, LearnSettings.defaults());
        SpecModel spec = ServerAlphabet.specModel(alphabet);
        System.out.println("learned the reference (all suites): " + learned.statistics());
        assertNull(Automata.findSeparatingWord(learned.machine(), spec.machine(), alphabet));
        assertEquals(4, learned.machine().size());
        assertFalse(learned.statistics().boundReached());
        assertTrue(learned.statistics().membershipQueries() > 0);
        assertTrue(learned.statistics().nondeterminism().stream().allMatch(Nondeterminism::resolved));
    }
}

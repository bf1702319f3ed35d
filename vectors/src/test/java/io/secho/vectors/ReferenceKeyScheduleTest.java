package io.secho.vectors;

import com.google.gson.JsonObject;
import io.secho.crypto.PreSharedKey;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.Finished;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.ServerHandshake;
import io.secho.handshake.Suite;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static io.secho.vectors.VectorFiles.hex;
import static io.secho.vectors.VectorFiles.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The reference implementation against secho_v1_key_schedule_test.json, through its state machines. */
class ReferenceKeyScheduleTest {

    @TestFactory
    List<DynamicTest> derivations() {
        return VectorFiles.each(VectorFiles.KEY_SCHEDULE, "KeyScheduleTest", ReferenceKeyScheduleTest::derivation);
    }

    @TestFactory
    List<DynamicTest> finishedChecks() {
        return VectorFiles.each(VectorFiles.KEY_SCHEDULE, "FinishedTest", ReferenceKeyScheduleTest::finished);
    }

    static Suite suite(JsonObject object) {
        return Suite.fromWireName(str(object, "suite")).orElseThrow();
    }

    static Optional<PreSharedKey> psk(JsonObject test) {
        return test.has("psk") ? Optional.of(PreSharedKey.of(hex(test, "psk"))) : Optional.empty();
    }

    /** The client's draws as ClientHandshake makes them: random, then private key (not for psk). */
    static ScriptedRandomBytes clientDraws(JsonObject test) {
        List<byte[]> draws = new ArrayList<>(List.of(hex(test, "clientRandom")));
        if (test.has("clientPrivateKey")) {
            draws.add(hex(test, "clientPrivateKey"));
        }
        return new ScriptedRandomBytes(draws);
    }

    /** The server's draws as ServerHandshake makes them: private key (not for psk), then random. */
    static ScriptedRandomBytes serverDraws(JsonObject test) {
        List<byte[]> draws = new ArrayList<>();
        if (test.has("serverPrivateKey")) {
            draws.add(hex(test, "serverPrivateKey"));
        }
        draws.add(hex(test, "serverRandom"));
        return new ScriptedRandomBytes(draws);
    }

    private static void derivation(JsonObject group, JsonObject test) throws Exception {
        Suite suite = suite(group);
        Optional<PreSharedKey> psk = psk(test);
        boolean highBit = VectorFiles.hasFlag(test, "ShareHighBitSet");
        if (suite != Suite.PSK) {
            byte[] clientShare = publicShare(suite, hex(test, "clientPrivateKey"));
            if (highBit) {
                clientShare[31] |= (byte) 0x80;
            }
            assertArrayEquals(hex(test, "clientShare"), clientShare, "clientShare");
            assertArrayEquals(hex(test, "serverShare"), publicShare(suite, hex(test, "serverPrivateKey")), "serverShare");
        }
        ServerHandshake server = new ServerHandshake(EnumSet.of(suite), psk, serverDraws(test));
        List<Frame> flight = server.onClientHello(Frame.parse(hex(test, "clientHello")));
        assertArrayEquals(hex(test, "serverHello"), flight.get(0).encode(), "serverHello");
        assertArrayEquals(hex(test, "serverFinished"), flight.get(1).encode(), "serverFinished");
        if (!highBit) {
            // A real client sends the share it computes; the high-bit vector is for the receiving server.
            ClientHandshake client = new ClientHandshake(suite, psk, clientDraws(test));
            assertArrayEquals(hex(test, "clientHello"), client.clientHello().encode(), "clientHello");
            client.onServerHello(flight.get(0));
            HandshakeResult clientResult = client.onServerFinished(flight.get(1));
            assertArrayEquals(hex(test, "clientFinished"), clientResult.clientFinishedFrame(), "clientFinished");
        }
        HandshakeResult result = server.onClientFinished(Frame.parse(hex(test, "clientFinished")));
        SessionSecrets secrets = result.secrets();
        assertArrayEquals(hex(test, "sharedSecret"), result.sharedSecret(), "sharedSecret");
        assertArrayEquals(hex(test, "th1"), secrets.transcriptHash1(), "th1");
        assertArrayEquals(hex(test, "prk"), secrets.pseudoRandomKey(), "prk");
        assertArrayEquals(hex(test, "c2sKey"), secrets.clientToServer().key(), "c2sKey");
        assertArrayEquals(hex(test, "c2sSalt"), secrets.clientToServer().salt(), "c2sSalt");
        assertArrayEquals(hex(test, "s2cKey"), secrets.serverToClient().key(), "s2cKey");
        assertArrayEquals(hex(test, "s2cSalt"), secrets.serverToClient().salt(), "s2cSalt");
        assertArrayEquals(hex(test, "cFinishedKey"), secrets.clientFinishedKey(), "cFinishedKey");
        assertArrayEquals(hex(test, "sFinishedKey"), secrets.serverFinishedKey(), "sFinishedKey");
        assertArrayEquals(hex(test, "serverVerifyData"), secrets.serverVerifyData(), "serverVerifyData");
        assertArrayEquals(hex(test, "th2"), result.transcriptHash2(), "th2");
        assertArrayEquals(hex(test, "clientVerifyData"), KeySchedule.clientVerifyData(secrets, result.transcriptHash2()),
                "clientVerifyData");
    }

    static byte[] publicShare(Suite suite, byte[] privateKey) {
        return suite.newKeyExchange(new ScriptedRandomBytes(List.of(privateKey)), Optional.empty()).publicShare();
    }

    private static void finished(JsonObject group, JsonObject test) throws Exception {
        byte[] clientHello = hex(group, "clientHello");
        byte[] serverHello = hex(group, "serverHello");
        byte[] serverFinished = hex(group, "serverFinished");
        SessionSecrets secrets = KeySchedule.derive(hex(group, "sharedSecret"), clientHello, serverHello);
        assertArrayEquals(serverFinished, new Finished(secrets.serverVerifyData()).toFrame().encode(),
                "the group's serverFinished");
        byte[] body = Frame.parse(hex(test, "finished")).body();
        if (str(test, "receiver").equals("client")) {
            VectorFiles.assertOutcome(test, () -> Finished.decode(body).verify(secrets.serverVerifyData(), "server"));
        } else {
            byte[] th2 = KeySchedule.transcriptHash2(clientHello, serverHello, serverFinished);
            VectorFiles.assertOutcome(test,
                    () -> Finished.decode(body).verify(KeySchedule.clientVerifyData(secrets, th2), "client"));
        }
    }
}

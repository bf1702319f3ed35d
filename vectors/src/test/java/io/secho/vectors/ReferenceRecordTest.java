package io.secho.vectors;

import com.google.gson.JsonObject;
import io.secho.echo.EchoTransform;
import io.secho.keyschedule.TrafficKeys;
import io.secho.record.InnerPlaintext;
import io.secho.record.InnerType;
import io.secho.record.RecordOpener;
import io.secho.record.RecordSealer;
import io.secho.wire.Direction;
import io.secho.wire.Frame;
import io.secho.wire.FrameReader;
import io.secho.wire.FrameType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;

import static io.secho.vectors.VectorFiles.hex;
import static io.secho.vectors.VectorFiles.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference implementation against secho_v1_record_test.json: RecordSealer must produce every record byte
 * for byte; FrameReader, RecordOpener and (server side) the strict UTF-8 decoder must accept or reject each
 * received record with the vector's alert.
 *
 * <p>A session always starts at sequence number 0; the vectors near 2^32 and 2^64 - 1 use the sealer's and
 * opener's explicitly insecure factories that start elsewhere.
 */
class ReferenceRecordTest {

    @TestFactory
    List<DynamicTest> protection() {
        return VectorFiles.each(VectorFiles.RECORD, "RecordProtectionTest", ReferenceRecordTest::seal);
    }

    @TestFactory
    List<DynamicTest> checks() {
        return VectorFiles.each(VectorFiles.RECORD, "RecordCheckTest", ReferenceRecordTest::open);
    }

    static Direction direction(JsonObject group) {
        return str(group, "direction").equals("c2s") ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    private static void seal(JsonObject group, JsonObject test) throws Exception {
        TrafficKeys keys = new TrafficKeys(hex(group, "key"), hex(group, "salt"));
        long seq = VectorFiles.u64(test, "seq");
        InnerType type = InnerType.fromCode(hex(test, "innerType")[0] & 0xff).orElseThrow();
        byte[] payload = hex(test, "payload");
        RecordSealer sealer = RecordSealer.insecureStartingAt(keys, direction(group), seq);
        Frame record = sealer.seal(type, payload);
        assertArrayEquals(hex(test, "record"), record.encode(), "record");
        assertArrayEquals(hex(test, "header"), record.header(), "header");
        InnerPlaintext opened = opener(keys, seq).open(Frame.parse(hex(test, "record")));
        assertEquals(type, opened.type(), "inner type after opening");
        assertArrayEquals(payload, opened.payload(), "payload after opening");
    }

    private static void open(JsonObject group, JsonObject test) throws Exception {
        TrafficKeys keys = new TrafficKeys(hex(group, "key"), hex(group, "salt"));
        Direction direction = direction(group);
        RecordOpener opener = opener(keys, VectorFiles.u64(test, "expectedSeq"));
        VectorFiles.assertOutcome(test, () -> {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(hex(test, "record")), direction);
            InnerPlaintext inner = opener.open(reader.read(EnumSet.of(FrameType.RECORD, FrameType.ALERT)));
            if (inner.type() == InnerType.DATA) {
                // Step 6 in both directions: REQ-ECHO-7 at the server, REQ-ECHO-13 at the client.
                EchoTransform.decodeStrictUtf8(inner.payload());
            }
            if (VectorFiles.valid(test)) {
                assertEquals(hex(test, "innerType")[0] & 0xff, inner.type().code(), "inner type");
                assertArrayEquals(hex(test, "payload"), inner.payload(), "payload");
            }
        });
    }

    static RecordOpener opener(TrafficKeys keys, long expectedSeq) {
        return RecordOpener.insecureExpectingFrom(keys, expectedSeq);
    }
}

package io.secho.handshake;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.ByteReader;
import io.secho.wire.ByteWriter;

/**
 * The layout that ClientHello and ServerHello share:
 * version u16 | suite u8 | random [32] | share_len u16 | key_share [share_len].
 */
final class HelloCodec {
    static final int RANDOM_LENGTH = 32;
    static final int FIXED_PART_LENGTH = 2 + 1 + RANDOM_LENGTH + 2;

    record Fields(int version, int suiteCode, byte[] random, byte[] keyShare) {
    }

    private HelloCodec() {
    }

    static byte[] encode(int version, int suiteCode, byte[] random, byte[] keyShare) {
        return new ByteWriter().u16(version).u8(suiteCode).bytes(random).u16(keyShare.length).bytes(keyShare)
                .toByteArray();
    }

    /** Step a of the spec's check order: just the version, before anything else is parsed. */
    static int readVersion(byte[] body, String what) throws ProtocolException {
        return new ByteReader(body, what).readU16("version");
    }

    /** Step c: the whole structure, no trailing bytes. */
    static Fields decode(byte[] body, String what) throws ProtocolException {
        ByteReader reader = new ByteReader(body, what);
        int version = reader.readU16("version");
        int suite = reader.readU8("suite");
        byte[] random = reader.readBytes(RANDOM_LENGTH, "random");
        int shareLength = reader.readU16("share_len");
        byte[] share = reader.readBytes(shareLength, "key_share");
        reader.expectEnd();
        return new Fields(version, suite, random, share);
    }

    static void checkShareLength(Suite suite, byte[] share, String what) throws ProtocolException {
        if (share.length != suite.shareLength()) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, what + " key share for " + suite + " must be "
                    + suite.shareLength() + " bytes, was " + share.length);
        }
    }

    static void checkArguments(int version, int suiteCode, byte[] random, byte[] keyShare) {
        if (version < 0 || version > 0xffff || suiteCode < 0 || suiteCode > 0xff) {
            throw new IllegalArgumentException("version or suite out of range");
        }
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be " + RANDOM_LENGTH + " bytes, was " + random.length);
        }
        if (keyShare.length > 0xffff) {
            throw new IllegalArgumentException("key share too long for a u16 length");
        }
    }
}

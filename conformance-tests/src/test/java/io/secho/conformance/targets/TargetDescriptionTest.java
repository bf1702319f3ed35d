package io.secho.conformance.targets;

import io.secho.conformance.peer.Suite;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the reports record about a target survives its way from the cases to the report, and reads as before. */
class TargetDescriptionTest {
    @Test
    void anImageAndItsPreflightSurviveTheReportEntry() {
        Preflight preflight = new Preflight(Map.of(
                Suite.X25519, new SuiteSupport(SuiteSupport.Status.WORKING, true, "a handshake completed"),
                Suite.MODP2048, new SuiteSupport(SuiteSupport.Status.NOT_OFFERED, false, "not offered (unsupported_suite)"),
                Suite.PSK, new SuiteSupport(SuiteSupport.Status.NO_PSK_FILE, true, "offered, but no --psk-file")),
                Optional.empty(), true);
        TargetDescription image = new TargetDescription(TargetDescription.Kind.IMAGE, Optional.of("localhost:49153"),
                Optional.of("my-server:1.2"), Optional.of(preflight));
        assertEquals(image, TargetDescription.decode(image.encode()));
        assertEquals("image my-server:1.2", image.label());
    }

    @Test
    void aTargetThatNeverStartedKeepsWhy() {
        TargetDescription failed = new TargetDescription(TargetDescription.Kind.IMAGE, Optional.empty(),
                Optional.of("missing:0"), Optional.of(new Preflight(Map.of(), Optional.of("cannot start image missing:0"),
                false)));
        assertEquals(failed, TargetDescription.decode(failed.encode()));
    }

    @Test
    void withoutAnyCaseTheParametersStillSayWhereTheRunPointed() {
        Map<String, String> image = Map.of(TargetConfig.IMAGE, "my-server:1.2");
        assertEquals("image my-server:1.2", TargetDescription.fromParameters(k -> Optional.ofNullable(image.get(k))).label());
        Map<String, String> address = Map.of(TargetConfig.TARGET, " 10.0.0.5:8443 ");
        assertEquals("10.0.0.5:8443", TargetDescription.fromParameters(k -> Optional.ofNullable(address.get(k))).label());
        assertEquals(TargetDescription.Kind.EMBEDDED, TargetDescription.fromParameters(key -> Optional.empty()).kind());
    }

    @Test
    void anIpv6HostIsWrittenAsTargetAcceptsIt() {
        assertEquals("[::1]:8443", TargetDescription.hostPort(InetSocketAddress.createUnresolved("::1", 8443)));
        assertEquals("127.0.0.1:8443", TargetDescription.hostPort(new InetSocketAddress("127.0.0.1", 8443)));
    }
}

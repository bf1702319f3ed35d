package io.secho.cli;

import io.secho.handshake.Suite;
import picocli.CommandLine;

/** Suite names as the spec writes them: x25519, modp2048, psk. */
final class SuiteConverter implements CommandLine.ITypeConverter<Suite> {
    @Override
    public Suite convert(String value) {
        return Suite.fromWireName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "unknown suite '" + value + "' (choose x25519, modp2048 or psk)"));
    }
}

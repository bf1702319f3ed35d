package io.secho.options;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one duration syntax of every tool: what it reads, what it refuses and how, and how it prints. */
class DurationConverterTest {
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "10s, 10000",
        "500ms, 500",
        "1.5s, 1500",
        "2m, 120000",
        "1h, 3600000",
        "30, 30000",
        "0.25, 250",
        "0, 0",
        "0ms, 0",
        "' 5s ', 5000",
        "10 s, 10000",
        "1.5S, 1500",
        "2M, 120000",
        "0.001s, 1",
        "24h, 86400000"})
    void readsTheFormsPeopleWrite(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationConverter.parse(text));
        assertEquals(Duration.ofMillis(millis), new DurationConverter().convert(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' {1}")
    @CsvSource({
        "-5s, is negative",
        "-1, is negative",
        "abc, is not a duration",
        "'', is not a duration",
        "10x, is not a duration",
        "s, is not a duration",
        "1.5.2s, is not a duration",
        "PT10S, is not a duration",
        "1e3s, is not a duration",
        "'1,5s', write decimals with a point",
        "0.0005s, finer than a millisecond",
        "1.5ms, finer than a millisecond",
        "25h, longer than 24h",
        "99999999999999999999999s, longer than",
        "1441m, longer than"})
    void refusesGarbageWithAMessageThatQuotesIt(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationConverter.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), "the message quotes the value: " + e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        CommandLine.TypeConversionException picocli = assertThrows(CommandLine.TypeConversionException.class,
                () -> new DurationConverter().convert(text));
        assertEquals(e.getMessage(), picocli.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "500, 500ms",
        "999, 999ms",
        "1000, 1s",
        "1500, 1.5s",
        "1250, 1.25s",
        "10000, 10s",
        "90000, 90s",
        "60000, 1m",
        "300000, 5m",
        "5400000, 90m",
        "3600000, 1h",
        "86400000, 24h",
        "-1500, -1.5s"})
    void printsDurationsAsPeopleWriteThem(long millis, String text) {
        assertEquals(text, DurationConverter.format(Duration.ofMillis(millis)));
    }

    @Test
    void printsSubMillisecondDurationsInMilliseconds() {
        assertEquals("0.25ms", DurationConverter.format(Duration.ofNanos(250_000)));
        assertEquals("1.000001ms", DurationConverter.format(Duration.ofNanos(1_000_001)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 999, 1000, 1001, 1500, 59_999, 60_000, 61_000, 3_599_999, 3_600_000, 86_400_000})
    void whatItPrintsItReadsBack(long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertEquals(duration, DurationConverter.parse(DurationConverter.format(duration)));
    }
}

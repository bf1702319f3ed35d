package io.secho.options;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, for every tool of the project (the reference jar's options and the
 * conformance harness's): {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, or a plain number
 * of seconds; and back, so that help texts and messages show {@code 10s}, never {@code PT10S}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** Every duration the tools take is a timeout; beyond a day it is a typo, and it would overflow a socket's int. */
    public static final Duration MAX = Duration.ofDays(1);
    private static final String EXAMPLES = "examples: 10s, 500ms, 1.5s, 2m, or seconds as a number";
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    private static final long MILLIS_PER_MINUTE = 60 * MILLIS_PER_SECOND;
    private static final long MILLIS_PER_HOUR = 60 * MILLIS_PER_MINUTE;

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException with a message fit for a user (it quotes the value, never names a Java
     *                                  type): for text that is no duration, a negative one, one finer than a
     *                                  millisecond, or one longer than {@link #MAX}
     */
    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("'" + value + "' is negative; a duration is 0 or more (" + EXAMPLES + ")");
        }
        if (text.contains(",")) {
            throw new IllegalArgumentException("'" + value + "' is not a duration: write decimals with a point, as in "
                    + "1.5s");
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (" + EXAMPLES + ")");
        }
        BigDecimal millis = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitMillis(matcher.group(2))));
        if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
            throw new IllegalArgumentException("'" + value + "' is longer than " + format(MAX)
                    + ", the longest duration these tools take");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + value + "' is finer than a millisecond, the finest duration "
                    + "these tools take");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** The shortest way a person would write it: {@code 0s}, {@code 500ms}, {@code 1.5s}, {@code 10s}, {@code 5m}, {@code 1h}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.toNanosPart() % NANOS_PER_MILLI != 0) {
            return new BigDecimal(duration.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString() + "ms";
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % MILLIS_PER_HOUR == 0) {
            return millis / MILLIS_PER_HOUR + "h";
        }
        if (millis % MILLIS_PER_MINUTE == 0) {
            return millis / MILLIS_PER_MINUTE + "m";
        }
        if (millis < MILLIS_PER_SECOND) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static long unitMillis(String unit) {
        if (unit == null) {
            return MILLIS_PER_SECOND;
        }
        switch (unit) {
            case "ms":
                return 1;
            case "m":
                return MILLIS_PER_MINUTE;
            case "h":
                return MILLIS_PER_HOUR;
            default:
                return MILLIS_PER_SECOND;
        }
    }
}

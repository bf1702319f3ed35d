package io.secho.bench.targets;

import io.secho.bench.report.Unit;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One target of Step 11 checked against one run.
 *
 * @param id a stable key for programs, such as {@code psk-handshakes-vs-baseline}
 * @param target what is required, in words
 * @param comparison how the measured value must relate to the limit
 * @param limit the bound, when the run could work it out (a baseline figure or the bare crypto may be missing)
 * @param unit of the measured value and the limit
 * @param measured the value this run measured, if it measured it
 * @param basis where the limit comes from ("1.25 x 85 us of bare crypto", "baseline of 2026-11-29")
 */
public record TargetCheck(String id, String target, Comparison comparison, OptionalDouble limit, Unit unit,
                          OptionalDouble measured, String basis) {
    public TargetCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(basis, "basis");
    }

    public Verdict verdict() {
        if (limit.isEmpty() || measured.isEmpty()) {
            return Verdict.NOT_MEASURED;
        }
        return comparison.holds(measured.getAsDouble(), limit.getAsDouble()) ? Verdict.MET : Verdict.MISSED;
    }

    /** How far the value misses the limit, relative to the limit (0.12 = 12 %); empty unless missed. */
    public OptionalDouble shortfall() {
        if (verdict() != Verdict.MISSED) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(comparison.shortfall(measured.getAsDouble(), limit.getAsDouble()));
    }

    /** "met", "MISSED by 12 %" or "not measured". */
    public String verdictText() {
        return switch (verdict()) {
            case MET -> "met";
            case NOT_MEASURED -> "not measured";
            case MISSED -> {
                double miss = shortfall().getAsDouble();
                yield Double.isInfinite(miss) ? "MISSED"
                        : String.format(Locale.ROOT, "MISSED by %s", percent(miss));
            }
        };
    }

    /** "<= 106 us", or the comparison alone when the limit is unknown. */
    public String limitText() {
        return comparison.symbol() + " " + (limit.isPresent() ? unit.format(limit.getAsDouble()) : "?");
    }

    public String measuredText() {
        return measured.isPresent() ? unit.format(measured.getAsDouble()) : "-";
    }

    private static String percent(double fraction) {
        double value = 100 * fraction;
        return String.format(Locale.ROOT, value >= 10 ? "%.0f %%" : "%.1f %%", value);
    }
}

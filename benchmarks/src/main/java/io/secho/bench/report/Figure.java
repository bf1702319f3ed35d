package io.secho.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured figure: the reference server's value, the JDK TLS 1.3 value where the same thing was
 * measured for TLS, and a note on what it means or what limited it.
 */
public record Figure(String section, String name, double secho, OptionalDouble tls, Unit unit, String note) {
    public Figure {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(note, "note");
        if (Double.isNaN(secho)) {
            throw new IllegalArgumentException(name + ": value is NaN");
        }
    }

    public static Figure of(String section, String name, double value, Unit unit, String note) {
        return new Figure(section, name, value, OptionalDouble.empty(), unit, note);
    }

    public static Figure compared(String section, String name, double secho, double tls, Unit unit, String note) {
        return new Figure(section, name, secho, OptionalDouble.of(tls), unit, note);
    }

    /** Secho / TLS, when both were measured and TLS is not zero. */
    public OptionalDouble ratio() {
        if (tls.isEmpty() || tls.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(secho / tls.getAsDouble());
    }

    /** The first figure of that section and name. */
    public static Optional<Figure> find(List<Figure> figures, String section, String name) {
        return figures.stream().filter(f -> f.section().equals(section) && f.name().equals(name)).findFirst();
    }
}

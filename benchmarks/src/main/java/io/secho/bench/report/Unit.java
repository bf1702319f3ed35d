package io.secho.bench.report;

/** How a figure is printed. */
public enum Unit {
    MEGABYTES_PER_SECOND("MB/s"),
    PER_SECOND("/s"),
    MICROSECONDS("us"),
    MILLISECONDS("ms"),
    SECONDS("s"),
    KIBIBYTES("KiB"),
    COUNT(""),
    PERCENT("%");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Three significant digits or whole numbers, whichever is longer: noisy figures need no more. */
    public String format(double value) {
        String number;
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || this == COUNT) {
            number = String.format(java.util.Locale.ROOT, "%,.0f", value);
        } else if (magnitude >= 10) {
            number = String.format(java.util.Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(java.util.Locale.ROOT, "%.2f", value);
        }
        return symbol.isEmpty() ? number : number + " " + symbol;
    }
}

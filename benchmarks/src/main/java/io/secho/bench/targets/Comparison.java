package io.secho.bench.targets;

/** How a measured value must relate to its limit. */
public enum Comparison {
    /** The value must not exceed the limit (a cost). */
    AT_MOST("<="),
    /** The value must stay under the limit (a cost with a strict bound). */
    BELOW("<"),
    /** The value must reach the limit (a rate). */
    AT_LEAST(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double limit) {
        return switch (this) {
            case AT_MOST -> value <= limit;
            case BELOW -> value < limit;
            case AT_LEAST -> value >= limit;
        };
    }

    /**
     * How far the value falls short of the limit, as a fraction of the limit (0.12: 12 % worse than the
     * limit); zero or negative when it holds.
     */
    public double shortfall(double value, double limit) {
        if (limit == 0) {
            return holds(value, limit) ? 0 : Double.POSITIVE_INFINITY;
        }
        return this == AT_LEAST ? (limit - value) / limit : (value - limit) / limit;
    }
}

package io.secho.cli;

import picocli.CommandLine;

/** Numbers in plain words: picocli's own converter says "'abc' is not an int", a Java type name. */
final class WholeNumberConverter implements CommandLine.ITypeConverter<Integer> {
    static final WholeNumberConverter INSTANCE = new WholeNumberConverter();

    private WholeNumberConverter() {
    }

    @Override
    public Integer convert(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            boolean digits = value.strip().matches("-?\\d+");
            throw new CommandLine.TypeConversionException("'" + value + "' is " + (digits ? "out of range" : "not a whole number"));
        }
    }
}

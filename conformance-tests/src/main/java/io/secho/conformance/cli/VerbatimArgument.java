package io.secho.conformance.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

/**
 * Takes the next word as the option's value whatever it looks like: an image's arguments are its own, so
 * {@code --image-arg --suite} passes "--suite" to the image although the harness has a --suite of its own.
 */
public final class VerbatimArgument implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                                  CommandLine.Model.CommandSpec commandSpec) {
        String option = ((CommandLine.Model.OptionSpec) argSpec).longestName();
        if (args.isEmpty()) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(), option + " needs a value ("
                    + argSpec.paramLabel() + ")");
        }
        List<String> values = argSpec.getValue() == null ? new ArrayList<>() : new ArrayList<>(argSpec.<List<String>>getValue());
        values.add(args.pop());
        argSpec.setValue(values);
    }
}

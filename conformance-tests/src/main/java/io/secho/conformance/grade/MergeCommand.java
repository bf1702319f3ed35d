package io.secho.conformance.grade;

import com.google.gson.JsonObject;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** {@code secho-conformance merge}: the --out folders of grade shards joined into one, as if graded in one run. */
@CommandLine.Command(name = "merge", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Joins the output folders of grade --shard runs into one class, as if graded at once.",
        customSynopsis = {"secho-conformance merge --out DIR SHARD_DIR..."},
        description = {"Joins the output folders of 'grade --shard K/N' runs: copies each submission's folder into "
                + "DIR and writes class.csv, index.html and grade.json (and results.json with --gradescope) for the "
                + "whole class, the same as one unsharded run. Refuses shards graded with different options and "
                + "shards that share a submission name."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the shards were merged",
            "2:usage error (a folder that is no grade output, shards that do not match or overlap)"})
public final class MergeCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where the merged class goes.")
    Path out;

    @CommandLine.Parameters(paramLabel = "SHARD_DIR", arity = "1..*", description = "The --out folder of each shard.")
    List<Path> shards;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        Path target = out.toAbsolutePath().normalize();
        List<ClassOutput.Metadata> read = new ArrayList<>();
        Map<String, Path> owner = new HashMap<>();
        JsonObject options = null;
        Path first = null;
        for (Path shard : shards) {
            if (shard.toAbsolutePath().normalize().equals(target)) {
                throw usage("--out " + out + " is also a shard: merge into a new folder");
            }
            ClassOutput.Metadata metadata;
            try {
                metadata = ClassOutput.read(shard);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (options == null) {
                options = metadata.options();
                first = shard;
            } else if (!options.equals(metadata.options())) {
                throw usage(shard + " was graded with other options than " + first + " (see the options in their "
                        + ClassOutput.METADATA + ")");
            }
            for (SubmissionResult r : metadata.results()) {
                Path earlier = owner.putIfAbsent(r.name(), shard);
                if (earlier != null) {
                    throw usage("submission " + r.name() + " is in both " + earlier + " and " + shard);
                }
            }
            read.add(metadata);
        }
        Files.createDirectories(target);
        List<SubmissionResult> all = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            for (SubmissionResult r : read.get(i).results()) {
                copyTree(shards.get(i).resolve(r.name()), target.resolve(r.name()));
                all.add(r);
            }
        }
        boolean gradescope = options.has("gradescope") && options.get("gradescope").getAsBoolean();
        ClassOutput.write(target, new ClassOutput.Metadata(options, shardsLabel(read), all), gradescope);
        commandLine.getOut().println("merged " + all.size() + " submissions from " + shards.size() + " shards into "
                + out);
        commandLine.getOut().flush();
        return 0;
    }

    /** 1/1 when the shards are every K of one N (a whole class), else the shards there are. */
    private static String shardsLabel(List<ClassOutput.Metadata> read) {
        TreeSet<String> labels = new TreeSet<>();
        read.forEach(m -> labels.add(m.shard()));
        List<Shard> parsed = new ArrayList<>();
        for (String label : labels) {
            try {
                parsed.add(Shard.parse(label));
            } catch (IllegalArgumentException e) {
                return String.join("+", labels);
            }
        }
        int n = parsed.get(0).n();
        boolean whole = parsed.stream().allMatch(s -> s.n() == n) && parsed.size() == n;
        return whole ? Shard.ALL.toString() : String.join("+", labels);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Path copy = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

package io.secho.conformance.grade;

import io.secho.conformance.ShellWords;
import io.secho.conformance.cli.ConformanceMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One grade or merge command in this JVM (the harness runs it starts are JVMs of their own), and its output. */
record GradeRun(int exitCode, String out, String err) {
    static GradeRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new GradeRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String both() {
        return "exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }

    /** A Java main of this test class path as a submission's command, with {port} among its arguments. */
    static String javaCommand(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ShellWords.quote(java) + " -cp " + ShellWords.quote(System.getProperty("java.class.path")) + " "
                + mainClass + " " + Arrays.stream(args).map(a -> a.equals("{port}") ? a : ShellWords.quote(a))
                .collect(Collectors.joining(" "));
    }

    /** class.csv without its duration column: what must not depend on --jobs or on sharding. */
    static List<List<String>> csvWithoutDurations(Path folder) throws IOException {
        int duration = ClassCsv.COLUMNS.indexOf("duration_s");
        return parseCsv(Files.readString(folder.resolve(ClassCsv.FILE))).stream().map(record -> {
            List<String> kept = new java.util.ArrayList<>(record);
            kept.remove(duration);
            return kept;
        }).toList();
    }

    /** The rows of class.csv by name, each by column name: RFC 4180 read back (quoted fields, CRLF). */
    static java.util.Map<String, java.util.Map<String, String>> rows(Path folder) throws IOException {
        List<List<String>> records = parseCsv(Files.readString(folder.resolve(ClassCsv.FILE)));
        List<String> header = records.get(0);
        java.util.Map<String, java.util.Map<String, String>> rows = new java.util.LinkedHashMap<>();
        for (List<String> fields : records.subList(1, records.size())) {
            java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.put(fields.get(0), row);
        }
        return rows;
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new java.util.ArrayList<>();
        List<String> record = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new java.util.ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return records;
    }
}

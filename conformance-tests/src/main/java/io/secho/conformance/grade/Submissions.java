package io.secho.conformance.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A submissions file: {@code NAME<TAB>TARGET} a line, '#' starts a comment, blank lines are ignored. */
final class Submissions {
    private Submissions() {
    }

    /**
     * Every submission of the file, in file order.
     *
     * @throws IllegalArgumentException naming the file and line of the first mistake, for a user
     */
    static List<Submission> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--submissions " + file + ": cannot be read ("
                    + (e.getMessage() == null ? "I/O error" : e.getMessage()) + ")");
        }
        return parse(file.toString(), lines);
    }

    static List<Submission> parse(String fileName, List<String> lines) {
        List<Submission> submissions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            // A comment starts at '#' only at the head of a line: a command may well contain '#'.
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            Submission submission;
            try {
                submission = Submission.parse(text, i + 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fileName + " line " + (i + 1) + ": " + e.getMessage());
            }
            Integer earlier = seen.putIfAbsent(submission.name(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(fileName + " line " + (i + 1) + ": NAME '" + submission.name()
                        + "' is already on line " + earlier);
            }
            submissions.add(submission);
        }
        if (submissions.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": no submission (a line is NAME<TAB>TARGET)");
        }
        return submissions;
    }
}

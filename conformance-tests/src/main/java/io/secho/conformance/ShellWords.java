package io.secho.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Words of a command line as a POSIX shell reads them: {@link #quote} writes a word a user pastes into a shell,
 * {@link #split} cuts a command a user typed into words the way a shell would, without running one (no
 * variables, globs, pipes or redirections: those characters are ordinary ones).
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The words of {@code line}: blanks separate words; 'single quotes' keep everything literally; "double quotes"
     * keep everything but a backslash before {@code " \ $ `} or a line end; outside quotes a backslash keeps the
     * next character (a backslash before a line end joins the lines). {@code ''} is an empty word.
     *
     * @throws IllegalArgumentException with a message fit for a user, for an unterminated quote or a backslash
     *                                  at the very end
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote (') is not closed");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("a backslash (\\) ends the command; it escapes nothing");
                }
                char next = line.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the inside of a double-quoted part that starts at {@code from}; returns the index after its end. */
    private static int doubleQuoted(String line, int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("a double quote (\") is not closed");
    }
}

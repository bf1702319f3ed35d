package io.secho.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command lines are cut into words as a POSIX shell cuts them, and a quoted word comes back as itself. */
class ShellWordsTest {
    @Test
    void blanksSeparateWordsAndQuotesKeepThem() {
        assertEquals(List.of("java", "-jar", "a b.jar", "--port", "{port}"),
                ShellWords.split("  java\t-jar 'a b.jar'   --port {port} "));
        assertEquals(List.of("say \"hi\" $HOME", "it's", "", "x"),
                ShellWords.split("\"say \\\"hi\\\" \\$HOME\" it\\'s '' x"));
        assertEquals(List.of("a\\b", "c d", "ef"), ShellWords.split("\"a\\b\" c\\ d e\\\nf"));
        assertEquals(List.of("--key='x y'"), ShellWords.split("--key=\"'x y'\""));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void noShellCharacterHasAMeaning() {
        assertEquals(List.of("a", "|", "b", ">", "c", "$(d)", "*"), ShellWords.split("a | b > c $(d) *"));
    }

    @Test
    void quoteAndSplitAreInverses() {
        for (String word : List.of("plain", "with space", "it's", "", "\"dq\"", "$HOME", "a\\b", "{psk_file}")) {
            assertEquals(List.of(word, "next"), ShellWords.split(ShellWords.quote(word) + " next"), word);
        }
    }

    @Test
    void anUnclosedQuoteOrATrailingBackslashIsAnError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a 'b"))
                .getMessage().contains("single quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a \"b"))
                .getMessage().contains("double quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a \\"))
                .getMessage().contains("backslash"));
    }
}

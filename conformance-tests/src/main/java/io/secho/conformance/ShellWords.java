package io.secho.conformance;

/** Words of a command line a user pastes into a POSIX shell: a value with spaces, quotes or nothing stays one word. */
public final class ShellWords {
    private ShellWords() {
    }

    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}

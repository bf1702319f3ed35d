package io.secho.conformance.grade;

import io.secho.conformance.ShellWords;
import io.secho.conformance.targets.TargetConfig;

import java.util.List;

/**
 * One line of a submissions file: a NAME (it becomes a folder of the output, so only safe characters) and how to
 * reach the submission's server.
 */
record Submission(String name, Kind kind, String target, int line) {
    /** What TARGET is. */
    enum Kind {
        /** A command containing {@code {port}} that starts the server; the grader picks the port. */
        COMMAND,
        /** HOST:PORT of a server that already runs. */
        ADDRESS,
        /** {@code image:NAME}: a Docker image, as with --image. */
        IMAGE
    }

    static final String PORT_PLACEHOLDER = "{port}";
    static final String IMAGE_PREFIX = "image:";

    /** Letters, digits, '-', '_', '.': a folder name on every system, never "." or "..". */
    static boolean safeName(String name) {
        return name.matches("[A-Za-z0-9._-]{1,100}") && !name.contains("..") && !name.equals(".");
    }

    /**
     * The submission on {@code text}, a line that is neither blank nor a comment.
     *
     * @throws IllegalArgumentException saying what is wrong with the line, without its number
     */
    static Submission parse(String text, int line) {
        int tab = text.indexOf('\t');
        if (tab < 0) {
            throw new IllegalArgumentException("no tab between NAME and TARGET");
        }
        String name = text.substring(0, tab).strip();
        String target = text.substring(tab + 1).strip();
        if (name.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException(name.isEmpty() ? "the NAME is empty" : "the TARGET is empty");
        }
        if (!safeName(name)) {
            throw new IllegalArgumentException("NAME '" + name + "' is not a safe folder name (letters, digits, "
                    + "'-', '_' and '.', no '..')");
        }
        if (target.startsWith(IMAGE_PREFIX)) {
            String image = target.substring(IMAGE_PREFIX.length()).strip();
            if (image.isEmpty() || image.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + target + "' names no image (image:NAME[:TAG])");
            }
            return new Submission(name, Kind.IMAGE, image, line);
        }
        if (target.contains(PORT_PLACEHOLDER)) {
            List<String> words = ShellWords.split(target);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("the command is empty");
            }
            return new Submission(name, Kind.COMMAND, target, line);
        }
        if (target.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("TARGET is a command without " + PORT_PLACEHOLDER
                    + " (the grader picks the port the server must listen on)");
        }
        try {
            TargetConfig.parseHostPort(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TARGET '" + target + "' is neither a command with " + PORT_PLACEHOLDER
                    + ", HOST:PORT nor image:NAME");
        }
        return new Submission(name, Kind.ADDRESS, target, line);
    }

    /** The command's words with the port filled in. */
    List<String> command(int port) {
        return ShellWords.split(target).stream().map(w -> w.replace(PORT_PLACEHOLDER, Integer.toString(port))).toList();
    }
}

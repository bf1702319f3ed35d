package io.secho.conformance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file or a connection, in words a user acts on. The JDK's messages name the path
 * again, say only "Input length = 1" for a file that is not text, or nothing at all; the exception's class
 * is what tells them apart, and no class name ever reaches a user.
 */
public final class IoProblems {
    private IoProblems() {
    }

    /** Why a file could not be read or written, without its path (the caller names it once). */
    public static String ofFile(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way (a directory is needed)";
        }
        if (e instanceof CharacterCodingException) {
            return "not text in the expected encoding (UTF-8 or ASCII)";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return lowerFirst(fileSystem.getReason());
        }
        return lowerFirst(e.getMessage() == null || e.getMessage().isBlank() ? "an I/O error" : e.getMessage());
    }

    /** Why a connection could not be made. */
    public static String ofConnection(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer to the connection attempt";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return lowerFirst(e.getMessage() == null ? "connection refused" : e.getMessage());
        }
        return lowerFirst(e.getMessage() == null || e.getMessage().isBlank() ? "an I/O error" : e.getMessage());
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}

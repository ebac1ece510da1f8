package dev.leastpriv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * Where a document goes: stdout, or a file written whole or not at all (a temporary file in the same directory,
 * then an atomic move), so a failed run never leaves a half-written policy behind.
 */
final class OutputTarget {

    private OutputTarget() {}

    static void write(@Nullable Path out, String text, PrintWriter stdout) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        writeFile(out, text);
    }

    /** Writes {@code text} to the file {@code out}, whole or not at all. */
    static void writeFile(Path out, String text) {
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new IOException("cannot write \"" + out + "\": it is a directory"));
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new UncheckedIOException(new IOException(
                    "cannot write \"" + out + "\": directory \"" + target.getParent() + "\" does not exist"));
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new UncheckedIOException(new IOException("cannot write \"" + out + "\": " + e.getMessage(), e));
        }
    }
}

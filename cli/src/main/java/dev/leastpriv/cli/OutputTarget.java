package dev.leastpriv.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a document goes: stdout, or a file. A new or regular file is written whole or not at all (a temporary file
 * in the same directory, then an atomic rename), so a failed run never leaves a half-written policy behind.
 *
 * <p>Anything else that already stands at the path is never replaced, because replacing it would break what it is
 * for: a symbolic link, a FIFO or a device ({@code /dev/stdout}, {@code /dev/null}) is written through, as the
 * shell's {@code >} does, so the link keeps pointing where it did (to a regular file, a pipe, or a file that
 * {@code >>} appends to) and the reader of a FIFO gets the text. That write is not atomic, which is the price of
 * writing into something that is not ours to replace; the kernel's own checks on following links and FIFOs in
 * shared directories ({@code fs.protected_symlinks}, {@code fs.protected_fifos}) apply, since the path is opened
 * like {@code >} opens it. A directory, a socket or anything else is refused (bad usage): there is nothing to write
 * into, and a directory is never replaced.
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

    /** Writes {@code text} to the file {@code out}: whole or not at all when it is new or a regular file. */
    static void writeFile(Path out, String text) {
        requireNamed(out, "a file");
        if (Files.isDirectory(out)) {
            throw new InputException("--out \"" + out + "\" is a directory; expected a file");
        }
        prepare(out, text).commit();
    }

    /** Refuses {@code --out ""}: the empty path is the current directory, which nobody means by it. */
    static void requireNamed(Path out, String expected) {
        if (out.toString().isEmpty()) {
            throw new InputException("--out \"\" names no file; expected " + expected);
        }
    }

    /** The text of a file not written yet: a temporary file beside it, or, for a FIFO, device or link, the text. */
    interface Pending {
        /** Puts the text in place; a failure here names the file. */
        void commit();

        /** Removes what {@link #prepare} left behind, if anything; never fails. */
        void discard();
    }

    /**
     * {@return the text staged for {@code out}}: for a new or regular file, a complete temporary file in the same
     * directory, so that a failure (a full disk) happens before anything at {@code out} changes.
     */
    static Pending prepare(Path out, String text) {
        Path target = out.toAbsolutePath();
        @Nullable BasicFileAttributes existing = attributes(target);
        if (existing != null && !existing.isRegularFile()) {
            if (existing.isSymbolicLink() || existing.isOther()) {
                // a link, FIFO or device: written through on commit (see the class comment)
                return new Pending() {
                    @Override
                    public void commit() {
                        writeThrough(out, text);
                    }

                    @Override
                    public void discard() {}
                };
            }
            throw new InputException(
                    "--out \"" + out + "\" is not a regular file, a link, a FIFO or a device; expected a file");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UncheckedIOException(
                    new IOException("cannot write \"" + out + "\": directory \"" + parent + "\" does not exist"));
        }
        Path temp;
        try {
            temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        } catch (IOException e) {
            throw failure(out, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream stream = Channels.newOutputStream(channel);
                stream.write(text.getBytes(StandardCharsets.UTF_8));
                stream.flush();
                // on disk before the rename, so a crash leaves the old file or the new one, never an empty one
                channel.force(true);
            }
            if (existing != null) {
                keepPermissions(target, temp);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(out, e);
        }
        return new Pending() {
            @Override
            public void commit() {
                try {
                    // rename(2): atomic, and it replaces a regular file or a link, never a directory. No fallback to
                    // a copy: the temporary file is in the same directory, so only a broken file system refuses.
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    deleteQuietly(temp);
                    throw failure(out, e);
                }
            }

            @Override
            public void discard() {
                deleteQuietly(temp);
            }
        };
    }

    private static void writeThrough(Path out, String text) {
        try (OutputStream stream = Files.newOutputStream(
                out, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(out, e);
        }
    }

    /** The replaced file's mode stays (a temporary file starts as 0600), as {@code >} keeps it. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(temp, permissions);
        } catch (NoSuchFileException e) {
            // deleted meanwhile: the new file keeps the temporary file's private mode
        }
    }

    private static @Nullable BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static UncheckedIOException failure(Path out, IOException e) {
        // A FileSystemException's message repeats the path; its reason is the part worth reading.
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if (reason == null) {
            reason = e.toString();
        }
        return new UncheckedIOException(new IOException("cannot write \"" + out + "\": " + reason, e));
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }
}

package dev.leastpriv.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * stdout or stderr as a {@link PrintWriter} that remembers why a write failed: a PrintWriter only sets a flag and
 * drops the exception, and {@link Main} reports the reason ("No space left on device", "Broken pipe").
 */
final class ConsoleWriter extends PrintWriter {

    private final Recording stream;

    private ConsoleWriter(Recording stream) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), true);
        this.stream = stream;
    }

    /** {@return a writer to {@code fd}, such as {@link FileDescriptor#out}} */
    static ConsoleWriter of(FileDescriptor fd) {
        return new ConsoleWriter(new Recording(new FileOutputStream(fd)));
    }

    /** {@return the operating system's reason for the first failed write, or null if none failed} */
    @Nullable
    String failure() {
        IOException failure = stream.failure;
        return failure == null ? null : failure.getMessage();
    }

    /** Passes every call through and keeps the first exception. */
    private static final class Recording extends FilterOutputStream {

        @Nullable
        private IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}

package dev.leastpriv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a {@code simulate --batch} input, read as bytes so that each line is capped and decoded on its own:
 * an endless line costs {@code limit} bytes, not the heap, and a line that is not UTF-8 is an error on that line
 * (the rest of the batch still runs) instead of being silently decoded with replacement characters.
 *
 * <p>Reads the stream in blocks and scans them for line ends ({@link InputStream#read()} byte by byte costs a call,
 * and with a {@code BufferedInputStream} a lock, per byte). Not thread-safe: one reader hands lines to the workers,
 * which {@linkplain Line#decode() decode} them.
 */
final class BatchLines {

    /** One line: its 1-based number and its bytes (without the line end), or why it has none. */
    record Line(
            int number, byte @Nullable [] bytes, @Nullable String error) {

        /** {@return the line's text, or null with {@link Decoded#error} when it has none} */
        Decoded decode() {
            if (bytes == null) {
                return new Decoded(null, error);
            }
            try {
                return new Decoded(InputFiles.decode(bytes), null);
            } catch (InputFiles.NotUtf8 e) {
                return new Decoded(null, "line " + number + " is not UTF-8 text: " + e.inLine());
            }
        }

        /** {@return how many bytes the line holds in memory} */
        int size() {
            return bytes == null ? 0 : bytes.length;
        }
    }

    /** A line's text, or why it has none. */
    record Decoded(@Nullable String text, @Nullable String error) {}

    private final InputStream in;
    private final int limit;
    private final byte[] block = new byte[1 << 16];
    private int position;
    private int end;
    private boolean eof;
    private byte[] line = new byte[1 << 12];
    private int number;

    BatchLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** {@return the next line, or null at the end of the input} */
    @Nullable
    Line next() throws IOException {
        int length = 0; // bytes of this line kept, at most limit
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                break;
            }
            any = true;
            int newline = indexOfNewline(position, end);
            int stop = newline < 0 ? end : newline;
            int take = Math.min(stop - position, limit - length);
            if (take > 0) {
                ensure(length + take);
                System.arraycopy(block, position, line, length, take);
                length += take;
            }
            if (stop - position > take) {
                tooLong = true; // the rest of the line is read and dropped
            }
            position = stop;
            if (newline >= 0) {
                position++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        number++;
        if (tooLong) {
            return new Line(
                    number,
                    null,
                    String.format(
                            Locale.ROOT, "line %d is longer than %,d bytes; no request is that large", number, limit));
        }
        int content = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(number, Arrays.copyOf(line, content), null);
    }

    /**
     * {@return whether the next line can be read, at least in part, without waiting}: false when the input has
     * nothing more at hand (a pipe whose writer waits for answers) or is at its end
     */
    boolean ready() throws IOException {
        return position < end || (!eof && in.available() > 0);
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (block[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads the next block; false at the end of the input. */
    private boolean fill() throws IOException {
        while (!eof) {
            int read = in.read(block, 0, block.length);
            if (read < 0) {
                eof = true;
            } else if (read > 0) {
                position = 0;
                end = read;
                return true;
            }
        }
        return false;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.min(limit, Math.max(capacity, line.length * 2)));
        }
    }
}

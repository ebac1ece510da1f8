package dev.leastpriv.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a {@code simulate --batch} input, read as bytes so that each line is capped and decoded on its own:
 * an endless line costs {@code limit} bytes, not the heap, and a line that is not UTF-8 is an error on that line
 * (the rest of the batch still runs) instead of being silently decoded with replacement characters.
 */
final class BatchLines {

    /** One line: its 1-based number and its text, or why it has none. */
    record Line(int number, @Nullable String text, @Nullable String error) {}

    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int number;

    BatchLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** {@return the next line, or null at the end of the input} */
    @Nullable
    Line next() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (buffer.size() < limit) {
                buffer.write(b);
            } else {
                tooLong = true;
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
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        byte[] content = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        try {
            return new Line(number, InputFiles.decode(content), null);
        } catch (InputFiles.NotUtf8 e) {
            return new Line(number, null, "line " + number + " is not UTF-8 text: " + e.inLine());
        }
    }
}

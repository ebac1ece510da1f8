package dev.leastpriv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file named by an option: a missing, unreadable or oversized file, a directory, or bytes that are not
 * UTF-8 become a usage error naming the option, before any parser sees the content.
 *
 * <p>The size is capped while reading (at most {@code limit + 1} bytes are read), so a 200 MB file costs one
 * buffer, not 200 MB and a parse. FIFOs and {@code /dev/stdin} are read like files: process substitution
 * ({@code --policy <(...)}) is common in CI scripts.
 */
final class InputFiles {

    /**
     * Policy documents: IAM's largest, the {@code PolicyDocument} API parameter, is 131,072 characters; 1 MiB leaves
     * room for any pretty-printing and refuses what can only be a mistake or an attack.
     */
    static final int POLICY_LIMIT = 1 << 20;

    /**
     * Config files: 2 MiB holds 100,000 named databases, far more than the 20 managed policies of one role can name,
     * and stays under SnakeYAML's own 3 MiB code point limit, so our message, not the parser's, reports the size.
     */
    static final int CONFIG_LIMIT = 2 << 20;

    /**
     * Logs read by {@code explain}: 16 MiB holds a day of a connector's ingestion log; the parser is linear, so the cap
     * only refuses what is not a log one would paste (a disk image, a core dump).
     */
    static final int LOG_LIMIT = 16 << 20;

    private InputFiles() {}

    /**
     * {@return the bytes of {@code in} (stdin), at most {@code limit}}
     *
     * @throws InputException when there are more
     */
    static byte[] bytes(InputStream in, String what, int limit) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read " + what + ": " + e.getMessage(), e));
        }
        if (bytes.length > limit) {
            throw new InputException(what + " is larger than " + size(limit) + "; no valid input is that large");
        }
        return bytes;
    }

    /** {@return the text of a policy document or another JSON file, at most {@link #POLICY_LIMIT} bytes} */
    static String read(Path file, String option) {
        return read(file, option, POLICY_LIMIT);
    }

    /** {@return the file's text} */
    static String read(Path file, String option, int limit) {
        byte[] bytes = bytes(file, option, limit);
        try {
            return decode(bytes);
        } catch (NotUtf8 e) {
            throw new InputException(what(option, file) + " is not UTF-8 text: " + e.getMessage());
        }
    }

    /**
     * {@return the file's bytes, at most {@code limit}}
     *
     * @throws InputException when the file is missing, a directory, unreadable or larger than {@code limit}
     */
    static byte[] bytes(Path file, String option, int limit) {
        if (Files.isDirectory(file)) {
            throw new InputException(what(option, file) + " is a directory; expected a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new InputException(what(option, file) + " does not exist");
        } catch (IOException e) {
            throw new InputException(what(option, file) + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > limit) {
            throw new InputException(what(option, file) + " is larger than " + size(limit) + "; " + option
                    + " files are read whole, and no valid input is that large");
        }
        return bytes;
    }

    /**
     * {@return {@code bytes} decoded as UTF-8, without a leading byte order mark}
     *
     * @throws NotUtf8 naming the line and column of the first byte that is not UTF-8
     */
    static String decode(byte[] bytes) throws NotUtf8 {
        if (ascii(bytes)) {
            // The usual case, and a batch decodes every line: ASCII is UTF-8 and needs no decoder (nor has a BOM).
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw NotUtf8.at(bytes, in.position());
        }
        decoder.flush(out);
        String text = out.flip().toString();
        // A UTF-8 byte order mark is not part of the document (editors on Windows write one).
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String what(String option, Path file) {
        return option + " file " + dev.leastpriv.core.InputRules.quote(file.toString());
    }

    private static String size(int limit) {
        return String.format(Locale.ROOT, "%,d bytes", limit);
    }

    /** Bytes that are not UTF-8, with the line and column (in characters, 1-based) of the first bad byte. */
    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static final class NotUtf8 extends CharacterCodingException {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;
        private final int value;

        private NotUtf8(int line, int column, int value) {
            this.line = line;
            this.column = column;
            this.value = value;
        }

        static NotUtf8 at(byte[] bytes, int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // Columns count characters, as the JSON parser's do; the bytes before the bad one are UTF-8.
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            return new NotUtf8(line, column, bytes[offset] & 0xff);
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }

        /** {@return the message for a text that is one line, without the line number} */
        String inLine() {
            return String.format(
                    Locale.ROOT, "byte 0x%02X at column %d is not part of a UTF-8 character", value, column);
        }

        @Override
        public String getMessage() {
            return String.format(
                    Locale.ROOT,
                    "byte 0x%02X at line %d, column %d is not part of a UTF-8 character",
                    value,
                    line,
                    column);
        }
    }
}

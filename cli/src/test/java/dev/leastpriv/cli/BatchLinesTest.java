package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchLinesTest {

    /** What a line decodes to: its number, and its text or error. */
    private record Read(int number, String text, String error) {}

    /** The reading BatchLines replaced: byte by byte, the same cap and line ends. */
    private static List<Read> byteByByte(byte[] input, int limit) {
        List<Read> lines = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        int number = 0;
        while (true) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            boolean tooLong = false;
            boolean any = false;
            int b;
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
                return lines;
            }
            number++;
            if (tooLong) {
                lines.add(new Read(number, null, "line " + number + " is longer than " + limit + " bytes;"));
                continue;
            }
            byte[] bytes = buffer.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            try {
                lines.add(new Read(number, InputFiles.decode(Arrays.copyOf(bytes, length)), null));
            } catch (InputFiles.NotUtf8 e) {
                lines.add(new Read(number, null, "line " + number + " is not UTF-8 text: " + e.inLine()));
            }
        }
    }

    /** A stream that hands out its bytes in random small pieces, as pipes do. */
    private static InputStream trickling(byte[] input, Random random) {
        return new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(40)));
            }
        };
    }

    private static List<Read> blocks(InputStream in, int limit) throws IOException {
        List<Read> lines = new ArrayList<>();
        BatchLines reader = new BatchLines(in, limit);
        for (BatchLines.Line line = reader.next(); line != null; line = reader.next()) {
            BatchLines.Decoded decoded = line.decode();
            String error = decoded.error();
            // the cap's message formats the limit with grouping; compare up to it
            lines.add(new Read(
                    line.number(),
                    decoded.text(),
                    error == null ? null : error.replaceFirst("(longer than \\d+ bytes;).*", "$1")));
        }
        return lines;
    }

    @Test
    void next_randomInputs_readsWhatByteByByteReadingRead() throws IOException {
        Random random = new Random(20261202L);
        byte[][] pieces = {
            "a".getBytes(StandardCharsets.UTF_8),
            "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
            "é€".getBytes(StandardCharsets.UTF_8),
            "\uFEFF".getBytes(StandardCharsets.UTF_8),
            {'\n'},
            {'\r'},
            {'\r', '\n'},
            {(byte) 0xC3}, // a UTF-8 sequence cut short
            {(byte) 0xFF},
            " ".repeat(20).getBytes(StandardCharsets.UTF_8)
        };
        for (int round = 0; round < 2_000; round++) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            int count = random.nextInt(30);
            for (int i = 0; i < count; i++) {
                input.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = input.toByteArray();
            int limit = 1 + random.nextInt(24);
            List<Read> expected = byteByByte(bytes, limit);

            assertThat(blocks(new ByteArrayInputStream(bytes), limit)).isEqualTo(expected);
            assertThat(blocks(trickling(bytes, random), limit)).isEqualTo(expected);
        }
    }

    @Test
    void next_lineLongerThanTheBlock_isCappedAndTheNextLineIsRead() throws IOException {
        byte[] input = ("x".repeat(200_000) + "\n{\"id\":2}\n").getBytes(StandardCharsets.US_ASCII);
        BatchLines reader = new BatchLines(new ByteArrayInputStream(input), 100_000);

        BatchLines.Line first = reader.next();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.decode().error()).isEqualTo("line 1 is longer than 100,000 bytes; no request is that large");
        assertThat(first.size()).isZero(); // the dropped line is not kept
        BatchLines.Line second = reader.next();
        assertThat(second.decode().text()).isEqualTo("{\"id\":2}");
        assertThat(reader.next()).isNull();
    }
}

package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}: exact text, so every rendering change is a reviewed diff.
 * {@code -Dgolden.update=true} rewrites them from the current output (never set in CI).
 */
final class Golden {

    private Golden() {}

    static void assertMatches(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path file = Path.of("src/test/resources/golden", name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(actual)
                .as("golden file %s (rerun with -Dgolden.update=true to accept a change)", name)
                .isEqualTo(read("golden/" + name));
    }

    static String read(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

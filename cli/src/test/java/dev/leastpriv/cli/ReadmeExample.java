package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's pasted command output, for tests that keep it equal to the command's real output. */
final class ReadmeExample {

    private ReadmeExample() {}

    /** {@return the first {@code ```text} block after {@code marker} in the README} */
    static String textAfter(String marker) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(marker);
        assertThat(at).as("README marker %s", marker).isNotNegative();
        int text = readme.indexOf("```text\n", at);
        assertThat(text).as("a text block after %s", marker).isNotNegative();
        text += "```text\n".length();
        return readme.substring(text, readme.indexOf("```", text));
    }
}

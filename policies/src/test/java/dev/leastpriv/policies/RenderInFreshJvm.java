package dev.leastpriv.policies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders {@link DeterminismTest}'s canonical requests in a JVM of its own and prints the JSON: a second JVM has other
 * identity hash codes (and, with {@code -XX:hashCode=2}, all the same one), so a hash-ordered collection reaching the
 * output shows up as different bytes, which two renders in one JVM cannot show.
 */
final class RenderInFreshJvm {

    private RenderInFreshJvm() {}

    public static void main(String[] args) {
        System.out.print(DeterminismTest.everyProfileJson());
    }

    /** {@return what {@link #main} prints in a new JVM started with {@code jvmOptions}} */
    static String run(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RenderInFreshJvm.class.getName());
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("the rendering JVM failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

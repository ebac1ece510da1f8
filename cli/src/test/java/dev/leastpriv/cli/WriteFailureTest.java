package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails (to stdout or stderr: a full disk, a closed pipe; to --out: a full disk) is never exit 0. */
class WriteFailureTest {

    /** A stream that fails every write, as a full disk does. */
    private static final class FullDisk extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void execute_stdoutFails_exitsCouldNotRunWithOneLineOnStderr() {
        var err = new StringWriter();

        int code = Main.execute(
                new PrintWriter(new FullDisk(), true), new PrintWriter(err), GenerateCommandTest.METADATA_SALES);

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).endsWith("leastpriv generate: could not run: cannot write to stdout\n");
    }

    @Test
    void execute_stderrFails_isNeverExitZero() {
        int code = Main.execute(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new FullDisk(), true),
                GenerateCommandTest.METADATA_SALES);

        assertThat(code).isEqualTo(3);
    }

    @Test
    void execute_helpToAFailingStdout_exitsCouldNotRun() {
        var err = new StringWriter();

        int code = Main.execute(new PrintWriter(new FullDisk(), true), new PrintWriter(err), "--help");

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("leastpriv: could not run: cannot write to stdout\n");
    }

    @Test
    void main_stdoutDevFull_exitsCouldNotRunNamingTheCause() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists());
        Process process =
                java(GenerateCommandTest.METADATA_SALES).redirectOutput(full).start();

        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(3);
        assertThat(err)
                .endsWith("leastpriv generate: could not run: cannot write to stdout: No space left on device\n")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void main_stdoutPipeClosedByTheReader_exitsCouldNotRunNamingTheCause() throws Exception {
        // Closed before the JVM has started, so every write of the child meets a pipe without a reader.
        String[] generate = CliRun.with(
                GenerateCommandTest.METADATA_SALES,
                "--database",
                IntStream.rangeClosed(1, 150).mapToObj(i -> "db" + i).collect(Collectors.joining(",")));
        Process process = java(generate).start();
        process.getInputStream().close();

        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(3);
        assertThat(err).endsWith("leastpriv generate: could not run: cannot write to stdout: Broken pipe\n");
    }

    @Test
    void main_outFileWriteFails_exitsCouldNotRunAndLeavesTheFileAsItWas(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), "old\n");
        // A file-size limit of 1 KiB fails the write of the 2.7 KB policy as a full disk would (the JVM ignores
        // SIGXFSZ, so the write returns EFBIG); -XX:-UsePerfData keeps the JVM's own perf file out of the limit.
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 1 && exec \"$@\"", "bash"));
        command.addAll(javaCommand(
                List.of("-XX:-UsePerfData"),
                CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", file.toString())));
        Process process = new ProcessBuilder(command).start();

        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(3);
        assertThat(err).isEqualTo("leastpriv generate: could not run: cannot write \"" + file + "\": File too large\n");
        assertThat(Files.readString(file)).isEqualTo("old\n");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    /** {@return the CLI as its own JVM, on the test class path} */
    private static ProcessBuilder java(String... args) {
        return new ProcessBuilder(javaCommand(List.of(), args));
    }

    private static List<String> javaCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.leastpriv.cli.Main");
        command.addAll(List.of(args));
        return command;
    }
}

package dev.leastpriv.cli;

import static dev.leastpriv.cli.CliRun.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --out} onto what is already there: regular files, symbolic links, FIFOs, devices and directories. */
class OutFileTest {

    private static final String[] GENERATE = GenerateCommandTest.METADATA_SALES;

    private static final String[] TRUST = {
        "trust-policy", "--trusted-account", "210987654321", "--external-id", "omni-7f3a9c2e-connection-42"
    };

    @TempDir
    Path dir;

    // A FIFO reader blocked forever (when a run replaces the FIFO instead of writing to it) must not keep the JVM.
    private final ExecutorService readers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fifo-reader");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void generate_outSymlinkToAFile_writesThroughTheLinkAndKeepsIt() throws Exception {
        Path target = Files.writeString(dir.resolve("real.json"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("policy.json"), target.getFileName());

        var run = CliRun.of(args(GENERATE, "--out", link.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).as("still a symbolic link").isTrue();
        assertThat(Files.readString(target)).isEqualTo(CliRun.of(GENERATE).out());
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void generate_outDanglingSymlink_createsItsTargetAsTheShellWould() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("policy.json"), Path.of("real.json"));

        var run = CliRun.of(args(GENERATE, "--out", link.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(dir.resolve("real.json")))
                .isEqualTo(CliRun.of(GENERATE).out());
    }

    @Test
    void generate_outFifo_writesIntoTheFifoAndKeepsIt() throws Exception {
        Path fifo = mkfifo(dir.resolve("policy.fifo"));
        CompletableFuture<String> read = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return Files.readString(fifo, StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                readers);

        var run = CliRun.of(args(GENERATE, "--out", fifo.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS))
                .as("not replaced by a regular file")
                .isFalse();
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class)
                        .isOther())
                .as("still a FIFO")
                .isTrue();
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(CliRun.of(GENERATE).out());
    }

    @Test
    void trustPolicy_outDevNull_writesIntoTheDeviceAndKeepsIt() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));

        var run = CliRun.of(args(TRUST, "--out", "/dev/null"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAllBytes(devNull)).isEmpty();
    }

    @Test
    void generate_outDevFull_exitsCouldNotRunNamingTheFailure() {
        assumeTrue(Files.exists(Path.of("/dev/full")));

        var run = CliRun.of(args(GENERATE, "--out", "/dev/full"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: could not run: cannot write \"/dev/full\": No space left on device\n");
        assertThat(Files.isRegularFile(Path.of("/dev/full"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void trustPolicy_outDirectory_isBadUsageAndLeavesItAlone() throws Exception {
        Path target = Files.createDirectory(dir.resolve("trust.json"));

        var run = CliRun.of(args(TRUST, "--out", target.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: --out \"" + target + "\" is a directory; expected a"
                        + " file\n");
        assertThat(target).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"terraform", "cloudformation", "cloudformation-yaml"})
    void generate_templateOutExistingDirectory_isBadUsageAndLeavesItAlone(String format) {
        var run = CliRun.of(args(GENERATE, "--format", format, "--out", dir.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --out \"" + dir + "\" is a directory; expected a file (only"
                        + " --format json writes a policy set into a directory)\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void trustPolicy_outEmpty_isBadUsage() {
        var run = CliRun.of(args(TRUST, "--out", ""));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("leastpriv trust-policy: error: --out \"\" names no file; expected a file\n");
    }

    @Test
    void generate_outExistingFile_keepsItsPermissions() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        var run = CliRun.of(args(GENERATE, "--out", file.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo(CliRun.of(GENERATE).out());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    static Path mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue())
                .as(new String(mkfifo.getInputStream().readAllBytes()))
                .isZero();
        return path;
    }
}

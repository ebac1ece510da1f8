package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/leastpriv's AppCDS cache is used only when nobody else can write to it: the JVM trusts an archive's class
 * metadata, so an archive another user can replace runs their code as the user. The launcher runs in a copy of the
 * checkout with a stand-in {@code java} first on the PATH that records its arguments and writes an "archive" when
 * asked to train one, so these tests need no built jar and see exactly what the launcher passes.
 */
class LauncherCdsTest {

    private static final String FAKE_JAVA = """
            #!/bin/sh
            printf '%s\\n' "$*" >> "$FAKE_JAVA_LOG"
            for arg in "$@"; do
              case "$arg" in
                -XX:ArchiveClassesAtExit=*) printf 'archive' > "${arg#*=}" ;;
              esac
            done
            exit 0
            """;

    @TempDir
    Path dir;

    private Path checkout;
    private Path log;

    /** One launcher run: its exit code, stderr, and the java command lines it ran, in order. */
    private record Launch(int exitCode, String err, List<String> javaRuns) {
        boolean trained() {
            return javaRuns.stream().anyMatch(run -> run.contains("-XX:ArchiveClassesAtExit="));
        }

        /** {@return the user's command: the last java run} */
        String command() {
            return javaRuns.get(javaRuns.size() - 1);
        }
    }

    @BeforeEach
    void copyLauncher() throws IOException {
        checkout = Files.createDirectory(dir.resolve("checkout"));
        Path launcher = Path.of("").toAbsolutePath().getParent().resolve("bin/leastpriv");
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(launcher, checkout.resolve("bin/leastpriv"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.writeString(checkout.resolve("cli/target/leastpriv-cli-0-all.jar"), "not a jar");
        Path bin = Files.createDirectory(dir.resolve("fake-bin"));
        Path java = Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        log = dir.resolve("java.log");
    }

    private Launch launch(Path cache) throws Exception {
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", checkout.resolve("bin/leastpriv").toString(), "--version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", dir.resolve("fake-bin") + ":" + System.getenv("PATH"));
        builder.environment().put("LEASTPRIV_CDS_DIR", cache.toString());
        builder.environment().put("FAKE_JAVA_LOG", log.toString());
        builder.environment().remove("LEASTPRIV_CDS");
        builder.environment().remove("LEASTPRIV_JAVA_OPTS");
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> runs = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Launch(process.exitValue(), err, runs);
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa"))
                    .toList();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void launch_newCacheDirectory_isCreatedPrivateAndItsArchiveUsed() throws Exception {
        Path cache = dir.resolve("cache/leastpriv");

        Launch first = launch(cache);
        Launch second = launch(cache);

        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.trained()).isTrue();
        assertThat(mode(cache)).isEqualTo("rwx------");
        assertThat(mode(cache.getParent())).isEqualTo("rwx------");
        assertThat(archives(cache)).singleElement().satisfies(archive -> {
            assertThat(mode(archive)).isEqualTo("rw-------");
            assertThat(first.command()).contains("-XX:SharedArchiveFile=" + archive);
            assertThat(second.command()).contains("-XX:SharedArchiveFile=" + archive);
        });
        assertThat(second.trained()).isFalse();
        assertThat(second.err()).isEmpty();
    }

    @Test
    void launch_cacheDirectoryWritableByOthers_neitherTrainsNorUsesAnArchiveAndSaysWhy() throws Exception {
        Path cache = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        Launch run = launch(cache);

        assertThat(run.exitCode()).isZero();
        assertThat(run.trained()).isFalse();
        assertThat(run.command()).doesNotContain("SharedArchiveFile").endsWith("--version");
        assertThat(archives(cache)).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv: warning: no class archive: \"" + cache + "\" is writable by other users;"
                        + " use a cache directory only you can write (LEASTPRIV_CDS_DIR), or set LEASTPRIV_CDS=off\n");
    }

    @Test
    void launch_cacheDirectoryInsideADirectoryWritableByOthers_usesNoArchive() throws Exception {
        Path parent = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path cache = Files.createDirectory(parent.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));

        Launch run = launch(cache);

        assertThat(run.trained()).isFalse();
        assertThat(run.command()).doesNotContain("SharedArchiveFile");
        assertThat(run.err()).contains("\"" + parent + "\" is writable by other users");
    }

    @Test
    void launch_cacheDirectoryInAStickyDirectoryLikeTmp_isUsed() throws Exception {
        Path parent = Files.createDirectory(dir.resolve("sticky"));
        chmod("1777", parent);

        Launch run = launch(parent.resolve("cache"));

        assertThat(run.err()).isEmpty();
        assertThat(run.trained()).isTrue();
        assertThat(run.command()).contains("-XX:SharedArchiveFile=");
    }

    @Test
    void launch_archiveWritableByOthers_isNotUsedButReplacedByAFreshPrivateOne() throws Exception {
        Path cache = dir.resolve("cache");
        launch(cache);
        Path archive = archives(cache).get(0);
        Files.writeString(archive, "planted"); // same size as the stand-in's archive, so the size check passes
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));

        Launch run = launch(cache);

        assertThat(run.trained())
                .as("an archive others could write is never mapped")
                .isTrue();
        assertThat(Files.readString(archive)).isEqualTo("archive");
        assertThat(mode(archive)).isEqualTo("rw-------");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void launch_cacheDirectoryOwnedByAnotherUser_usesNoArchive() throws Exception {
        assumeTrue(uid() == 0, "only root can give a directory to another user");
        Path cache = Files.createDirectory(dir.resolve("theirs"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        run("chown", "65534", cache.toString());

        Launch run = launch(cache);

        assertThat(run.trained()).isFalse();
        assertThat(run.command()).doesNotContain("SharedArchiveFile");
        assertThat(run.err()).contains("\"" + cache + "\" is owned by another user");
    }

    private int uid() throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:uid");
    }

    private static void chmod(String mode, Path path) throws Exception {
        run("chmod", mode, path.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}

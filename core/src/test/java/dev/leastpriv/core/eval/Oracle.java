package dev.leastpriv.core.eval;

import dev.leastpriv.core.testing.NpmPackage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test fixture around the independent IAM policy evaluator used as an oracle (tools/oracle/README.md).
 *
 * <p>{@link #start} installs the pinned oracle into {@code <repo>/.oracle} when it is missing or another version
 * (the oracle is AGPL: installed at test time, never committed or bundled), then runs {@code node
 * tools/oracle/run.mjs} once as a long-lived process. {@link #evaluate} streams JSON Lines requests to it and returns
 * one JSON line per request, in order. Every failure to install, start or answer is an {@link AssertionError} that
 * carries npm's or node's output: a test using the oracle fails, it is never skipped.
 */
final class Oracle implements AutoCloseable {

    /** The folder holding tools/oracle: the working directory or one of its parents. */
    static Path repositoryRoot() {
        return NpmPackage.repositoryRoot("tools/oracle/run.mjs");
    }

    static final String ORACLE_PACKAGE = "@cloud-copilot/iam-simulate";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int STDERR_KEPT_CHARS = 64 * 1024;
    private static final String PROBE =
            "{\"id\":\"oracle-start-probe\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::probe/key\"}";

    private final Process process;
    private final BufferedWriter toOracle;
    private final BufferedReader fromOracle;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrDrain;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "oracle-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private Oracle(Process process) {
        this.process = process;
        this.toOracle =
                new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.fromOracle =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.stderrDrain = new Thread(() -> drain(process.getErrorStream()), "oracle-stderr");
        this.stderrDrain.setDaemon(true);
        this.stderrDrain.start();
    }

    /**
     * Installs the oracle if needed and starts the runner.
     *
     * @param runnerOptions options for tools/oracle/run.mjs, such as {@code --strict-context}
     */
    static Oracle start(String... runnerOptions) {
        Path root = repositoryRoot();
        NpmPackage.pinnedIn("tools/oracle", ".oracle", ORACLE_PACKAGE).ensureInstalled();
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(root.resolve("tools/oracle/run.mjs").toString());
        command.addAll(Arrays.asList(runnerOptions));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(root.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot start the oracle (" + String.join(" ", command) + "): is node on PATH?", e);
        }
        Oracle oracle = new Oracle(process);
        List<String> probe;
        try {
            probe = oracle.evaluate(List.of(PROBE));
        } catch (AssertionError e) {
            oracle.close();
            throw e;
        }
        if (!probe.get(0).contains("\"decision\"")) {
            oracle.close();
            throw new AssertionError("the oracle answered its start probe with " + probe.get(0));
        }
        return oracle;
    }

    /**
     * Sends JSON Lines requests and returns the oracle's answer to each, in the same order: {@code {"id", "decision"}}
     * or {@code {"id", "error"}}. Lines are written by another thread while this one reads, so batches of any size
     * stream through the pipes without deadlock.
     */
    synchronized List<String> evaluate(List<String> jsonLines) {
        for (int i = 0; i < jsonLines.size(); i++) {
            String line = jsonLines.get(i);
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(
                        "request " + i + " spans several lines; send one JSON object a line");
            }
        }
        if (!process.isAlive()) {
            throw new AssertionError("the oracle is not running (exit " + process.exitValue() + ")" + stderrText());
        }
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(jsonLines), runnable -> {
            Thread thread = new Thread(runnable, "oracle-stdin");
            thread.setDaemon(true);
            thread.start();
        });
        Duration timeout = Duration.ofSeconds(120).plusMillis(20L * jsonLines.size());
        ScheduledFuture<?> kill =
                watchdog.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> answers = new ArrayList<>(jsonLines.size());
        try {
            for (int i = 0; i < jsonLines.size(); i++) {
                String answer = fromOracle.readLine();
                if (answer == null) {
                    throw new AssertionError("the oracle stopped after answering " + i + " of " + jsonLines.size()
                            + " requests" + (kill.isDone() ? " (killed after " + timeout + ")" : "")
                            + writeFailure(writing) + stderrText());
                }
                answers.add(answer);
            }
            writing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new AssertionError("cannot read the oracle's answers" + stderrText(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot send requests to the oracle" + stderrText(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the oracle", e);
        } finally {
            kill.cancel(false);
        }
        return answers;
    }

    /** Closes the runner's input, lets it finish, and stops it. */
    @Override
    public void close() {
        try {
            toOracle.close();
        } catch (IOException ignored) {
            // the process is going away anyway
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            watchdog.shutdownNow();
        }
    }

    private void write(List<String> jsonLines) {
        try {
            for (String line : jsonLines) {
                toOracle.write(line);
                toOracle.write('\n');
            }
            toOracle.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeFailure(CompletableFuture<Void> writing) {
        if (!writing.isCompletedExceptionally()) {
            return "";
        }
        try {
            writing.join();
            return "";
        } catch (RuntimeException e) {
            return "; writing failed: " + e.getCause();
        }
    }

    private void drain(InputStream errors) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(errors, StandardCharsets.UTF_8))) {
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                synchronized (stderr) {
                    stderr.append(buffer, 0, n);
                    if (stderr.length() > STDERR_KEPT_CHARS) {
                        stderr.delete(0, stderr.length() - STDERR_KEPT_CHARS);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private String stderrText() {
        try {
            stderrDrain.join(process.isAlive() ? 200 : 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return stderr.length() == 0 ? "; node wrote nothing on stderr" : "; node stderr:\n" + stderr;
        }
    }
}

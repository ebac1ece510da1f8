package dev.leastpriv.cli;

import com.google.common.base.Throwables;
import dev.leastpriv.core.IdentityPolicyGrammar;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.MatchedStatement;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.core.json.SimulationBatch;
import dev.leastpriv.core.json.SimulationJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leastpriv simulate}: decide requests against policies offline, as AWS would. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Decide requests against policies offline, with AWS's evaluation rules.",
            "Identity policies, a permissions boundary, SCPs (one per organization level) and a resource policy."
                    + " One request: exit 0 if allowed, 1 if denied. --batch: exit 0 if every line was evaluated,"
                    + " 2 if some were malformed."
        })
final class SimulateCommand implements Callable<Integer> {

    @Spec
    @Nullable
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", description = "Identity policy, repeatable.")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--boundary", paramLabel = "FILE", description = "Permissions boundary.")
    @Nullable
    Path boundary;

    @Option(
            names = "--scp",
            paramLabel = "FILE",
            description = "SCP, repeatable: one per organization level, root first.")
    List<Path> scps = new ArrayList<>();

    @Option(names = "--resource-policy", paramLabel = "FILE", description = "Resource-based policy of the resource.")
    @Nullable
    Path resourcePolicy;

    @Option(names = "--action", description = "The action, e.g. glue:GetTables.")
    @Nullable
    String action;

    @Option(
            names = "--resource",
            paramLabel = "ARN",
            description = "The resource ARN, or * for actions without resource types.")
    @Nullable
    String resource;

    @Option(names = "--principal", paramLabel = "ARN", description = "The calling principal (for resource policies).")
    @Nullable
    String principal;

    @Option(
            names = "--resource-account",
            paramLabel = "ID",
            description = "Account owning the resource (S3 ARNs have none).")
    @Nullable
    String resourceAccount;

    @Option(
            names = "--context",
            paramLabel = "KEY=VALUE",
            description = "Request context, repeatable; repeat a key for a multivalued key.")
    List<String> context = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "FILE", description = "JSON Lines requests (- for stdin); see the README.")
    @Nullable
    String batch;

    @Override
    public Integer call() {
        PrintWriter out = Injected.spec(spec).commandLine().getOut();
        if (batch != null) {
            if (action != null || resource != null || !policies.isEmpty()) {
                throw new InputException("--batch carries its requests and policies in the file; do not combine it"
                        + " with --action, --resource or --policy");
            }
            return runBatch(out);
        }
        if (action == null || resource == null) {
            throw new InputException("give --action and --resource (or --batch FILE)");
        }
        Policies stack = Policies.identity(identity(policies, "--policy"));
        if (boundary != null) {
            stack = stack.withBoundary(identity(List.of(boundary), "--boundary").get(0));
        }
        for (Path scp : scps) {
            stack = stack.withScpLevel(read(scp, "--scp"));
        }
        if (resourcePolicy != null) {
            stack = stack.withResourcePolicy(read(resourcePolicy, "--resource-policy"));
        }
        Request.Builder request;
        try {
            request = Request.builder()
                    .action(action)
                    .resource(resource)
                    .principal(principal)
                    .resourceAccount(resourceAccount);
        } catch (IllegalArgumentException e) {
            // The evaluator's request checks these flag values; its message names what is wrong with them.
            throw new InputException(e.getMessage(), e);
        }
        java.util.Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        for (String entry : context) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new InputException("--context " + InputRules.quote(entry) + " is not valid: expected KEY=VALUE");
            }
            values.computeIfAbsent(entry.substring(0, equals), k -> new ArrayList<>())
                    .add(entry.substring(equals + 1));
        }
        Request built;
        try {
            values.forEach(request::context);
            built = request.build();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        Evaluation evaluation = Evaluator.compile(stack).evaluate(built);
        out.println("decision: " + evaluation.decision().jsonValue());
        out.println("reason: " + InputRules.printable(evaluation.reason()));
        if (evaluation.assumption() != null) {
            out.println("assumes: " + InputRules.printable(evaluation.assumption()));
        }
        for (MatchedStatement statement : evaluation.matched()) {
            out.println("matched: " + InputRules.printable(statement.toString()));
        }
        if (!evaluation.missingContextKeys().isEmpty()) {
            out.println("missing context keys: "
                    + InputRules.printable(String.join(", ", evaluation.missingContextKeys())));
        }
        out.flush();
        return evaluation.decision().isAllowed() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    /** Lines decided together on one thread: many, so that handing them over costs little; few, to bound memory. */
    private static final int CHUNK_LINES = 256;

    private static final int CHUNK_BYTES = 1 << 20;

    /**
     * Reads the lines on this thread and decides them in chunks on a pool of one thread per core (lines are
     * independent), writing each chunk's answers in input order once it and all before it are done. At most two
     * chunks per thread wait to be written, so memory stays bounded whatever the input's length. When the input has
     * nothing more to read yet (a pipe from a program that waits for answers), the lines read so far are answered
     * and flushed before the next read blocks, so that a request gets its answer without waiting for more requests.
     */
    private int runBatch(PrintWriter out) {
        SimulationBatch decider = new SimulationBatch();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, SimulateCommand::worker);
        Pipeline pipeline = new Pipeline(pool, decider, out, 2 * threads);
        IOException failure = null;
        try (InputStream in = batch.equals("-") ? System.in : open(Path.of(batch))) {
            BatchLines lines = new BatchLines(in, InputFiles.POLICY_LIMIT);
            try {
                for (BatchLines.Line line = lines.next(); line != null; line = lines.next()) {
                    pipeline.add(line);
                    if (!lines.ready()) {
                        pipeline.drain();
                    }
                }
            } catch (IOException e) {
                failure = e; // the lines read before it are still answered
            }
            pipeline.drain();
        } catch (IOException e) {
            failure = e;
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        if (failure != null) {
            throw new UncheckedIOException(new IOException(
                    "cannot read --batch " + InputRules.quote(batch) + ": " + failure.getMessage(), failure));
        }
        return pipeline.allEvaluated ? ExitCode.OK.code() : ExitCode.USAGE.code();
    }

    /** The chunks of a batch being decided, and the writing of their answers in input order. */
    private static final class Pipeline {

        private final ExecutorService pool;
        private final SimulationBatch decider;
        private final PrintWriter out;
        private final int maxPending;
        private final Deque<Future<Answers>> pending = new ArrayDeque<>();
        private List<BatchLines.Line> chunk = new ArrayList<>();
        private long bytes;
        boolean allEvaluated = true;

        Pipeline(ExecutorService pool, SimulationBatch decider, PrintWriter out, int maxPending) {
            this.pool = pool;
            this.decider = decider;
            this.out = out;
            this.maxPending = maxPending;
        }

        void add(BatchLines.Line line) {
            chunk.add(line);
            bytes += line.size();
            if (chunk.size() == CHUNK_LINES || bytes >= CHUNK_BYTES) {
                submit();
                while (pending.size() > maxPending) {
                    write(pending.removeFirst());
                }
            }
        }

        /** Decides and writes every line added so far, and flushes the output. */
        void drain() {
            if (!chunk.isEmpty()) {
                submit();
            }
            while (!pending.isEmpty()) {
                write(pending.removeFirst());
            }
            out.flush();
        }

        private void submit() {
            List<BatchLines.Line> lines = chunk;
            pending.add(pool.submit(() -> decide(decider, lines)));
            chunk = new ArrayList<>();
            bytes = 0;
        }

        /** Writes a chunk's answers when they are ready (one write, where println would flush every line). */
        private void write(Future<Answers> next) {
            Answers answers;
            try {
                answers = next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deciding --batch", e);
            } catch (ExecutionException e) {
                Throwables.throwIfUnchecked(e.getCause());
                throw new IllegalStateException(e.getCause());
            }
            out.print(answers.text());
            allEvaluated &= answers.allEvaluated();
        }
    }

    /** The output lines of one chunk, each ended as println ends it, and whether every line was evaluated. */
    private record Answers(String text, boolean allEvaluated) {}

    private static Answers decide(SimulationBatch decider, List<BatchLines.Line> chunk) {
        StringBuilder answers = new StringBuilder();
        String lineEnd = System.lineSeparator();
        boolean allEvaluated = true;
        for (BatchLines.Line line : chunk) {
            BatchLines.Decoded decoded = line.decode();
            String text = decoded.text();
            if (text == null) {
                answers.append(SimulationJson.error(null, line.number(), String.valueOf(decoded.error())))
                        .append(lineEnd);
                allEvaluated = false;
            } else if (!text.isBlank()) {
                SimulationBatch.Answer answer = decider.decide(text, line.number());
                answers.append(answer.json()).append(lineEnd);
                allEvaluated &= answer.evaluated();
            }
        }
        return new Answers(answers.toString(), allEvaluated);
    }

    private static Thread worker(Runnable task) {
        Thread thread = new Thread(task, "leastpriv-batch");
        thread.setDaemon(true); // never keeps the JVM alive after the command
        return thread;
    }

    private static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException("--batch file " + InputRules.quote(file) + " is a directory; expected a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputException("--batch file " + InputRules.quote(file) + " does not exist");
        } catch (IOException e) {
            throw new InputException(
                    "--batch file " + InputRules.quote(file) + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Policy> read(List<Path> files, String option) {
        List<Policy> read = new ArrayList<>();
        for (Path file : files) {
            read.add(read(file, option));
        }
        return read;
    }

    /** Identity policies and boundaries: IAM refuses a statement without Resource, or with a Principal, in them. */
    private static List<Policy> identity(List<Path> files, String option) {
        List<Policy> read = new ArrayList<>();
        for (Path file : files) {
            Policy policy = read(file, option);
            try {
                read.add(IdentityPolicyGrammar.require(policy, ""));
            } catch (IllegalArgumentException e) {
                throw new InputException(option + " file " + InputRules.quote(file) + ": " + e.getMessage(), e);
            }
        }
        return read;
    }

    static Policy read(Path file, String option) {
        String text = InputFiles.read(file, option);
        try {
            return Policy.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(option + " file " + InputRules.quote(file) + ": " + e.getMessage(), e);
        }
    }
}

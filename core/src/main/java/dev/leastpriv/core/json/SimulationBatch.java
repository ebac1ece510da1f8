package dev.leastpriv.core.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Decides the lines of a batch ({@link SimulationJson}'s format), compiling each distinct set of policies once: the
 * lines of a batch usually carry the same policy documents, and reading and compiling them costs far more than
 * deciding a request. Thread-safe: lines may be decided on several threads at once.
 *
 * <p>Policies are cached by their text as written on the line (the policy fields' JSON), in a cache bounded by the
 * characters of that text (least recently used first out). Each answer is the one {@link SimulationJson#parse},
 * {@link Evaluator#compile} and {@link Evaluator#evaluate} give for the line alone: a line that the fast reading
 * does not accept, or whose request or policies are invalid, is read again that way, so its error is the same.
 *
 * <pre>{@code
 * SimulationBatch batch = new SimulationBatch();
 * SimulationBatch.Answer answer = batch.decide(line, lineNumber);
 * out.println(answer.json());
 * }</pre>
 */
public final class SimulationBatch {

    /**
     * Policy text kept compiled by default: 4 Mi characters, four of the largest lines (1 MiB), or thousands of
     * policies of a few KiB; a compiled policy grows with its text, so the bound is on the text.
     */
    public static final long DEFAULT_CACHED_CHARACTERS = 4L << 20;

    /** One output line, and whether the line was evaluated (false: it is an error line). */
    public record Answer(String json, boolean evaluated) {

        public Answer {
            checkNotNull(json, "json");
        }
    }

    private final Cache<SimulationJson.PolicyTexts, Evaluator> evaluators;
    private final AtomicLong compilations = new AtomicLong();

    /**
     * The policies each thread used last: a batch's lines usually repeat a few policy texts, and comparing a text
     * with those few (lengths first, then the characters) costs less than hashing it for the cache.
     */
    private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

    /** A batch that keeps up to {@link #DEFAULT_CACHED_CHARACTERS} of policy text compiled. */
    public SimulationBatch() {
        this(DEFAULT_CACHED_CHARACTERS);
    }

    /** A batch that keeps up to {@code cachedCharacters} of policy text compiled (0: none). */
    public SimulationBatch(long cachedCharacters) {
        checkArgument(cachedCharacters >= 0, "cachedCharacters must not be negative: %s", cachedCharacters);
        this.evaluators = CacheBuilder.newBuilder()
                .maximumWeight(cachedCharacters)
                .<SimulationJson.PolicyTexts, Evaluator>weigher((texts, evaluator) -> Math.max(1, texts.length()))
                .concurrencyLevel(4)
                .build();
    }

    /**
     * {@return the answer to one line: its decision, or an error naming {@code number}}
     *
     * @param line the line's text, without its line end
     * @param number the 1-based number of the line in the batch
     */
    public Answer decide(String line, int number) {
        checkNotNull(line, "line");
        checkArgument(number >= 1, "line numbers start at 1");
        Answer fast = fast(line);
        return fast != null ? fast : alone(line, number);
    }

    /** {@return the answer through the cache, or null if the line is invalid (or not of the usual form)} */
    private @Nullable Answer fast(String line) {
        try {
            SimulationJson.Prepared prepared = SimulationJson.prepare(line);
            if (prepared == null) {
                return null;
            }
            Recent mine = recent.get();
            Evaluator evaluator = mine.find(prepared.policies());
            if (evaluator == null) {
                evaluator = evaluators.get(prepared.policies(), () -> compile(prepared));
                mine.add(prepared.policies(), evaluator);
            }
            return new Answer(SimulationJson.decision(prepared.id(), evaluator.evaluate(prepared.request())), true);
        } catch (ExecutionException | RuntimeException e) {
            // Invalid request or policies: the reference reading says what is wrong, as for the line alone.
            return null;
        }
    }

    /** {@return how many policy sets this batch has compiled} (for tests: once per distinct policy text) */
    long compilations() {
        return compilations.get();
    }

    private Evaluator compile(SimulationJson.Prepared prepared) {
        Evaluator evaluator = Evaluator.compile(SimulationJson.policies(prepared.policies()));
        compilations.incrementAndGet();
        return evaluator;
    }

    /**
     * {@return the reference answer: the line parsed, compiled and evaluated on its own}, what {@link #decide}
     * answers too, at the cost of reading and compiling the line's policies every time
     */
    public static Answer alone(String line, int number) {
        String id = null;
        try {
            SimulationJson.Case request = SimulationJson.parse(line);
            id = request.id();
            Evaluation evaluation = Evaluator.compile(request.policies()).evaluate(request.request());
            return new Answer(SimulationJson.decision(id, evaluation), true);
        } catch (IllegalArgumentException e) {
            return new Answer(
                    SimulationJson.error(id != null ? id : SimulationJson.idOf(line), number, e.getMessage()), false);
        }
    }

    /** A thread's last few policy texts and their evaluators, most recently used first. */
    private static final class Recent {

        private static final int SIZE = 4;

        private final SimulationJson.PolicyTexts[] texts = new SimulationJson.PolicyTexts[SIZE];
        private final Evaluator[] evaluators = new Evaluator[SIZE];

        @Nullable
        Evaluator find(SimulationJson.PolicyTexts key) {
            for (int i = 0; i < SIZE && texts[i] != null; i++) {
                if (texts[i].equals(key)) {
                    Evaluator found = evaluators[i];
                    moveToFront(i, texts[i], found);
                    return found;
                }
            }
            return null;
        }

        void add(SimulationJson.PolicyTexts key, Evaluator evaluator) {
            moveToFront(SIZE - 1, key, evaluator);
        }

        private void moveToFront(int from, SimulationJson.PolicyTexts key, Evaluator evaluator) {
            System.arraycopy(texts, 0, texts, 1, from);
            System.arraycopy(evaluators, 0, evaluators, 1, from);
            texts[0] = key;
            evaluators[0] = evaluator;
        }
    }
}

package dev.leastpriv.bench;

import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.core.json.SimulationJson;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the offline evaluator: one {@link Evaluator#evaluate} per operation, over a scenario's fixed requests
 * round-robin (see {@link BenchRequests}), against its policy compiled once. {@code bench/run-evaluator-bench.sh}
 * runs it next to the independent oracle on the same requests.
 *
 * <p>{@link #compileAndEvaluate} also compiles the policy for every request, as the oracle validates and loads the
 * policy documents given with every call: the like-for-like comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {

    @Param({"openmetadata", "conditions50"})
    public String scenario;

    private Policies policies;
    private Evaluator evaluator;
    private Request[] requests;
    private int next;

    @Setup
    public void setUp() {
        BenchRequests.Scenario built = BenchRequests.scenario(scenario);
        policies = built.policies();
        evaluator = Evaluator.compile(policies);
        requests = built.requests().toArray(new Request[0]);
        // The requests measured here are exactly those written for the oracle: read back from the JSON Lines.
        List<String> lines = built.jsonLines();
        for (int i = 0; i < requests.length; i++) {
            SimulationJson.Case parsed = SimulationJson.parse(lines.get(i));
            if (!parsed.request().equals(requests[i]) || !parsed.policies().equals(built.policies())) {
                throw new IllegalStateException(scenario + " request " + i + " does not survive its JSON line");
            }
        }
        built.verify(evaluator);
        next = 0;
    }

    @Benchmark
    public Evaluation evaluate() {
        Request request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return evaluator.evaluate(request);
    }

    @Benchmark
    public Evaluation compileAndEvaluate() {
        Request request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return Evaluator.compile(policies).evaluate(request);
    }
}

package dev.leastpriv.bench;

import dev.leastpriv.core.json.SimulationBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code simulate --batch} line per operation, on one thread, over the lines of {@code BenchRequests --batch
 * 20000} round-robin (each line with its own policy; {@code bench/run-batch-bench.sh} runs the same lines end to
 * end): {@link #decide} as the command decides them ({@link SimulationBatch}, each policy text compiled once), and
 * {@link #alone} each line parsed, compiled and evaluated on its own, as the command did before. With {@code -prof
 * gc}, {@code gc.alloc.rate.norm} is the allocation per line (the command adds the line's bytes and its decoded
 * text).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BatchBenchmark {

    private String[] lines;
    private SimulationBatch batch;
    private int next;

    @Setup
    public void setUp() {
        List<String> all = BenchRequests.batch(20_000);
        lines = all.toArray(new String[0]);
        batch = new SimulationBatch();
        next = 0;
    }

    @Benchmark
    public SimulationBatch.Answer decide() {
        int number = next;
        next = next + 1 == lines.length ? 0 : next + 1;
        return batch.decide(lines[number], number + 1);
    }

    @Benchmark
    public SimulationBatch.Answer alone() {
        int number = next;
        next = next + 1 == lines.length ? 0 : next + 1;
        return SimulationBatch.alone(lines[number], number + 1);
    }
}

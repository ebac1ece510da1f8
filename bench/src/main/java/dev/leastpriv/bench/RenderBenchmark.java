package dev.leastpriv.bench;

import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Profile;
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
 * Renders the openmetadata profile (default features: metadata, usage, lineage, profiler) for 1, 100, 1,000 and
 * 5,000 databases: from a built connection to pretty policy JSON, the work {@code leastpriv generate} does after
 * parsing its input; and the same packed into managed policies of at most 6,144 characters
 * ({@code generate --max-size}), each written as JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    @Param({"1", "100", "1000", "5000"})
    public int databases;

    private PolicyRequest request;

    @Setup
    public void setUp() {
        request = PolicyRequest.of(connection(databases).build(), Profile.OPENMETADATA, List.of());
    }

    /** {@return the benchmarks' connection: one workgroup, results and data location, {@code databases} databases} */
    static Connection.Builder connection(int databases) {
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/")
                .addData("s3://company-data-lake/warehouse/");
        for (int i = 0; i < databases; i++) {
            connection.addDatabase(databaseName(i));
        }
        return connection;
    }

    /** The database names of the benchmarks: database_0000, database_0001, … */
    static String databaseName(int index) {
        return String.format("database_%04d", index);
    }

    @Benchmark
    public String renderToJson() {
        return PolicyRenderer.render(request).policy().toJson();
    }

    @Benchmark
    public List<String> renderPackedToJson() {
        PolicySet set = PolicyPacking.pack(
                PolicyRenderer.render(request).policy(), PolicyLimit.MANAGED.characters(), Integer.MAX_VALUE);
        return set.policies().stream().map(Policy::toJson).toList();
    }
}

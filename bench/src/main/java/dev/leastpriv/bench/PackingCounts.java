package dev.leastpriv.bench;

import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Profile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * How many managed policies the openmetadata profile (default features) packs into for 1, 100, 1,000 and 5,000
 * databases (the names of {@link RenderBenchmark}), against the lower bound ceil(size / 6,144) and the bound that
 * also counts the statement parts every split repeats; and how many policies change when one database is added.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.leastpriv.bench.PackingCounts
 * </pre>
 */
public final class PackingCounts {

    private PackingCounts() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int limit = PolicyLimit.MANAGED.characters();
        out.printf(
                Locale.ROOT,
                "%9s  %10s  %11s  %17s  %8s  %26s%n",
                "databases",
                "size",
                "lower bound",
                "split-aware bound",
                "policies",
                "changed by one more db");
        for (int databases : new int[] {1, 100, 1000, 5000}) {
            Policy policy = render(databases, null);
            PolicySet set = PolicyPacking.pack(policy, limit, Integer.MAX_VALUE);
            // One more database, sorting in the middle of the others: how many of the policies differ?
            PolicySet grown = PolicyPacking.pack(
                    render(databases, RenderBenchmark.databaseName(databases / 2) + "a"), limit, Integer.MAX_VALUE);
            int changed = 0;
            for (int i = 0; i < Math.max(set.policies().size(), grown.policies().size()); i++) {
                if (i >= set.policies().size()
                        || i >= grown.policies().size()
                        || !set.policies().get(i).equals(grown.policies().get(i))) {
                    changed++;
                }
            }
            int size = PolicySize.of(policy).characters();
            out.printf(
                    Locale.ROOT,
                    "%9d  %10d  %11d  %17d  %8d  %26s%n",
                    databases,
                    size,
                    PolicyPacking.lowerBound(size, limit),
                    PolicyPacking.splitLowerBound(policy, limit),
                    set.policies().size(),
                    changed + " of " + grown.policies().size());
        }
    }

    private static Policy render(int databases, String extra) {
        Connection.Builder connection = RenderBenchmark.connection(databases);
        if (extra != null) {
            connection.addDatabase(extra);
        }
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()))
                .policy();
    }
}

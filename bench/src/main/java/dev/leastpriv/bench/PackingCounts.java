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
 * databases (named as in {@link RenderBenchmark}, database_0000 …, and shorter, db0000 …), against the lower bound
 * ceil(compacted size / 6,144) and the bound that also counts the statement parts every split repeats (the bound
 * {@code generate} refuses from before packing); and how many policies change when one database is added.
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
                "%-14s  %9s  %10s  %15s  %11s  %17s  %8s  %26s%n",
                "names",
                "databases",
                "size",
                "compacted size",
                "lower bound",
                "split-aware bound",
                "policies",
                "changed by one more db");
        for (String names : new String[] {"database_%04d", "db%04d"}) {
            for (int databases : new int[] {1, 100, 1000, 5000}) {
                Policy policy = render(names, databases, null);
                PolicySet set = PolicyPacking.pack(policy, limit, Integer.MAX_VALUE);
                // One more database, sorting in the middle of the others: how many of the policies differ?
                PolicySet grown = PolicyPacking.pack(
                        render(names, databases, String.format(Locale.ROOT, names, databases / 2) + "a"),
                        limit,
                        Integer.MAX_VALUE);
                int changed = 0;
                for (int i = 0;
                        i < Math.max(set.policies().size(), grown.policies().size());
                        i++) {
                    if (i >= set.policies().size()
                            || i >= grown.policies().size()
                            || !set.policies().get(i).equals(grown.policies().get(i))) {
                        changed++;
                    }
                }
                int size = PolicySize.of(policy).characters();
                int compacted = PolicySize.of(PolicyPacking.compact(policy)).characters();
                out.printf(
                        Locale.ROOT,
                        "%-14s  %9d  %10d  %15d  %11d  %17d  %8d  %26s%n",
                        names,
                        databases,
                        size,
                        size <= limit ? size : compacted,
                        PolicyPacking.lowerBound(size <= limit ? size : compacted, limit),
                        PolicyPacking.minimumPolicies(policy, limit),
                        set.policies().size(),
                        changed + " of " + grown.policies().size());
            }
        }
    }

    private static Policy render(String names, int databases, String extra) {
        Connection.Builder connection = RenderBenchmark.connection(0);
        for (int i = 0; i < databases; i++) {
            connection.addDatabase(String.format(Locale.ROOT, names, i));
        }
        if (extra != null) {
            connection.addDatabase(extra);
        }
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()))
                .policy();
    }
}

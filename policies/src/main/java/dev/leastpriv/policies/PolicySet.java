package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import java.util.stream.Collectors;

/**
 * A connector's permissions as one or more managed policies, each within a size limit; together they grant
 * exactly what the single rendered policy grants. The order is stable: policy {@code i} is written as
 * {@code policy-<i+1>.json}.
 */
public record PolicySet(ImmutableList<Policy> policies) {

    public PolicySet {
        policies = ImmutableList.copyOf(policies);
        checkArgument(!policies.isEmpty(), "A policy set holds at least one policy");
    }

    /** {@return a set of exactly one policy} */
    public static PolicySet of(Policy policy) {
        return new PolicySet(ImmutableList.of(policy));
    }

    /** {@return a JSON array of the documents, each in AWS's documentation layout as {@link Policy#toJson()}} */
    public String toJson() {
        return policies.stream().map(policy -> policy.toJson().strip()).collect(Collectors.joining(",\n", "[\n", "\n]"))
                + "\n";
    }

    /** {@return a JSON array of the compact documents, on one line} */
    public String toCompactJson() {
        return policies.stream().map(Policy::toCompactJson).collect(Collectors.joining(",", "[", "]"));
    }

    /** {@return the file name of policy {@code index} (from 0): policy-1.json, policy-2.json, …} */
    public static String fileName(int index) {
        checkArgument(index >= 0, "index must not be negative");
        return "policy-" + (index + 1) + ".json";
    }
}

package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import org.jspecify.annotations.Nullable;

/**
 * A role's policies as IAM holds them: identity policies by name (inline {@code inline:<name>}, managed by ARN), the
 * permissions boundary if any, and the trust policy.
 */
public record FetchedRole(
        Arn role,
        ImmutableMap<String, Policy> identityPolicies,
        @Nullable Policy boundary,
        Policy trustPolicy) {

    public FetchedRole {
        checkNotNull(role, "role");
        checkNotNull(trustPolicy, "trustPolicy");
        identityPolicies = ImmutableMap.copyOf(identityPolicies);
    }
}

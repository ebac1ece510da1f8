package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;
import org.jspecify.annotations.Nullable;

/**
 * A KMS key the connector needs, as it was given and as the key ARN IAM matches: "You cannot use a key id, alias
 * name, or alias ARN to identify a KMS key in an IAM policy statement" (athena-connector-needs.md §1 KMS row, A7).
 *
 * @param given the key as configured or as the account returned it (key id, key ARN, alias name or alias ARN)
 * @param keyArn the key ARN, or null when it could not be resolved (the findings say why)
 */
public record DiscoveredKey(
        String given, Source source, @Nullable Arn keyArn) {

    /** Where the key came from. */
    public enum Source {
        /** Given by the user. */
        CONFIGURED,
        /** The workgroup's SSE_KMS or CSE_KMS result encryption. */
        WORKGROUP_RESULTS,
        /** The workgroup's managed query results encryption. */
        MANAGED_RESULTS,
        /** The results bucket's default encryption. */
        RESULTS_BUCKET
    }

    public DiscoveredKey {
        checkNotNull(given, "given");
        checkNotNull(source, "source");
    }
}

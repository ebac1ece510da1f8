package dev.leastpriv.assertj;

import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.PolicySet;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of leastpriv's AssertJ assertions on IAM policies.
 *
 * <pre>{@code
 * import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
 *
 * assertThat(policy)
 *         .allows("glue:GetTables").on("arn:aws:glue:eu-west-1:123456789012:catalog")
 *         .doesNotAllow("s3:PutObject", "arn:aws:s3:::company-data-lake/warehouse/*")
 *         .doesNotAllow("glue:DeleteTable")
 *         .grantsEverythingFor(connection, Feature.METADATA, Feature.USAGE)
 *         .grantsNothingBeyond(connection, Feature.METADATA, Feature.USAGE)
 *         .fitsManagedPolicyLimit();
 * }</pre>
 *
 * <p>Inside {@code SoftAssertions}, wrap a chain in {@code softly.check(() -> assertThat(policy)…)} to collect its
 * failure with the others.
 */
public final class LeastPrivAssertions {

    private LeastPrivAssertions() {}

    /** {@return assertions on {@code policy} as a role's only identity policy} */
    public static PolicyAssert assertThat(@Nullable Policy policy) {
        return new PolicyAssert(policy == null ? null : PolicySet.of(policy));
    }

    /** {@return assertions on the policies of {@code policies} together, as one role's identity policies} */
    public static PolicyAssert assertThat(@Nullable PolicySet policies) {
        return new PolicyAssert(policies);
    }
}

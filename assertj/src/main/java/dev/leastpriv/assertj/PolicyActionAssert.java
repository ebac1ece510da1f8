package dev.leastpriv.assertj;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.core.Action;

/**
 * What {@link PolicyAssert#allows(String)} returns once the action is allowed somewhere: {@link #on} asserts it on
 * the resources a test names and goes back to the policy assertions.
 */
public final class PolicyActionAssert {

    private final PolicyAssert policy;
    private final Action action;

    PolicyActionAssert(PolicyAssert policy, Action action) {
        this.policy = policy;
        this.action = action;
    }

    /**
     * Asserts that the action is allowed on every one of these resources. A resource is an ARN, or {@code *} for
     * actions without resource types; a {@code *} or {@code ?} inside an ARN is an ordinary character here, so
     * {@code arn:aws:s3:::results/connector/*} checks the object named {@code *}, which a pattern such as
     * {@code results/connector/*} matches.
     *
     * @throws IllegalArgumentException if a resource is null or neither {@code *} nor an ARN
     */
    @CanIgnoreReturnValue
    public PolicyAssert on(String resource, String... moreResources) {
        policy.assertAllowedOn(action, resource, moreResources);
        return policy;
    }
}

/**
 * From what a user has to the policy their connector needs: {@link dev.leastpriv.policies.Connection} (inputs),
 * {@link dev.leastpriv.policies.Profile} and {@link dev.leastpriv.policies.Feature} (what the tool does),
 * {@link dev.leastpriv.policies.Requirement} (what must be allowed, and why), and
 * {@link dev.leastpriv.policies.PolicyRenderer}, which turns requirements into a {@link dev.leastpriv.core.Policy}.
 *
 * <p>Start with {@link dev.leastpriv.policies.PolicyRequest}.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.policies;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

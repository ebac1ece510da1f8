/**
 * AssertJ assertions on IAM policies, for users' own tests: {@code assertThat(policy).allows("glue:GetTables").on(arn)},
 * {@code grantsEverythingFor(connection, features)}, {@code grantsNothingBeyond(…)}, {@code fitsManagedPolicyLimit()}.
 *
 * <p>Start with {@link dev.leastpriv.assertj.LeastPrivAssertions}. Decisions come from leastpriv's offline evaluator
 * ({@code dev.leastpriv.core.eval}) and its {@code check} ({@code dev.leastpriv.policies.check.PolicyCheck}); this package
 * only asks them and words the failures.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.assertj;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

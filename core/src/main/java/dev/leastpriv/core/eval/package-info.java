/**
 * The offline IAM evaluator: {@link dev.leastpriv.core.eval.Evaluator} decides a
 * {@link dev.leastpriv.core.eval.Request} against {@link dev.leastpriv.core.eval.Policies} (identity policies, a
 * permissions boundary, SCP levels, a resource policy) as AWS does, and explains the decision.
 *
 * <p>Start with {@link dev.leastpriv.core.eval.Evaluator#compile}. The rules are those of the IAM User Guide's
 * "Policy evaluation logic" (iam-reference.md §2).
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.core.eval;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

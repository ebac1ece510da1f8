/**
 * Checks a live role before a connector is set up: {@link dev.leastpriv.validator.preflight.PrincipalResolver} finds
 * the role by its real ARN, {@link dev.leastpriv.validator.preflight.Preflight} decides every requirement (IAM's
 * simulator, or the role's policies fetched and evaluated offline) and probes the trust policy, and the
 * {@link dev.leastpriv.validator.preflight.PreflightReport} gives the verdicts and the statements to add.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator.preflight;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

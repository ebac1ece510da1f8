/**
 * The live jobs, the only module with the AWS SDK, one package per job: {@link dev.leastpriv.validator.preflight}
 * (check a live role against a connector's {@link dev.leastpriv.policies.Requirement}s) and
 * {@link dev.leastpriv.validator.discovery} (read what the account says about a connection). This package holds what
 * both share: the classification of failed AWS calls and the exception that makes a check inconclusive. Reports are
 * values; nothing here prints. The offline check of given policies is {@link dev.leastpriv.policies.check.PolicyCheck},
 * one step down the ladder.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

/**
 * The live jobs, the only module with the AWS SDK: {@link dev.leastpriv.validator.Preflight} checks a live role
 * against a connector's {@link dev.leastpriv.policies.Requirement}s (IAM's simulator, or the role's policies fetched
 * and evaluated offline), and {@link dev.leastpriv.validator.Discovery} reads what the account says about a
 * connection (workgroups, catalogs, databases, results bucket, KMS keys, Lake Formation), turning denied calls into
 * findings. Reports are values; nothing here prints. The offline check of given policies is
 * {@link dev.leastpriv.policies.check.PolicyCheck}, one step down the ladder.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

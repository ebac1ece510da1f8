/**
 * Checks that policies grant what a connector needs and nothing worrying beyond it: {@link
 * dev.leastpriv.validator.PolicyCheck} evaluates each {@link dev.leastpriv.validator.RequiredAccess} offline, lints
 * the policies with Access Analyzer's severities, and lists what they allow beyond the requirements. Reports are
 * values; nothing here prints. {@link dev.leastpriv.validator.Preflight} checks a live role, and {@link
 * dev.leastpriv.validator.Discovery} reads what the account says about a connection (workgroup, catalogs, databases,
 * results bucket, KMS keys, Lake Formation), turning denied calls into findings.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

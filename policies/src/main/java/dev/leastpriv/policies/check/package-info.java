/**
 * The offline check of given policies against a connector's requirements ({@code leastpriv check}):
 * {@link dev.leastpriv.policies.check.PolicyCheck} evaluates each {@link dev.leastpriv.policies.Requirement} on every
 * one of its resources, lints the policies with Access Analyzer's severities, and lists what they allow beyond the
 * requirements. No AWS account and no AWS SDK; reports are values and nothing here prints.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.policies.check;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

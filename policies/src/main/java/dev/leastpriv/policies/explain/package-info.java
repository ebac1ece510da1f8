/**
 * AWS AccessDenied messages read from logs and explained against a connection's requirements, offline: which
 * feature of the connector a denial breaks, whose policy blocks it, and the statement to add when the fix is a
 * missing grant in the role's identity policy.
 *
 * <p>Start with {@link dev.leastpriv.policies.explain.AccessDeniedParser#parse(CharSequence)} and
 * {@link dev.leastpriv.policies.explain.Explain#explain}.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.policies.explain;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

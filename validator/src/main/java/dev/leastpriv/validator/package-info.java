/**
 * Checks that a policy or a live role grants a connector's requirements: the offline {@code check}, the
 * {@code simulate} command and the live {@code preflight}. Empty until those land (issues 3 and 4); the module
 * exists now so that the dependency direction core ← validator ← cli is fixed from the start.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

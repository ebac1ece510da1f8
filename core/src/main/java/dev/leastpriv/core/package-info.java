/**
 * The IAM policy model: {@link dev.leastpriv.core.Policy}, {@link dev.leastpriv.core.Statement},
 * {@link dev.leastpriv.core.Action}, {@link dev.leastpriv.core.Resource}, {@link dev.leastpriv.core.Arn} and the
 * values they are built from. Every value validates itself when constructed, so a value that exists is valid.
 *
 * <p>Start with {@link dev.leastpriv.core.Policy}; JSON lives in {@code dev.leastpriv.core.json}.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.core;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

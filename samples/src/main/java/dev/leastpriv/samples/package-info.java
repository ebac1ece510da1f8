/**
 * Runnable examples of the library API. Start with {@link dev.leastpriv.samples.GenerateOpenMetadataPolicy}.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.samples;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

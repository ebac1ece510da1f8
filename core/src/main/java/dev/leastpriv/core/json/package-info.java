/**
 * Policy JSON: {@link dev.leastpriv.core.json.PolicyJson} reads any valid policy document and writes the canonical
 * form (fixed key order, arrays always). Jackson is used only inside this package.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.core.json;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

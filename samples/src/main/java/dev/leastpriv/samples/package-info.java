/**
 * Runnable examples of the library API, one per job: {@link dev.leastpriv.samples.GenerateOpenMetadataPolicy}
 * (generate, no AWS account), {@link dev.leastpriv.samples.CheckVendorPolicy} (check a given policy offline) and
 * {@link dev.leastpriv.samples.PreflightRole} (check a live role and print the statements to add).
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.samples;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

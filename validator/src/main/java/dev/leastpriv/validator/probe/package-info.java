/**
 * The live probe: {@link dev.leastpriv.validator.probe.Probe} makes the connector's own read-only calls with the
 * connector's credentials ({@link dev.leastpriv.validator.probe.ProbeCredentials}) and reports each call's
 * {@link dev.leastpriv.validator.probe.ProbeOutcome}, mapped to the requirements and features it exercises, in a
 * {@link dev.leastpriv.validator.probe.ProbeReport}. It sees what simulation cannot: Lake Formation grants, KMS key
 * policies, resource control policies, and Athena's own server-side checks of Glue and S3.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator.probe;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

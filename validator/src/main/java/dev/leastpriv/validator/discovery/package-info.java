/**
 * Reads what the account says about a connection: {@link dev.leastpriv.validator.discovery.Discovery} asks Athena,
 * Glue, S3, KMS and Lake Formation, and {@link dev.leastpriv.validator.discovery.DiscoveredAccount#applyTo} gives the
 * connection a preflight should check. Denied and failed calls become findings, never exceptions.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.validator.discovery;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

package dev.leastpriv.validator.discovery;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.validator.AwsFailure;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Kind;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Collects discovery findings in the order they arise, and runs each AWS call so that a denied or failed call
 * becomes a finding instead of an exception (issue 4: "each discovery call that is denied becomes a finding").
 */
final class DiscoveryFindings {

    private final ImmutableList.Builder<DiscoveryFinding> findings = ImmutableList.builder();

    void add(String call, Level level, String message) {
        findings.add(new DiscoveryFinding(call, level, Kind.FACT, message));
    }

    /**
     * {@return the call's result, or empty when it was denied or failed, after adding a finding}
     *
     * @param call the IAM action of the call
     * @param unknown what stays unknown without it, e.g. {@code the region of results bucket "b"}
     */
    <T> Optional<T> call(String call, String unknown, Supplier<T> body) {
        try {
            return Optional.of(body.get());
        } catch (SdkException e) {
            if (AwsFailure.isAccessDenied(e)) {
                findings.add(new DiscoveryFinding(
                        call,
                        Level.WARNING,
                        Kind.DENIED,
                        call + " was denied, so " + unknown + " stays unknown (the caller needs " + call + "): "
                                + reason(e)));
            } else {
                findings.add(new DiscoveryFinding(
                        call,
                        Level.WARNING,
                        Kind.FAILED,
                        call + " failed, so " + unknown + " stays unknown and discovery is incomplete: "
                                + AwsFailure.describe(e, "")));
            }
        } catch (IllegalArgumentException e) {
            // The body only parses what the account answered (an ARN, a location): an answer we cannot use is an
            // incomplete discovery, never the user's bad input and never an internal error.
            findings.add(new DiscoveryFinding(
                    call,
                    Level.WARNING,
                    Kind.FAILED,
                    call + " answered with a value that cannot be used, so " + unknown
                            + " stays unknown and discovery is incomplete: " + e.getMessage()));
        }
        return Optional.empty();
    }

    ImmutableList<DiscoveryFinding> build() {
        return findings.build();
    }

    private static String reason(SdkException e) {
        String message = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorMessage()
                : null;
        return message == null || message.isBlank() ? e.getMessage() : message;
    }
}

package dev.leastpriv.validator;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.validator.DiscoveryFinding.Kind;
import dev.leastpriv.validator.DiscoveryFinding.Level;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Collects discovery findings in the order they arise, and runs each AWS call so that a denied or failed call
 * becomes a finding instead of an exception (issue 4: "each discovery call that is denied becomes a finding").
 */
final class Findings {

    // Error codes of a denial, by service: S3 "AccessDenied" (403); Athena, Glue, KMS, Lake Formation
    // "AccessDeniedException" (400 or 403). Any other 403 is a denial too, except the credential errors below.
    private static final ImmutableSet<String> DENIED =
            ImmutableSet.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
    // A 403 or 400 about the credentials themselves: nothing is known about the permissions (A15).
    private static final ImmutableSet<String> CREDENTIALS = ImmutableSet.of(
            "ExpiredToken",
            "ExpiredTokenException",
            "InvalidAccessKeyId",
            "InvalidClientTokenId",
            "InvalidToken",
            "RequestExpired",
            "SignatureDoesNotMatch",
            "UnrecognizedClientException");

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
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (isDenied(e.statusCode(), code)) {
                findings.add(new DiscoveryFinding(
                        call,
                        Level.WARNING,
                        Kind.DENIED,
                        call + " was denied, so " + unknown + " stays unknown (the caller needs " + call + "): "
                                + reason(e)));
            } else {
                findings.add(failed(
                        call,
                        unknown,
                        (code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code) + ": " + reason(e)));
            }
        } catch (SdkException e) {
            findings.add(failed(call, unknown, e.getMessage()));
        }
        return Optional.empty();
    }

    ImmutableList<DiscoveryFinding> build() {
        return findings.build();
    }

    static boolean isDenied(int status, @Nullable String code) {
        if (code != null && CREDENTIALS.contains(code)) {
            return false;
        }
        return status == 403 || (code != null && DENIED.contains(code));
    }

    private static DiscoveryFinding failed(String call, String unknown, String why) {
        return new DiscoveryFinding(
                call,
                Level.WARNING,
                Kind.FAILED,
                call + " failed, so " + unknown + " stays unknown and discovery is incomplete: " + why);
    }

    private static String reason(AwsServiceException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? e.getMessage() : message;
    }
}

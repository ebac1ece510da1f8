package dev.leastpriv.validator;

import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.InputRules;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed AWS call into a message a user can act on. Every such failure makes a check inconclusive; the
 * message says which class of failure it was, because the fixes differ (iam-reference.md §1.10 item 6). Shared by
 * the preflight and discovery packages; not meant for library users.
 */
public final class AwsFailure {

    // AwsErrorCode.THROTTLING_ERROR_CODES in the SDK, the ones IAM and the services read here return.
    private static final ImmutableSet<String> THROTTLING = ImmutableSet.of(
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "SlowDown");
    // A 403 or 400 about the credentials themselves says nothing about permissions (athena-connector-needs.md A15).
    private static final ImmutableSet<String> EXPIRED =
            ImmutableSet.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired");
    private static final ImmutableSet<String> INVALID = ImmutableSet.of(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "InvalidToken");
    // S3 "AccessDenied" (403); Athena, Glue, KMS, Lake Formation "AccessDeniedException" (400 or 403).
    private static final ImmutableSet<String> DENIED =
            ImmutableSet.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");

    private AwsFailure() {}

    /** {@return whether {@code e} is an access denial of the call itself, not a problem with the credentials} */
    public static boolean isAccessDenied(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = code(service);
        return !EXPIRED.contains(code)
                && !INVALID.contains(code)
                && (DENIED.contains(code) || service.statusCode() == 403);
    }

    /** {@return whether {@code e} is AWS throttling the call (after the client's retries ran out)} */
    public static boolean isThrottling(SdkException e) {
        return e instanceof AwsServiceException service && THROTTLING.contains(code(service));
    }

    /**
     * {@return whether {@code e} says the credentials themselves are expired or not valid, or that the call never
     * reached AWS (no credentials, network, timeout): every further call would fail the same way}
     */
    public static boolean isUnreachable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            return EXPIRED.contains(code) || INVALID.contains(code);
        }
        return true;
    }

    /** {@return AWS's error code of {@code e} (e.g. {@code AccessDeniedException}), or null when AWS gave none} */
    public static @Nullable String errorCode(SdkException e) {
        return e instanceof AwsServiceException service ? code(service) : null;
    }

    /** {@return AWS's error message of {@code e} as AWS wrote it (not escaped), or null when AWS gave none} */
    public static @Nullable String errorMessage(SdkException e) {
        return e instanceof AwsServiceException service ? message(service) : null;
    }

    /** {@return the exception that reports {@code action} failing, with {@code deniedHint} when it was denied} */
    public static ValidatorException of(String action, SdkException e, String deniedHint) {
        return new ValidatorException(action + " failed: " + describe(e, deniedHint), e);
    }

    /**
     * {@return the class of failure in one line, then AWS's words: throttled, the credentials expired or not valid
     * (with AWS's error code), access denied (then {@code deniedHint}), an AWS internal error, a network failure, no
     * credentials at all, a timeout; e.g. "throttled: Throttling (HTTP 400): Rate exceeded; …"}
     */
    public static String describe(SdkException e, String deniedHint) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            String detail = code + " (HTTP " + service.statusCode() + "): " + oneLine(message(service));
            if (THROTTLING.contains(code)) {
                return "throttled: " + detail + "; retries ran out, run again later";
            }
            if (EXPIRED.contains(code)) {
                return "the credentials have expired: " + detail + "; refresh them (for example aws sso login)"
                        + " and run again";
            }
            if (INVALID.contains(code)) {
                return "the credentials are not valid: " + detail + "; check the access key and secret, or the"
                        + " AWS profile (AWS_PROFILE)";
            }
            if (isAccessDenied(e)) {
                return "access denied: " + detail + deniedHint;
            }
            if (service.statusCode() >= 500) {
                return "AWS had an internal error: " + detail + "; retries ran out";
            }
            return detail;
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return "timed out: " + oneLine(e.getMessage());
        }
        Throwable network = networkCause(e);
        if (network != null) {
            return "network failure: cannot reach the AWS endpoint ("
                    + network.getClass().getSimpleName() + ": " + oneLine(network.getMessage())
                    + "); check the network, proxy and AWS_ENDPOINT_URL settings";
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials") || message.startsWith("Profile file contained no")) {
            // The SDK lists every provider of its chain and why each failed, about 1.5 KB: the fix is one line.
            String why = message.startsWith("Profile file") ? oneLine(message) + "; " : "";
            return "no AWS credentials found: " + why
                    + "set an AWS profile (AWS_PROFILE), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso"
                    + " login";
        }
        return oneLine(message);
    }

    private static @Nullable Throwable networkCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof SocketException) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The first line of {@code text}, at most 200 characters, control characters shown as escapes. */
    private static String oneLine(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return InputRules.excerpt(line);
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "HTTP" + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }
}

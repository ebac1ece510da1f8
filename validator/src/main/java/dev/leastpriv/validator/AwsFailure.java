package dev.leastpriv.validator;

import com.google.common.collect.ImmutableSet;
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

    /**
     * {@return an exception for a failed {@code action}; {@code deniedHint} is appended when the caller was denied
     * the action}
     */
    /** {@return the exception that reports {@code action} failing, with {@code deniedHint} when it was denied} */
    public static ValidatorException of(String action, SdkException e, String deniedHint) {
        return new ValidatorException(action + " failed: " + describe(e, deniedHint), e);
    }

    /** {@return the class of failure and AWS's words, e.g. "throttled: Throttling (HTTP 400): Rate exceeded; …"} */
    /** {@return a message for {@code e}: throttling, expired or invalid credentials, denied (with the hint), or other} */
    public static String describe(SdkException e, String deniedHint) {
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            String detail = code + " (HTTP " + service.statusCode() + "): " + message(service);
            if (THROTTLING.contains(code)) {
                return "throttled: " + detail + "; retries ran out, run again later";
            }
            if (EXPIRED.contains(code)) {
                return "the credentials have expired: " + detail + "; refresh them (for example aws sso login)"
                        + " and run again";
            }
            if (INVALID.contains(code)) {
                return "the credentials are not valid: " + detail;
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
            return "timed out: " + e.getMessage();
        }
        return e.getMessage();
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

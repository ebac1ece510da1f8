package dev.leastpriv.validator;

import com.google.common.collect.ImmutableSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed AWS call into a message a user can act on. Every such failure makes a check inconclusive; the
 * message says which class of failure it was, because the fixes differ (iam-reference.md §1.10 item 6).
 */
final class AwsFailure {

    // AwsErrorCode.THROTTLING_ERROR_CODES in the SDK, the ones IAM and the services read here return.
    private static final ImmutableSet<String> THROTTLING = ImmutableSet.of(
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "SlowDown");
    private static final ImmutableSet<String> EXPIRED =
            ImmutableSet.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired");
    private static final ImmutableSet<String> INVALID = ImmutableSet.of(
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidAccessKeyId");
    private static final ImmutableSet<String> DENIED =
            ImmutableSet.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

    private AwsFailure() {}

    /** {@return whether {@code e} is an access denial of the call itself} */
    static boolean isAccessDenied(SdkException e) {
        return e instanceof AwsServiceException service && DENIED.contains(code(service));
    }

    /**
     * {@return an exception for a failed {@code action}; {@code deniedHint} is appended when the caller was denied
     * the action}
     */
    static ValidatorException of(String action, SdkException e, String deniedHint) {
        return new ValidatorException(action + " failed: " + describe(e, deniedHint), e);
    }

    private static String describe(SdkException e, String deniedHint) {
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
            if (DENIED.contains(code) || service.statusCode() == 403) {
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

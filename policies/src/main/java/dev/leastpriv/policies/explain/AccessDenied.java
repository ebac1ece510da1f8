package dev.leastpriv.policies.explain;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Action;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One AccessDenied message as AWS printed it: the action, the resource, the principal, the cause, and the policy
 * when the message names one. Read from logs by {@link AccessDeniedParser}.
 *
 * <p>AWS's form is "User: <principal> is not authorized to perform: <action> on resource: <resource> because no
 * <type> allows the <action> action" or "… with an explicit deny in a <type>[: <policy ARN>]"
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html">IAM User Guide</a>).
 * Each part may be missing: {@code action} for S3's bare {@code 403 Access Denied}, {@code resource} when the
 * action has no resource types or the message names none, {@code principal} in Athena's "You are not authorized"
 * form.
 *
 * @param action the denied action, never a pattern; null when the message names none
 * @param resource the resource ARN as printed (quotes removed), or null when the message names none
 * @param principal the principal as printed ("User: …"), an ARN or a redacted placeholder, or null
 * @param cause the cause the message states
 * @param policyArn the policy the message names ("with an explicit deny in a service control policy: arn:…"), or null
 * @param errorCode the error code or wrapper seen around the message ({@code AccessDeniedException},
 *     {@code MetadataException}, {@code AccessDenied}, {@code 403} …), or null
 * @param operation the API operation the SDK reports ("when calling the GetTables operation"), or null
 * @param text the message itself, each run of white space (a wrapped line) as one space, at most
 *     {@link #TEXT_LIMIT} characters of it
 */
public record AccessDenied(
        @Nullable Action action,
        @Nullable String resource,
        @Nullable String principal,
        DenialCause cause,
        @Nullable String policyArn,
        @Nullable String errorCode,
        @Nullable String operation,
        String text) {

    /** The longest text kept of one message: the message, not the log around it. */
    public static final int TEXT_LIMIT = 1_000;

    /** The longest resource or principal kept: IAM's ARN limit ({@code ResourceNameType}, 2,048). */
    public static final int ARN_LIMIT = 2_048;

    public AccessDenied {
        checkNotNull(cause, "cause");
        checkNotNull(text, "text");
        checkArgument(action == null || !action.isWildcard(), "A denied action is one action, not \"%s\"", action);
        checkArgument(resource == null || token(resource), "resource must be one word of at most 2,048 characters");
        checkArgument(principal == null || token(principal), "principal must be one word of at most 2,048 characters");
        checkArgument(
                policyArn == null || (policyArn.startsWith("arn:") && token(policyArn)),
                "policyArn must be an ARN, not \"%s\"",
                policyArn);
        checkArgument(text.length() <= TEXT_LIMIT, "text is longer than %s characters", TEXT_LIMIT);
        checkArgument(
                action != null || cause == DenialCause.NO_DETAILS || cause == DenialCause.LAKE_FORMATION,
                "Only a message without details or a Lake Formation refusal names no action");
    }

    private static boolean token(String value) {
        if (value.isEmpty() || value.length() > ARN_LIMIT) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the IAM role behind the principal}: the role itself for a role ARN, and for an STS session
     * ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}) the ARN {@code arn:aws:iam::ACCOUNT:role/NAME}.
     * A session ARN drops the role's path (iam-reference.md §1.7), so the role ARN derived from it is right only
     * for a role at path {@code /}; {@link #roleFromSession()} says when that is the case.
     */
    public Optional<String> role() {
        String[] parts = arnParts(principal);
        if (parts == null) {
            return Optional.empty();
        }
        if (parts[2].equals("iam") && parts[5].startsWith("role/")) {
            return Optional.of(principal);
        }
        if (parts[2].equals("sts") && parts[5].startsWith("assumed-role/")) {
            String rest = parts[5].substring("assumed-role/".length());
            int slash = rest.indexOf('/');
            if (slash > 0 && slash < rest.length() - 1) {
                return Optional.of("arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + rest.substring(0, slash));
            }
        }
        return Optional.empty();
    }

    /** {@return whether {@link #role()} was derived from a session ARN, and so lacks the role's path} */
    public boolean roleFromSession() {
        String[] parts = arnParts(principal);
        return parts != null && parts[2].equals("sts") && role().isPresent();
    }

    /** {@return the 12-digit account of the principal's ARN, if it names one} */
    public Optional<String> principalAccount() {
        String[] parts = arnParts(principal);
        return parts == null || !twelveDigits(parts[4]) ? Optional.empty() : Optional.of(parts[4]);
    }

    private static String @Nullable [] arnParts(@Nullable String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts : null;
    }

    private static boolean twelveDigits(String text) {
        if (text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

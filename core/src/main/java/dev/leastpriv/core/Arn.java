package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:<partition>:<service>:<region>:<account>:<resource>}.
 *
 * <p>An absent region or account is {@code ""}, exactly as in the ARN grammar ({@code arn:aws:s3:::bucket},
 * {@code arn:aws:iam::123456789012:role/r}); {@link #toString()} is the canonical text and
 * {@code Arn.parse(arn.toString()).equals(arn)} always holds. See
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html">IAM identifiers</a>.
 */
public record Arn(Partition partition, String service, String region, String account, String resource) {

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]+");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]*");
    // 12 digits; "aws" appears in AWS managed policy ARNs (arn:aws:iam::aws:policy/…).
    private static final Pattern ACCOUNT = Pattern.compile("|\\d{12}|aws");

    public Arn {
        checkNotNull(partition, "partition");
        checkNotNull(service, "service");
        checkNotNull(region, "region");
        checkNotNull(account, "account");
        checkNotNull(resource, "resource");
        checkArgument(
                SERVICE.matcher(service).matches(),
                "Invalid service \"%s\" in ARN: expected lowercase letters, digits or '-'",
                service);
        checkArgument(
                REGION.matcher(region).matches(),
                "Invalid region \"%s\" in ARN: expected lowercase letters, digits or '-', or empty",
                region);
        checkArgument(
                ACCOUNT.matcher(account).matches(),
                "Invalid account \"%s\" in ARN: expected 12 digits, or empty",
                account);
        checkArgument(!resource.isEmpty(), "ARN resource must not be empty");
        checkArgument(
                PolicyText.isPolicyText(resource),
                "Invalid ARN resource \"%s\": only printable characters U+0020 to U+00FF are allowed in a policy",
                resource);
    }

    /** {@return whether {@code text} is an ARN that {@link #parse} accepts} */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses {@code arn:<partition>:<service>:<region>:<account>:<resource>}; the inverse of {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is not an ARN
     */
    public static Arn parse(String text) {
        checkNotNull(text, "text");
        String[] parts = text.split(":", 6);
        checkArgument(
                parts.length == 6 && parts[0].equals("arn"),
                "Invalid ARN \"%s\": expected 6 colon-separated parts \"arn:<partition>:<service>:<region>:<account>:"
                        + "<resource>\"",
                text);
        return new Arn(Partition.of(parts[1]), parts[2], parts[3], parts[4], parts[5]);
    }

    /** {@return whether the ARN names a region} */
    public boolean hasRegion() {
        return !region.isEmpty();
    }

    /** {@return whether the ARN names an account} */
    public boolean hasAccount() {
        return !account.isEmpty();
    }

    @Override
    public String toString() {
        return "arn:" + partition.id() + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}

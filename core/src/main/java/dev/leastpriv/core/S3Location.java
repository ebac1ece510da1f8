package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * An S3 location {@code s3://bucket/prefix/}: the bucket, and a prefix that is empty or ends with {@code /}.
 *
 * <p>The bucket follows S3's naming rules for general purpose buckets (iam-reference.md §5). The prefix allows
 * only S3's safe characters plus {@code =} (Hive partition folders such as {@code dt=2024-01-01/}), and never
 * {@code *}, {@code ?} or {@code $}, which would become wildcards or policy variables in the object ARN.
 */
public record S3Location(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)"
            + "(?!\\d{1,3}(\\.\\d{1,3}){3}$)(?!.*(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$)"
            + "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.'()=/-]*");
    private static final String BUCKET_RULE = "expected an S3 bucket name: 3-63 characters of lowercase letters,"
            + " digits, '.' and '-', starting and ending with a letter or digit, without '..', not formatted as an"
            + " IP address, not starting with xn--, sthree- or amzn-s3-demo- and not ending with -s3alias, --ol-s3,"
            + " .mrap, --x-s3 or --table-s3";
    private static final int MAX_KEY_BYTES = 1024;
    private static final String PREFIX_RULE = "the prefix may hold at most 1,024 letters, digits and ! _ . ' ( ) = / -"
            + " (S3's longest key), with no empty, '.' or '..' folder (a '*', '?' or '$' would act as a wildcard or variable in the policy)";

    public S3Location {
        checkNotNull(bucket, "bucket");
        checkNotNull(prefix, "prefix");
        InputRules.check(BUCKET.matcher(bucket).matches(), "bucket", bucket, BUCKET_RULE);
        InputRules.check(
                prefix.isEmpty() || (prefix.endsWith("/") && validPrefix(prefix)),
                "prefix",
                prefix,
                PREFIX_RULE + ", ending with '/'");
    }

    /**
     * Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/prefix[/]}; a prefix without a final
     * slash is taken as a folder, as Athena treats its output location.
     *
     * @param field the flag or config field the URI came from, named in errors
     * @throws IllegalArgumentException naming the field, the value and the rule it breaks
     */
    public static S3Location parse(String field, String uri) {
        checkNotNull(field, "field");
        checkNotNull(uri, "uri");
        InputRules.check(uri.startsWith("s3://"), field, uri, "expected an S3 URI \"s3://bucket/prefix/\"");
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        InputRules.check(BUCKET.matcher(bucket).matches(), field, uri, BUCKET_RULE);
        InputRules.check(validPrefix(prefix), field, uri, PREFIX_RULE);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Location(bucket, prefix);
    }

    private static boolean validPrefix(String prefix) {
        // An S3 key is at most 1,024 bytes of UTF-8 (the prefix alphabet is ASCII: one byte a character); a longer
        // prefix names no object at all.
        if (prefix.length() > MAX_KEY_BYTES || !PREFIX.matcher(prefix).matches()) {
            return false;
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty()) {
            return prefix.isEmpty();
        }
        for (String folder : trimmed.split("/", -1)) {
            if (folder.isEmpty() || folder.equals(".") || folder.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}

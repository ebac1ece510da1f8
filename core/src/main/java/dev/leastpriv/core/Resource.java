package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ascii;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value of a {@code Resource} or {@code NotResource} element: {@code *}, an ARN, or an ARN pattern with
 * {@code *}, {@code ?} or policy variables such as {@code arn:aws:glue:eu-west-1:123456789012:table/sales/*}.
 *
 * <p>{@code *} and {@code ?} are wildcards here, and {@code ${…}} is substituted at evaluation time (see
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource</a>),
 * which is why leastpriv builds patterns only from validated names.
 */
public record Resource(String pattern) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    /** Every resource, {@code "Resource": "*"}. */
    public static final Resource ALL = new Resource("*");

    public Resource {
        checkNotNull(pattern, "pattern");
        checkArgument(
                PolicyText.isPolicyText(pattern),
                "Invalid resource \"%s\": only printable characters U+0020 to U+00FF are allowed in a policy",
                pattern);
        if (!pattern.equals("*")) {
            String problem = arnProblem(pattern);
            checkArgument(problem == null, "Invalid resource \"%s\": %s", pattern, problem);
        }
    }

    /**
     * What IAM refuses in a resource ARN pattern, or null. "You can't use a wildcard in the service segment", and
     * "if the {@code *} wildcard is the last character of a resource ARN segment, it can expand to match beyond the
     * colon boundaries" (IAM User Guide, Resource element, "Using wildcards in resource ARNs"): so
     * {@code arn:aws:cloudfront:*} and {@code arn:aws:glue:us-east-1:1234*} are valid, while a pattern with fewer
     * than six fields that does not end with {@code *} names no ARN.
     */
    private static @Nullable String arnProblem(String pattern) {
        String[] parts = pattern.split(":", 6);
        String expected = "expected \"*\" or an ARN \"arn:<partition>:<service>:<region>:<account>:<resource>\"";
        if (!parts[0].equals("arn") || parts.length < 3 || parts[2].isEmpty()) {
            return expected;
        }
        if (parts[2].indexOf('*') >= 0 || parts[2].indexOf('?') >= 0) {
            return "IAM allows no wildcard in the service segment (\"" + parts[2] + "\"); " + expected;
        }
        if (parts.length < 6 && !pattern.endsWith("*")) {
            return expected + ", or fewer fields ending with \"*\" (such as \"arn:aws:" + parts[2] + ":*\")";
        }
        return null;
    }

    /**
     * {@return whether this is an ARN pattern of fewer than six fields ending with {@code *}, which matches every ARN
     * whose first fields match, the last one as a prefix} ({@code arn:aws:glue:us-east-1:1234*} is
     * {@code arn:aws:glue:us-east-1:1234*:*})
     */
    public boolean isShortPattern() {
        return !pattern.equals("*") && pattern.split(":", 6).length < 6;
    }

    /** {@return the resource that names exactly this ARN} */
    public static Resource of(Arn arn) {
        return new Resource(arn.toString());
    }

    /**
     * Parses {@code *} or an ARN pattern; the inverse of {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static Resource parse(String text) {
        return new Resource(text);
    }

    /** {@return whether the pattern holds {@code *} or {@code ?} and so can match more than one ARN} */
    public boolean isWildcard() {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /**
     * {@return whether every ARN that {@code other} can match, this pattern matches too} Both are patterns: a grant
     * {@code arn:aws:glue:*:*:catalog} is covered by {@code arn:aws:glue:*:*:*} but not by
     * {@code arn:aws:glue:eu-west-1:*:catalog}. Segment by segment as IAM matches them (partition, service, region
     * and account ignoring case; a short pattern ending with {@code *} as if padded with {@code *}); a policy variable
     * in {@code other} stands for any value. The answer errs towards "not covered": {@code true} is always right,
     * {@code false} can miss a cover in rare shapes where a {@code ?} of this pattern lines up with a {@code *} of
     * {@code other} ({@code ?*} covers {@code *?}).
     */
    public boolean covers(Resource other) {
        checkNotNull(other, "other");
        if (equals(ALL)) {
            return true;
        }
        if (other.equals(ALL)) {
            return false;
        }
        String[] mine = segments();
        String[] theirs = other.segments();
        for (int i = 0; i < 6; i++) {
            if (!globCovers(mine[i], anyVariable(theirs[i]), i > 0 && i < 5)) {
                return false;
            }
        }
        return true;
    }

    /** The six segments; a short pattern's missing ones are {@code *}. */
    private String[] segments() {
        String[] parts = pattern.split(":", 6);
        String[] six = Arrays.copyOf(parts, 6);
        Arrays.fill(six, parts.length, 6, "*");
        return six;
    }

    /** A policy variable ({@code ${aws:username}}) can take any value, as a {@code *} does. */
    private static String anyVariable(String segment) {
        return segment.indexOf("${") < 0 ? segment : VARIABLE.matcher(segment).replaceAll("*");
    }

    /**
     * Whether glob {@code outer} matches every string glob {@code inner} matches, by aligning them: a {@code *} of
     * {@code inner} only against a {@code *} of {@code outer}, a {@code ?} against {@code ?} or {@code *}.
     */
    private static boolean globCovers(String outer, String inner, boolean ignoreCase) {
        int n = outer.length();
        int m = inner.length();
        // can[i][j]: outer[i..] covers inner[j..]
        boolean[][] can = new boolean[n + 1][m + 1];
        can[n][m] = true;
        for (int i = n - 1; i >= 0; i--) {
            char o = outer.charAt(i);
            for (int j = m; j >= 0; j--) {
                if (o == '*') {
                    can[i][j] = can[i + 1][j] || (j < m && can[i][j + 1]);
                } else if (j == m) {
                    can[i][j] = false;
                } else {
                    char c = inner.charAt(j);
                    boolean same = o == '?'
                            ? c != '*'
                            : c != '*'
                                    && c != '?'
                                    && (ignoreCase ? Ascii.toLowerCase(o) == Ascii.toLowerCase(c) : o == c);
                    can[i][j] = same && can[i + 1][j + 1];
                }
            }
        }
        return can[0][0];
    }

    @Override
    public String toString() {
        return pattern;
    }
}

package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The value of a {@code Resource} or {@code NotResource} element: {@code *}, an ARN, or an ARN pattern with
 * {@code *}, {@code ?} or policy variables such as {@code arn:aws:glue:eu-west-1:123456789012:table/sales/*}.
 *
 * <p>{@code *} and {@code ?} are wildcards here, and {@code ${…}} is substituted at evaluation time (see
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource</a>),
 * which is why leastpriv builds patterns only from validated names.
 */
public record Resource(String pattern) {

    /** Every resource, {@code "Resource": "*"}. */
    public static final Resource ALL = new Resource("*");

    public Resource {
        checkNotNull(pattern, "pattern");
        checkArgument(
                pattern.equals("*") || (pattern.startsWith("arn:") && pattern.split(":", 6).length == 6),
                "Invalid resource \"%s\": expected \"*\" or an ARN \"arn:<partition>:<service>:<region>:<account>:"
                        + "<resource>\"",
                pattern);
        checkArgument(
                PolicyText.isPolicyText(pattern),
                "Invalid resource \"%s\": only printable characters U+0020 to U+00FF are allowed in a policy",
                pattern);
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

    @Override
    public String toString() {
        return pattern;
    }
}

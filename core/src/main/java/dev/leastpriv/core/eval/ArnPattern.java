package dev.leastpriv.core.eval;

import org.jspecify.annotations.Nullable;

/**
 * An ARN pattern matched segment by segment, as IAM matches {@code Resource} and {@code ArnLike}: the partition,
 * service, region and account segments and the resource segment each match on their own, so a {@code *} in the
 * region never reaches into the account. A pattern with fewer than six segments (such as
 * {@code arn:aws:lambda:us-*}) matches as one glob over the whole ARN: "if the {@code *} wildcard is the last
 * character of a resource ARN segment, it can expand to match beyond the colon boundaries"
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource</a>).
 */
final class ArnPattern {

    private final Glob @Nullable [] segments; // 6 segments, or null when matched whole
    private final Glob whole;

    private ArnPattern(Glob @Nullable [] segments, Glob whole) {
        this.segments = segments;
        this.whole = whole;
    }

    /**
     * @param caseInsensitiveHead whether partition, service, region and account compare case-insensitively
     *     (Resource elements) or not (ArnLike conditions)
     */
    static ArnPattern of(Template.Resolved pattern, boolean caseInsensitiveHead) {
        String text = pattern.text();
        int[] colons = colons(text);
        Glob whole = Glob.of(text, pattern.wild(), 0, text.length(), false);
        if (colons == null) {
            return new ArnPattern(null, whole);
        }
        Glob[] segments = new Glob[6];
        int from = 0;
        for (int i = 0; i < 6; i++) {
            int to = i < 5 ? colons[i] : text.length();
            segments[i] = Glob.of(text, pattern.wild(), from, to, caseInsensitiveHead && i > 0 && i < 5);
            from = to + 1;
        }
        return new ArnPattern(segments, whole);
    }

    boolean matches(String arn) {
        if (segments == null) {
            return whole.matches(arn);
        }
        int from = 0;
        for (int i = 0; i < 6; i++) {
            int to = i < 5 ? arn.indexOf(':', from) : arn.length();
            if (to < 0) {
                return false;
            }
            if (!segments[i].matches(arn, from, to)) {
                return false;
            }
            from = to + 1;
        }
        return true;
    }

    /** {@return the positions of the first five colons, or null if there are fewer} */
    private static int @Nullable [] colons(String text) {
        int[] colons = new int[5];
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int at = text.indexOf(':', from);
            if (at < 0) {
                return null;
            }
            colons[i] = at;
            from = at + 1;
        }
        return colons;
    }
}

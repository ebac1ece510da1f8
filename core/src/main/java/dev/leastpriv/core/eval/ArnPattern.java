package dev.leastpriv.core.eval;

import org.jspecify.annotations.Nullable;

/**
 * An ARN pattern matched segment by segment, as IAM matches {@code Resource} and {@code ArnLike}: the partition,
 * service, region and account segments and the resource segment each match on their own, so a {@code *} in the
 * region never reaches into the account. "If the {@code *} wildcard is the last character of a resource ARN segment,
 * it can expand to match beyond the colon boundaries"
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource</a>):
 * a pattern of fewer than six segments ending with {@code *} (such as {@code arn:aws:glue:us-east-1:1234*}) matches
 * as if the missing segments were {@code *}. Any other pattern with fewer than six segments matches as one glob over
 * the whole value (an {@code ArnLike} value such as {@code *}).
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
        Glob whole = Glob.of(text, pattern.wild(), 0, text.length(), false);
        int present = Math.min(6, count(text, ':') + 1);
        // Three fields at least: IAM refuses a pattern without a service segment (Resource's own check).
        if (present < 6 && !(present >= 3 && endsWithWildcard(pattern))) {
            return new ArnPattern(null, whole);
        }
        Glob[] segments = new Glob[6];
        int from = 0;
        for (int i = 0; i < 6; i++) {
            if (i >= present) {
                segments[i] = ANY;
                continue;
            }
            int to = i < present - 1 ? text.indexOf(':', from) : text.length();
            segments[i] = Glob.of(text, pattern.wild(), from, to, caseInsensitiveHead && i > 0 && i < 5);
            from = to + 1;
        }
        return new ArnPattern(segments, whole);
    }

    private static final Glob ANY = Glob.of("*", false);

    private static boolean endsWithWildcard(Template.Resolved pattern) {
        int last = pattern.text().length() - 1;
        return last >= 0 && pattern.text().charAt(last) == '*' && pattern.wild()[last];
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
            n++;
        }
        return n;
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
}

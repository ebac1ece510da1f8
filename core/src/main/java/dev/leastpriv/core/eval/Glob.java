package dev.leastpriv.core.eval;

import java.util.Locale;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (also empty, also {@code /} and {@code :}),
 * {@code ?} exactly one. Which characters are wildcards is kept per position, so a {@code *} that came from a
 * policy variable's value or a {@code ${*}} escape stays literal. Matching allocates nothing.
 */
final class Glob {

    private final char[] chars;
    private final boolean[] wild;
    private final boolean ignoreCase;
    private final boolean hasWildcard;

    private Glob(char[] chars, boolean[] wild, boolean ignoreCase) {
        this.chars = chars;
        this.wild = wild;
        this.ignoreCase = ignoreCase;
        boolean any = false;
        for (boolean w : wild) {
            any |= w;
        }
        this.hasWildcard = any;
    }

    /** {@code *} and {@code ?} in {@code text} are wildcards. */
    static Glob of(String text, boolean ignoreCase) {
        String source = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        char[] chars = source.toCharArray();
        boolean[] wild = new boolean[chars.length];
        for (int i = 0; i < chars.length; i++) {
            wild[i] = chars[i] == '*' || chars[i] == '?';
        }
        return new Glob(chars, wild, ignoreCase);
    }

    /** Every character of {@code text} is literal. */
    static Glob literal(String text, boolean ignoreCase) {
        String source = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        return new Glob(source.toCharArray(), new boolean[source.length()], ignoreCase);
    }

    /** From {@code text[from, to)}: characters with {@code wild[i]} set are wildcards. */
    static Glob of(CharSequence text, boolean[] wild, int from, int to, boolean ignoreCase) {
        char[] chars = new char[to - from];
        boolean[] mask = new boolean[to - from];
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            chars[i - from] = ignoreCase ? Character.toLowerCase(c) : c;
            mask[i - from] = wild[i];
        }
        return new Glob(chars, mask, ignoreCase);
    }

    boolean hasWildcard() {
        return hasWildcard;
    }

    /** {@return whether {@code input} matches}, comparing case-insensitively if the glob was built so */
    boolean matches(String input) {
        return matches(input, 0, input.length());
    }

    /** Matches the region {@code input[from, to)}. */
    boolean matches(String input, int from, int to) {
        int p = 0;
        int s = from;
        int starP = -1;
        int starS = from;
        int m = chars.length;
        while (s < to) {
            if (p < m
                    && !(wild[p] && chars[p] == '*')
                    && ((wild[p] && chars[p] == '?') || same(chars[p], input.charAt(s)))) {
                p++;
                s++;
            } else if (p < m && wild[p] && chars[p] == '*') {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && wild[p] && chars[p] == '*') {
            p++;
        }
        return p == m;
    }

    private boolean same(char pattern, char input) {
        return pattern == input || (ignoreCase && pattern == Character.toLowerCase(input));
    }

    @Override
    public String toString() {
        return new String(chars);
    }
}

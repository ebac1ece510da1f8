package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A pattern over strings made of single characters and repeated characters, each from a character class; the common
 * form of an IAM wildcard pattern ({@code *}, {@code ?}) and of an ARN format from the Service Authorization
 * Reference ({@code ${BucketName}}).
 *
 * <p>{@link #overlaps(TokenPattern)} decides whether some string matches both patterns, which is how the catalog tells
 * whether a policy's resource pattern can name a resource type at all. Both patterns become automata whose states
 * are token positions; the product automaton is searched for a path to the end of both. Each state pair is
 * visited once, so the check is {@code O(n * m)} for patterns of {@code n} and {@code m} tokens.
 */
final class TokenPattern {

    /** Characters a name variable such as {@code ${BucketName}} never holds: the ARN and path separators. */
    private static final String NAME_SEPARATORS = ":/";

    /**
     * Variables whose value may hold {@code /} and {@code :}: S3 object keys, IAM names with a path, KMS alias names
     * ({@code alias/aws/s3}), and Glue catalog and database names, which hold the parent catalog for nested
     * catalogs ({@code database/s3tablescatalog/bucket/namespace}), and Glue connection names, which AWS writes with
     * a colon ({@code connection/aws:s3tables} in SageMakerStudioProjectProvisioningRolePolicy). Names ending in {@code Path}
     * ({@code ${RoleNameWithPath}}, {@code ${EntityPath}}) are paths too. Every other variable is one path segment.
     * Keyed by name only, so Lambda's {@code ${Alias}} and EventBridge's {@code ${ConnectionName}} are paths too: a
     * match there is only more lenient, never stricter.
     */
    private static final ImmutableSet<String> PATH_VARIABLES =
            ImmutableSet.of("ObjectName", "Alias", "CatalogName", "DatabaseName", "ConnectionName");

    private final ImmutableList<Token> tokens;

    private TokenPattern(List<Token> tokens) {
        this.tokens = ImmutableList.copyOf(tokens);
    }

    /**
     * {@return an IAM wildcard pattern} {@code *} is any run of characters, {@code ?} any one character, and
     * {@code ${*}}, {@code ${?}}, {@code ${$}} stand for the literal character. Any other {@code ${…}} is a policy
     * variable whose value is only known when a request is evaluated, so it may be any run of characters.
     */
    static TokenPattern wildcardPattern(String pattern) {
        checkNotNull(pattern, "pattern");
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = variableEnd(pattern, i);
            if (close > 0) {
                String variable = pattern.substring(i + 2, close);
                if (variable.equals("*") || variable.equals("?") || variable.equals("$")) {
                    tokens.add(Token.one(CharClass.literal(variable.charAt(0))));
                } else {
                    tokens.add(Token.many(CharClass.ANY));
                }
                i = close + 1;
            } else {
                tokens.add(
                        c == '*'
                                ? Token.many(CharClass.ANY)
                                : c == '?' ? Token.one(CharClass.ANY) : Token.one(CharClass.literal(c)));
                i++;
            }
        }
        return new TokenPattern(tokens);
    }

    /**
     * {@return an ARN format (or part of one) from the Service Authorization Reference} Each {@code ${Variable}}
     * stands for one or more characters: any character for the path variables, any character except {@code :} and
     * {@code /} for the others. {@code *} and {@code ?} are literal here.
     */
    static TokenPattern arnFormat(String format) {
        checkNotNull(format, "format");
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < format.length()) {
            int close = variableEnd(format, i);
            if (close > 0) {
                String variable = format.substring(i + 2, close);
                CharClass value = isPathVariable(variable) ? CharClass.ANY : CharClass.anyExcept(NAME_SEPARATORS);
                tokens.add(Token.one(value));
                tokens.add(Token.many(value));
                i = close + 1;
            } else {
                tokens.add(Token.one(CharClass.literal(format.charAt(i))));
                i++;
            }
        }
        return new TokenPattern(tokens);
    }

    /** {@return a pattern that matches exactly {@code text}} */
    static TokenPattern literal(String text) {
        checkNotNull(text, "text");
        var tokens = new ArrayList<Token>();
        for (int i = 0; i < text.length(); i++) {
            tokens.add(Token.one(CharClass.literal(text.charAt(i))));
        }
        return new TokenPattern(tokens);
    }

    /**
     * {@return whether at least one string matches both this pattern and {@code other}} A search over the pairs of
     * positions (i in this pattern, j in the other) reachable by reading the same characters. Packing asks this for
     * every ARN against every ARN format of an action, so the visited marks and the stack are per-thread scratch
     * arrays (a generation number marks a pair as seen, so nothing is cleared between calls): no allocation per call.
     */
    boolean overlaps(TokenPattern other) {
        checkNotNull(other, "other");
        int n = tokens.size();
        int m = other.tokens.size();
        int columns = m + 1;
        Scratch scratch = SCRATCH.get();
        int generation = scratch.begin((n + 1) * columns);
        int[] seen = scratch.seen;
        int[] stack = scratch.stack;
        int top = 0;
        seen[0] = generation;
        stack[top++] = 0;
        while (top > 0) {
            int state = stack[--top];
            int i = state / columns;
            int j = state % columns;
            if (i == n && j == m) {
                return true;
            }
            @Nullable Token a = i < n ? tokens.get(i) : null;
            @Nullable Token b = j < m ? other.tokens.get(j) : null;
            // A repeated token may also match nothing.
            if (a != null && a.repeated()) {
                top = visit(seen, stack, top, generation, (i + 1) * columns + j);
            }
            if (b != null && b.repeated()) {
                top = visit(seen, stack, top, generation, i * columns + j + 1);
            }
            // Both patterns read the same next character: it must lie in both classes.
            if (a != null && b != null && a.chars().intersects(b.chars())) {
                top = visit(
                        seen,
                        stack,
                        top,
                        generation,
                        (a.repeated() ? i : i + 1) * columns + (b.repeated() ? j : j + 1));
            }
        }
        return false;
    }

    /** Marks {@code state} seen and pushes it, once; {@return the new stack top} */
    private static int visit(int[] seen, int[] stack, int top, int generation, int state) {
        if (seen[state] == generation) {
            return top;
        }
        seen[state] = generation;
        stack[top] = state;
        return top + 1;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's search arrays; every state is pushed at most once, so a stack of {@code size} suffices. */
    private static final class Scratch {
        int[] seen = new int[256];
        int[] stack = new int[256];
        int generation;

        /** {@return a fresh generation, the arrays holding at least {@code size} states} */
        int begin(int size) {
            if (seen.length < size) {
                seen = new int[size];
                stack = new int[size];
            }
            generation++;
            if (generation == 0) { // wrapped: old marks could collide
                java.util.Arrays.fill(seen, 0);
                generation = 1;
            }
            return generation;
        }
    }

    /** {@return whether {@code text} matches this pattern} */
    boolean matches(String text) {
        return overlaps(literal(text));
    }

    private static boolean isPathVariable(String variable) {
        return PATH_VARIABLES.contains(variable) || variable.endsWith("Path");
    }

    /** {@return the index of the '}' closing a {@code ${…}} that starts at {@code start}, or -1} */
    private static int variableEnd(String text, int start) {
        if (!text.startsWith("${", start)) {
            return -1;
        }
        int close = text.indexOf('}', start + 2);
        return close > start + 2 ? close : -1;
    }

    /** One pattern position: one character of a class, or any number (zero included) of them. */
    private record Token(CharClass chars, boolean repeated) {

        static Token one(CharClass chars) {
            return new Token(chars, false);
        }

        static Token many(CharClass chars) {
            return new Token(chars, true);
        }
    }

    /** A set of characters: exactly one character, or every character except a few. */
    private record CharClass(boolean isLiteral, char literal, String excluded) {

        static final CharClass ANY = new CharClass(false, '\0', "");

        CharClass {
            checkNotNull(excluded, "excluded");
            checkArgument(!isLiteral || excluded.isEmpty(), "a literal class excludes nothing");
        }

        static CharClass literal(char c) {
            return new CharClass(true, c, "");
        }

        static CharClass anyExcept(String excluded) {
            return new CharClass(false, '\0', excluded);
        }

        boolean contains(char c) {
            return isLiteral ? literal == c : excluded.indexOf(c) < 0;
        }

        /**
         * Two "all but a few" classes always share a character: the alphabet is far larger than what they exclude.
         */
        boolean intersects(CharClass other) {
            if (isLiteral) {
                return other.contains(literal);
            }
            return !other.isLiteral || contains(other.literal);
        }
    }
}

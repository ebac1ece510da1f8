package dev.leastpriv.core.eval;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Text with policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'default'}}) and the
 * escapes {@code ${*}}, {@code ${?}}, {@code ${$}} for a literal {@code *}, {@code ?} and {@code $}
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html">policy variables</a>).
 * A variable's value is always literal text: a {@code *} in a user name never becomes a wildcard.
 *
 * <p>Under policy version 2008-10-17 there are no variables; {@link #literalText} keeps {@code ${…}} as written.
 */
final class Template {

    /** One piece: literal text (wildcards allowed if {@code pattern}), an escaped literal, or a variable. */
    record Part(String text, boolean variable, @Nullable String fallback, boolean escaped) {}

    private final ImmutableList<Part> parts;
    private final boolean hasVariables;

    private Template(ImmutableList<Part> parts) {
        this.parts = parts;
        this.hasVariables = parts.stream().anyMatch(p -> p.variable() || p.escaped());
    }

    /** Text taken as written (policy version 2008-10-17, or an element where variables are not allowed). */
    static Template literalText(String text) {
        return new Template(ImmutableList.of(new Part(text, false, null, false)));
    }

    /** Parses {@code ${…}} variables; an unterminated {@code ${} is literal text, as AWS leaves it. */
    static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            int end = start < 0 ? -1 : text.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, start);
            String body = text.substring(start + 2, end).trim();
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), false, null, false));
                literal.setLength(0);
            }
            if (body.equals("*") || body.equals("?") || body.equals("$")) {
                parts.add(new Part(body, false, null, true));
            } else {
                String name = body;
                String fallback = null;
                int comma = body.indexOf(',');
                if (comma >= 0) {
                    name = body.substring(0, comma).trim();
                    String value = body.substring(comma + 1).trim();
                    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                        fallback = value.substring(1, value.length() - 1);
                    } else {
                        fallback = value;
                    }
                }
                parts.add(new Part(name.toLowerCase(Locale.ROOT), true, fallback, false));
            }
            i = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false, null, false));
        }
        return new Template(ImmutableList.copyOf(parts));
    }

    boolean hasVariables() {
        return hasVariables;
    }

    ImmutableList<Part> parts() {
        return parts;
    }

    /** Resolved text and, per character, whether it is a wildcard. */
    record Resolved(String text, boolean[] wild) {}

    /**
     * {@return the text with variables resolved from {@code context}, or null if a variable has no value and no
     * default (AWS: the element then matches nothing)}
     *
     * @param wildcards whether {@code *} and {@code ?} in the literal parts are wildcards
     * @param missing receives the names of variables without a value
     */
    @Nullable
    Resolved resolve(RequestContext context, boolean wildcards, List<String> missing) {
        StringBuilder text = new StringBuilder();
        boolean[] wild = new boolean[16];
        for (Part part : parts) {
            String piece;
            boolean pieceWild;
            if (part.variable()) {
                String value = context.single(part.text());
                if (value == null) {
                    value = part.fallback();
                }
                if (value == null) {
                    missing.add(part.text());
                    return null;
                }
                piece = value;
                pieceWild = false;
            } else {
                piece = part.text();
                pieceWild = wildcards && !part.escaped();
            }
            if (wild.length < text.length() + piece.length()) {
                wild = Arrays.copyOf(wild, Math.max(wild.length * 2, text.length() + piece.length()));
            }
            for (int c = 0; c < piece.length(); c++) {
                char ch = piece.charAt(c);
                wild[text.length() + c] = pieceWild && (ch == '*' || ch == '?');
            }
            text.append(piece);
        }
        return new Resolved(text.toString(), Arrays.copyOf(wild, text.length()));
    }

    /**
     * {@return the pattern with every variable taken as {@code *}}: what the entry could match for some value of its
     * variables; escapes stay literal
     */
    Resolved withVariablesAsWildcards() {
        StringBuilder text = new StringBuilder();
        List<Boolean> wild = new ArrayList<>();
        for (Part part : parts) {
            String piece = part.variable() ? "*" : part.text();
            for (int c = 0; c < piece.length(); c++) {
                char ch = piece.charAt(c);
                wild.add(part.variable() || (!part.escaped() && (ch == '*' || ch == '?')));
            }
            text.append(piece);
        }
        boolean[] mask = new boolean[wild.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = wild.get(i);
        }
        return new Resolved(text.toString(), mask);
    }

    /** {@return the literal text as a pattern: {@code *} and {@code ?} are wildcards; no variables resolved} */
    Resolved asPattern() {
        String text = parts.stream().map(Part::text).collect(java.util.stream.Collectors.joining());
        boolean[] wild = new boolean[text.length()];
        for (int i = 0; i < wild.length; i++) {
            wild[i] = text.charAt(i) == '*' || text.charAt(i) == '?';
        }
        return new Resolved(text, wild);
    }

    /** {@return the text with variables resolved, or null if one has no value} (for non-pattern comparisons) */
    @Nullable
    String resolveText(RequestContext context, List<String> missing) {
        Resolved resolved = resolve(context, false, missing);
        return resolved == null ? null : resolved.text();
    }
}

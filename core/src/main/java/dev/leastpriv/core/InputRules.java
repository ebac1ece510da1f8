package dev.leastpriv.core;

import com.google.common.base.Strings;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Input rules for the names users give (iam-reference.md §5, §6), shared by every module that takes them, so the
 * rules cannot drift apart. A name that fails them is rejected, never escaped: a {@code *}, {@code ?}, {@code ${},
 * quote or slash in a name would widen or break an ARN.
 */
public final class InputRules {

    /** Athena {@code WorkGroupName}: {@code [a-zA-Z0-9._-]{1,128}}. */
    public static final Pattern WORKGROUP = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** Athena data catalog: 127 letters, digits, '_', '@' or '-' (the rest of the 256 is reserved). */
    public static final Pattern CATALOG = Pattern.compile("[A-Za-z0-9_@-]{1,127}");
    /**
     * Glue database as typed, before folding to lowercase; ASCII only, so no character folds into a letter (the
     * Kelvin sign U+212A lowercases to 'k'). '-' is common in practice (AWS's own LF examples use it).
     */
    public static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    /**
     * The resource of an IAM principal ARN: {@code root}, or {@code role/} or {@code user/}, a path and a name of
     * IAM's characters {@code [\\w+=,.@-]}; never '*', '?', '$', quotes or spaces (a trailing space would name
     * another, nonexistent role).
     */
    public static final Pattern IAM_PRINCIPAL =
            Pattern.compile("root|(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}");

    /** {@return whether {@code region} is a region of {@code partition}, as the region part of an ARN must be} */
    public static boolean regionOf(Partition partition, String region) {
        return Partition.forRegion(region).map(partition::equals).orElse(false);
    }
    /** Lambda function name. */
    public static final Pattern LAMBDA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Lambda version or alias qualifier. */
    public static final Pattern LAMBDA_QUALIFIER = Pattern.compile("\\$LATEST|[A-Za-z0-9_-]{1,128}");

    private InputRules() {}

    /**
     * Throws {@code IllegalArgumentException} with the message of {@link #invalid} unless {@code ok}; the message
     * is built only on failure.
     */
    public static void check(boolean ok, String field, String value, String rule) {
        if (!ok) {
            throw new InvalidInputException(invalid(field, value, rule));
        }
    }

    /**
     * Checks user input that spans fields (a partition against a region, a feature against the profile).
     *
     * @param template a message with {@code %s} placeholders, as Guava's {@code checkArgument} takes
     * @throws InvalidInputException with the formatted message if {@code ok} is false
     */
    public static void checkInput(boolean ok, String template, @Nullable Object... args) {
        if (!ok) {
            throw new InvalidInputException(Strings.lenientFormat(template, args));
        }
    }

    /** {@return a message "field "value" is not valid: rule"} with the value quoted and control characters shown */
    public static String invalid(String field, String value, String rule) {
        return field + " " + quote(value) + " is not valid: " + rule;
    }

    /** Longest part of a value that a message quotes: enough to recognise it, never a megabyte of it. */
    public static final int QUOTE_LIMIT = 200;

    /** {@return {@link #quote(String)} of {@code value}'s string form} */
    public static String quote(Object value) {
        return quote(String.valueOf(value));
    }

    /**
     * Quotes a user value, escaping control and non-Latin-1 characters so the message itself stays readable; a
     * value longer than {@link #QUOTE_LIMIT} characters is cut there and its length given.
     */
    public static String quote(String value) {
        int shown = Math.min(value.length(), QUOTE_LIMIT);
        if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
            shown--; // never cut a character in two
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            // C0, DEL and C1 controls (U+0085 is a line break to many terminals) and anything past Latin-1.
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c > 0xff) {
                escape(out, c);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (shown < value.length()) {
            out.append(String.format(Locale.ROOT, "... (%,d characters in all)", value.length()));
        }
        return out.toString();
    }

    /**
     * {@return {@code text} as {@link #printable} shows it, cut to {@link #QUOTE_LIMIT} characters with "…" after a
     * cut}: for text that is not the user's own value but reaches a message (an ARN IAM returned, an AWS error's
     * words), where {@link #quote}'s quotation marks and length would say more than is known.
     */
    public static String excerpt(String text) {
        int shown = Math.min(text.length(), QUOTE_LIMIT);
        if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never cut a character in two
        }
        return printable(shown == text.length() ? text : text.substring(0, shown) + "…");
    }

    /**
     * {@return {@code text} safe to print as part of one line of a report}: characters that could end the line,
     * move the cursor, recolour or reorder the terminal's text (C0 and C1 controls, DEL, line and paragraph
     * separators, bidirectional controls, unpaired surrogates) are shown as {@code \\uXXXX}, so a value read from
     * input can never start a line of its own (a forged {@code PASS}, a CI workflow command such as
     * {@code ::error::}) or hide text. Other characters, including non-Latin letters, are kept.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c < 0x20
                    || (c >= 0x7f && c < 0xa0)
                    || c == '\u2028'
                    || c == '\u2029'
                    || c == '\u200e'
                    || c == '\u200f'
                    || c == '\u061c'
                    || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069')
                    || (Character.isHighSurrogate(c)
                            && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))));
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    escape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static void escape(StringBuilder out, char c) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
    }
}

package dev.leastpriv.cli;

import java.util.Locale;

/**
 * Makes a value that came from outside (the account, a policy, a trust policy, IAM's answers) safe to print on one
 * line of a report or inside XML: line breaks become {@code \n} and {@code \r}, other control characters (ANSI
 * escapes among them), lone surrogates, the Unicode line and paragraph separators, bidirectional overrides and the
 * characters XML 1.0 forbids become {@code \}{@code uXXXX}. A value therefore can never start a line of its own, so it
 * cannot forge a report line or a CI workflow command ({@code ::error::}), and XML stays well formed.
 */
final class OutputText {

    private OutputText() {}

    /** {@return {@code value} with every character that could break a line or the document escaped} */
    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = null;
            if (c == '\n') {
                replacement = "\\n";
            } else if (c == '\r') {
                replacement = "\\r";
            } else if (c == '\t') {
                replacement = "\\t";
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            } else if (unsafe(c)) {
                replacement = String.format(Locale.ROOT, "\\u%04x", (int) c);
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) // C0, DEL and C1 (NEL U+0085 among them)
                || Character.isSurrogate(c) // only lone ones reach here
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\ufffe'
                || c == '\uffff';
    }
}

package dev.leastpriv.cli;

import dev.leastpriv.core.InputRules;

/**
 * Makes a value that came from outside (the account, a policy, a trust policy, IAM's answers) safe to print on one
 * line of a report or inside XML: {@link InputRules#printable} shows line breaks, other control characters (ANSI
 * escapes among them), unpaired surrogates, line and paragraph separators and bidirectional controls as
 * {@code \}{@code uXXXX}, so a value can never start a line of its own (a forged report line, a CI workflow command
 * such as {@code ::error::}); the two noncharacters XML 1.0 also forbids are shown the same way, so JUnit XML stays
 * well formed.
 */
final class OutputText {

    private OutputText() {}

    /** {@return {@code value} with every character that could break a line or the document escaped} */
    static String escape(String value) {
        String printable = InputRules.printable(value);
        return printable.indexOf('\uFFFE') < 0 && printable.indexOf('\uFFFF') < 0
                ? printable
                : printable.replace("\uFFFE", "\\uFFFE").replace("\uFFFF", "\\uFFFF");
    }
}

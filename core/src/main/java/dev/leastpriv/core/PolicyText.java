package dev.leastpriv.core;

/**
 * The characters a name or value inside a policy may hold. IAM accepts TAB, LF, CR and U+0020 to U+00FF in a
 * policy document (iam-reference.md §3.1); TAB, LF and CR are layout, so inside ARNs, principals and condition
 * values only U+0020 to U+00FF without the C1 controls are allowed.
 */
final class PolicyText {

    private PolicyText() {}

    /** {@return whether every character is printable and inside U+0020..U+00FF (no TAB, CR or LF)} */
    static boolean isPolicyText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}

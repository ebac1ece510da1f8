package dev.leastpriv.core;

/** The character set IAM accepts in a policy document: TAB, LF, CR and U+0020 to U+00FF (iam-reference.md §3.1). */
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

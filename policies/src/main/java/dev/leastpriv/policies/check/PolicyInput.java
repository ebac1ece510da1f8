package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * A policy document to check: a name for messages (usually its path) and its JSON text, or, for a file that is not
 * text at all, why not.
 *
 * @param unreadable why the file could not be read as text (its bytes are not UTF-8), or null; such a file is
 *     reported as {@code INVALID_POLICY} at that place, as malformed JSON is, since IAM reads neither
 */
public record PolicyInput(
        String name, String json, @Nullable Unreadable unreadable) {

    public PolicyInput {
        checkNotNull(name, "name");
        checkNotNull(json, "json");
        checkArgument(unreadable == null || json.isEmpty(), "an unreadable input has no text");
    }

    /** A document read as text. */
    public PolicyInput(String name, String json) {
        this(name, json, null);
    }

    /** {@return the input for a file that could not be read as text} */
    public static PolicyInput unreadable(String name, Unreadable why) {
        return new PolicyInput(name, "", checkNotNull(why, "why"));
    }

    /** Why a file is not text, and where (1-based line and column of the first bad byte). */
    public record Unreadable(String detail, int line, int column) {

        public Unreadable {
            checkNotNull(detail, "detail");
            checkArgument(line >= 1 && column >= 1, "line and column start at 1");
        }
    }
}

package dev.leastpriv.core;

import com.google.common.base.Strings;
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

    /** Quotes a user value, escaping control and non-Latin-1 characters so the message itself stays readable. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // C0, DEL and C1 controls (U+0085 is a line break to many terminals) and anything past Latin-1.
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c > 0xff) {
                out.append(String.format("\\u%04X", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

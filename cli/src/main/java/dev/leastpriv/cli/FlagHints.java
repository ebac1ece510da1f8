package dev.leastpriv.cli;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Library messages speak domain words ("name the connector's role", "the fetch mode"); the command line adds the
 * flag that does it, so the library never names a flag and the user still learns which one to pass.
 */
final class FlagHints {

    // Ordered: longer phrases first, so a phrase is never rewritten twice.
    private static final ImmutableMap<String, String> HINTS = ImmutableMap.<String, String>builder()
            .put("name the connector's role instead", "pass --role-arn with the connector's role")
            .put("or use the fetch mode,", "or use --mode fetch,")
            .put("or use the simulate mode,", "or use --mode simulate,")
            .put("grant all databases (\"*\")", "grant all databases with --database '*'")
            .put("allow more policies after a quota increase", "raise --max-policies after a quota increase")
            .put("role ARN \"", "role-arn \"")
            .put("policy size limit \"", "max-size \"")
            .put("policy count limit \"", "max-policies \"")
            .put("the policy size limit ", "--max-size ")
            .put("the policy count limit ", "--max-policies ")
            .buildOrThrow();

    private FlagHints() {}

    /** {@return {@code message} with the flags that act on what it names} */
    static String of(String message) {
        String hinted = message;
        for (Map.Entry<String, String> hint : HINTS.entrySet()) {
            hinted = hinted.replace(hint.getKey(), hint.getValue());
        }
        return hinted;
    }
}

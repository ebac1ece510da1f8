package dev.leastpriv.core.eval;

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request prepared for evaluation: lowercase action and context keys, built once per evaluation. */
final class RequestContext {

    final Request request;
    final String action;
    // Lookup only, never iterated into output.
    private @Nullable Map<String, ImmutableList<String>> values;

    RequestContext(Request request) {
        this.request = request;
        this.action = request.action().toString().toLowerCase(Locale.ROOT);
    }

    private Map<String, ImmutableList<String>> values() {
        Map<String, ImmutableList<String>> map = values;
        if (map == null) {
            map = new HashMap<>();
            for (Map.Entry<String, ImmutableList<String>> entry :
                    request.context().entrySet()) {
                map.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
            }
            values = map;
        }
        return map;
    }

    /** {@return the values of {@code lowercaseKey}, or null if the request does not carry it} */
    @Nullable
    List<String> values(String lowercaseKey) {
        return values().get(lowercaseKey);
    }

    /** {@return the value of a single-valued key, or null if absent or multivalued (not usable as a variable)} */
    @Nullable
    String single(String lowercaseKey) {
        List<String> found = values().get(lowercaseKey);
        return found == null || found.size() != 1 ? null : found.get(0);
    }
}

package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * An action or action pattern, {@code <service>:<name>} such as {@code athena:GetQueryExecution}, or {@code *}.
 *
 * <p>The name may hold the wildcards {@code *} and {@code ?} when read from a policy; leastpriv never generates
 * them, because a prefix such as {@code glue:GetTable*} also grants every future action with that prefix.
 * IAM compares actions case-insensitively; this value keeps the spelling it was given.
 */
public record Action(String service, String name) {

    // Declared before ALL: static fields initialise in source order.
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*?_-]+");

    /** Every action of every service, {@code "Action": "*"}. */
    public static final Action ALL = new Action("*", "*");

    public Action {
        checkNotNull(service, "service");
        checkNotNull(name, "name");
        boolean all = service.equals("*") && name.equals("*");
        checkArgument(
                all || (SERVICE.matcher(service).matches() && NAME.matcher(name).matches()),
                "Invalid action \"%s:%s\": expected \"<service>:<action>\", e.g. \"athena:GetQueryExecution\"",
                service,
                name);
    }

    /** {@return the action {@code service:name}} */
    public static Action of(String service, String name) {
        return new Action(service, name);
    }

    /**
     * Parses {@code <service>:<name>} or {@code *}; the inverse of {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is not an action
     */
    public static Action parse(String text) {
        checkNotNull(text, "text");
        if (text.equals("*")) {
            return ALL;
        }
        int colon = text.indexOf(':');
        checkArgument(
                colon > 0,
                "Invalid action \"%s\": expected \"<service>:<action>\", e.g. \"athena:GetQueryExecution\"",
                text);
        return new Action(text.substring(0, colon), text.substring(colon + 1));
    }

    /** {@return whether the action holds a wildcard and so stands for more than one action} */
    public boolean isWildcard() {
        return service.equals("*") || name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    @Override
    public String toString() {
        return this.equals(ALL) ? "*" : service + ":" + name;
    }
}

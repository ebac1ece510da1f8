package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

/** A policy document to check: a name for messages (usually its path) and its JSON text. */
public record PolicyInput(String name, String json) {

    public PolicyInput {
        checkNotNull(name, "name");
        checkNotNull(json, "json");
    }
}

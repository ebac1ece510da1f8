package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Effect;
import org.jspecify.annotations.Nullable;

/**
 * A statement that applied to a request: which policy ({@code policyIndex} counts from 0 within its kind; for SCPs
 * {@code level} is the organization level, root first), which statement, its Sid and its effect.
 */
public record MatchedStatement(
        PolicyKind kind,
        int level,
        int policyIndex,
        int statementIndex,
        @Nullable String sid,
        Effect effect) {

    public MatchedStatement {
        checkNotNull(kind, "kind");
        checkNotNull(effect, "effect");
    }

    @Override
    public String toString() {
        // An SCP is placed by its level and its position within the level: "level 1, policy 0", never "level 1 0".
        String where = kind.description()
                + (kind == PolicyKind.SERVICE_CONTROL_POLICY ? " level " + level + ", policy " : " ")
                + policyIndex + ", statement " + statementIndex;
        return effect.jsonValue() + " in " + where + (sid == null ? "" : " (Sid " + sid + ")");
    }
}

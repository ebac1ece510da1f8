package dev.leastpriv.policies.explain;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Requirement;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one AccessDenied message means for a connection: the requirements it breaks, where the fix belongs, and,
 * when the fix is a missing grant in the role's identity policy, the statements to add.
 *
 * @param denial the message
 * @param outcome what kind of answer this is
 * @param requirements the connection's requirements the denial matches (action equal, resource allowed by the
 *     requirement's resources); for a message without an action, the requirements it may be (the candidates)
 * @param neededWith when the connector does not need the call as configured, what would make it need it (a feature
 *     of the same connector, Lake Formation), in words; never a proposal to grant it
 * @param location where the change belongs
 * @param fix what to change, in words
 * @param notes more that the message shows: the role behind a session, another account, an older message form
 * @param grant the statements to add to the role's identity policy, rendered as {@code generate} renders them; only
 *     for {@link Outcome#GRANT}
 */
public record DenialExplanation(
        AccessDenied denial,
        Outcome outcome,
        ImmutableList<Requirement> requirements,
        ImmutableList<String> neededWith,
        FixLocation location,
        String fix,
        ImmutableList<String> notes,
        @Nullable PolicySet grant) {

    /** The kind of answer for one denial. */
    public enum Outcome {
        /** A grant the role's identity policy lacks; {@link #grant()} holds it. */
        GRANT("grant"),
        /** The connector does not need this call as the connection is configured: nothing to grant. */
        NOT_NEEDED("not-needed"),
        /** The connector needs it, and the change belongs outside the role's identity policy or is a Deny to lift. */
        ELSEWHERE("elsewhere"),
        /** The message is too vague to tell which requirement or which policy. */
        UNDETERMINED("undetermined");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        /** {@return the name written in JSON, e.g. {@code not-needed}} */
        public String id() {
            return id;
        }

        /** {@return whether leastpriv explains the denial fully: a statement it renders, or nothing to grant} */
        public boolean explained() {
            return this == GRANT || this == NOT_NEEDED;
        }
    }

    public DenialExplanation {
        checkNotNull(denial, "denial");
        checkNotNull(outcome, "outcome");
        checkNotNull(location, "location");
        checkNotNull(fix, "fix");
        requirements = ImmutableList.copyOf(requirements);
        neededWith = ImmutableList.copyOf(neededWith);
        notes = ImmutableList.copyOf(notes);
        checkArgument((outcome == Outcome.GRANT) == (grant != null), "Only a grant carries statements to add");
    }

    /** {@return the statements to add, for a missing grant} */
    public Optional<PolicySet> statements() {
        return Optional.ofNullable(grant);
    }
}

package dev.leastpriv.validator.probe;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.explain.DenialExplanation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One probe call: the action it exercises, what it was made on ({@code target}, e.g. {@code database sales}), the
 * ARNs AWS authorizes it against, the connection's requirements for that action on those ARNs, the outcome, and a
 * one-line detail. A failed call keeps AWS's error code and message (bounded to {@value #MESSAGE_LIMIT} characters,
 * not escaped: escape it when printing); a denied call carries its explanation (the same one {@code explain}
 * gives for AWS's message: cause, where the fix belongs, the statements to add).
 */
public record ProbeResult(
        Action action,
        String target,
        ImmutableList<Arn> resources,
        ImmutableList<Requirement> requirements,
        ProbeOutcome outcome,
        String detail,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        @Nullable DenialExplanation explanation) {

    /** The longest AWS error message kept; AWS's AccessDenied messages are about 300 characters. */
    public static final int MESSAGE_LIMIT = 2000;

    public ProbeResult {
        checkNotNull(action, "action");
        checkNotNull(target, "target");
        resources = ImmutableList.copyOf(resources);
        requirements = ImmutableList.copyOf(requirements);
        checkNotNull(outcome, "outcome");
        checkNotNull(detail, "detail");
        checkArgument(
                errorMessage == null || errorMessage.length() <= MESSAGE_LIMIT + 1,
                "errorMessage is longer than %s characters",
                MESSAGE_LIMIT);
        checkArgument(
                explanation == null || outcome == ProbeOutcome.DENIED, "only a denied call carries an explanation");
    }

    /** A call without an explanation: every outcome but a denial, and a denial before it is explained. */
    public ProbeResult(
            Action action,
            String target,
            List<Arn> resources,
            List<Requirement> requirements,
            ProbeOutcome outcome,
            String detail,
            @Nullable String errorCode,
            @Nullable String errorMessage) {
        this(
                action,
                target,
                ImmutableList.copyOf(resources),
                ImmutableList.copyOf(requirements),
                outcome,
                detail,
                errorCode,
                errorMessage,
                null);
    }

    /** {@return this denied call with its explanation} */
    ProbeResult explained(DenialExplanation explanation) {
        return new ProbeResult(
                action, target, resources, requirements, outcome, detail, errorCode, errorMessage, explanation);
    }

    /** {@return the features whose requirements this call exercises, in requirement order} */
    public ImmutableSet<Feature> features() {
        return requirements.stream().map(Requirement::feature).collect(ImmutableSet.toImmutableSet());
    }

    /** {@return {@code message} cut to {@value #MESSAGE_LIMIT} characters (an ellipsis marks a cut), or null} */
    static @Nullable String bounded(@Nullable String message) {
        if (message == null || message.length() <= MESSAGE_LIMIT) {
            return message;
        }
        return message.substring(0, MESSAGE_LIMIT) + "…";
    }
}

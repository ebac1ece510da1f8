package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;

/** Why a rendered statement exists: for each of its actions, the features that need it and their reasons. */
public record StatementExplanation(
        String sid, ImmutableList<Resource> resources, ImmutableList<StatementExplanation.ActionReason> actions) {

    public StatementExplanation {
        checkNotNull(sid, "sid");
        resources = ImmutableList.copyOf(resources);
        actions = ImmutableList.copyOf(actions);
    }

    /**
     * One action of the statement, the features that need it (in feature order), each distinct reason and each
     * distinct piece of evidence.
     */
    public record ActionReason(
            Action action,
            ImmutableSet<Feature> features,
            ImmutableList<String> reasons,
            ImmutableList<Evidence> evidence) {

        public ActionReason {
            checkNotNull(action, "action");
            features = ImmutableSet.copyOf(features);
            reasons = ImmutableList.copyOf(reasons);
            evidence = ImmutableList.copyOf(evidence);
        }
    }
}

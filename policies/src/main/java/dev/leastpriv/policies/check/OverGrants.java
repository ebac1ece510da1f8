package dev.leastpriv.policies.check;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.core.json.PolicySource;
import dev.leastpriv.policies.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Allow statements grant beyond the requirements. A (action, resource) pair is needed when an evaluator whose
 * policy is the requirements themselves allows it; wildcards are expanded with the catalog, and a wildcard granting
 * many unneeded actions is reported as the pattern with a count.
 */
final class OverGrants {

    /** A wildcard granting more unneeded actions than this is reported as the pattern and a count. */
    private static final int WILDCARD_LISTING = 8;

    private final ActionCatalog catalog;
    private final Evaluator needed;

    OverGrants(ActionCatalog catalog, List<Requirement> required) {
        this.catalog = catalog;
        this.needed = neededBy(required);
    }

    /** An evaluator whose policy is the requirements themselves: a (action, resource) it allows is needed. */
    private static Evaluator neededBy(List<Requirement> required) {
        if (required.isEmpty()) {
            return Evaluator.compile(Policies.none());
        }
        List<Statement> statements = new ArrayList<>();
        for (Requirement access : required) {
            statements.add(Statement.allow()
                    .addAction(access.action())
                    .resources(access.resources())
                    .build());
        }
        return Evaluator.compile(Policies.identity(Policy.of(statements)));
    }

    List<OverGrant> find(PolicyInput input, PolicySource source) {
        List<OverGrant> overGrants = new ArrayList<>();
        Policy policy = source.policy();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (statement.effect() != Effect.ALLOW || !statement.conditions().isEmpty()) {
                continue; // conditional grants are judged by coverage, not listed as over-grants
            }
            List<Resource> resources = statement.resources().isEmpty()
                    ? ImmutableList.of(Resource.ALL)
                    : List.copyOf(statement.resources());
            Map<String, Boolean> extra = new LinkedHashMap<>();
            if (!statement.notActions().isEmpty() || !statement.notResources().isEmpty()) {
                extra.put(
                        statement.notActions().isEmpty()
                                ? "every resource except " + join(statement.notResources())
                                : "every action except " + join(statement.notActions()),
                        true);
            } else {
                for (Action pattern : statement.actions()) {
                    List<ActionDefinition> expanded = catalog.matching(pattern);
                    if (expanded.isEmpty()) {
                        // A service outside the catalog: its actions are listed as written, unless a requirement
                        // names exactly this action on every resource of the statement. (An unknown action of a
                        // known service grants nothing; lint reports it.)
                        boolean knownService =
                                catalog.hasService(pattern.service().toLowerCase(Locale.ROOT));
                        boolean named = !pattern.isWildcard()
                                && resources.stream()
                                        .allMatch(resource -> needed.evaluate(
                                                        Request.of(pattern.toString(), resource.pattern()))
                                                .decision()
                                                .isAllowed());
                        if (!knownService && !named) {
                            extra.put(pattern.toString(), true);
                        }
                        continue;
                    }
                    Set<String> beyond = new LinkedHashSet<>();
                    for (ActionDefinition definition : expanded) {
                        String action = definition.action().toString();
                        for (Resource resource : resources) {
                            if (!catalog.canMatch(definition, resource)) {
                                continue; // grants nothing here; lint reports the mismatch
                            }
                            if (!needed.evaluate(Request.of(action, resource.pattern()))
                                    .decision()
                                    .isAllowed()) {
                                beyond.add(action);
                            }
                        }
                    }
                    if (pattern.isWildcard() && beyond.size() > WILDCARD_LISTING) {
                        // A wildcard that grants many actions is named as written, with the count, not listed.
                        extra.put(pattern + " (" + beyond.size() + " actions not required)", true);
                    } else {
                        beyond.forEach(action -> extra.put(action, true));
                    }
                }
            }
            if (!extra.isEmpty()) {
                overGrants.add(new OverGrant(
                        input.name(),
                        source.locate("/Statement/" + i).pointer(),
                        statement.sid(),
                        ImmutableList.copyOf(extra.keySet()),
                        ImmutableList.copyOf(resources)));
            }
        }
        return overGrants;
    }

    private static String join(Iterable<?> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.toString()));
        return String.join(", ", texts);
    }
}

package dev.leastpriv.policies.check;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.json.PolicySource;
import dev.leastpriv.policies.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Allow statements grant beyond the requirements. A granted (action, resource pattern) is needed when a
 * requirement names the action on a pattern that covers it ({@link Resource#covers}: patterns are compared as
 * patterns, so {@code arn:aws:glue:*:*:catalog} is never turned into a request); wildcards are expanded with the
 * catalog, and a wildcard granting many unneeded actions is reported as the pattern with a count. A required action
 * granted on more than its requirements name is reported apart, as wider than required, never as not required.
 */
final class OverGrants {

    /** A wildcard granting more unneeded actions than this is reported as the pattern and a count. */
    private static final int WILDCARD_LISTING = 8;

    private final ActionCatalog catalog;
    // Lookup only, by lowercase action: no order reaches output.
    private final Map<String, List<Resource>> neededOn = new HashMap<>();

    OverGrants(ActionCatalog catalog, List<Requirement> required) {
        this.catalog = catalog;
        for (Requirement requirement : required) {
            neededOn.computeIfAbsent(lower(requirement.action().toString()), a -> new ArrayList<>())
                    .addAll(requirement.resources());
        }
    }

    /** {@return whether a requirement names {@code action} on a pattern covering {@code granted}} */
    private boolean needed(String action, Resource granted) {
        List<Resource> on = neededOn.get(lower(action));
        return on != null && on.stream().anyMatch(wanted -> wanted.covers(granted));
    }

    private boolean requiredAnywhere(String action) {
        return neededOn.containsKey(lower(action));
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
            Set<String> extra = new LinkedHashSet<>();
            Set<String> wider = new LinkedHashSet<>();
            if (!statement.notActions().isEmpty() || !statement.notResources().isEmpty()) {
                extra.add(
                        statement.notActions().isEmpty()
                                ? "every resource except " + join(statement.notResources())
                                : "every action except " + join(statement.notActions()));
            } else {
                for (Action pattern : statement.actions()) {
                    List<ActionDefinition> expanded = catalog.matching(pattern);
                    if (expanded.isEmpty()) {
                        // A service outside the catalog: its actions are listed as written, unless a requirement
                        // names exactly this action on every resource of the statement. (An unknown action of a
                        // known service grants nothing; lint reports it.)
                        boolean knownService =
                                catalog.hasService(pattern.service().toLowerCase(Locale.ROOT));
                        String action = pattern.toString();
                        if (!knownService && (pattern.isWildcard() || !requiredAnywhere(action))) {
                            extra.add(action);
                        } else if (!knownService
                                && !resources.stream().allMatch(resource -> needed(action, resource))) {
                            wider.add(action);
                        }
                        continue;
                    }
                    Set<String> beyond = new LinkedHashSet<>();
                    for (ActionDefinition definition : expanded) {
                        String action = definition.action().toString();
                        for (Resource resource : resources) {
                            if (!catalog.canMatch(definition, resource) || needed(action, resource)) {
                                continue; // a mismatch grants nothing here; lint reports it
                            }
                            (requiredAnywhere(action) ? wider : beyond).add(action);
                        }
                    }
                    if (pattern.isWildcard() && beyond.size() > WILDCARD_LISTING) {
                        // A wildcard that grants many actions is named as written, with the count, not listed.
                        extra.add(pattern + " (" + beyond.size() + " actions not required)");
                    } else {
                        extra.addAll(beyond);
                    }
                }
            }
            if (!extra.isEmpty() || !wider.isEmpty()) {
                overGrants.add(new OverGrant(
                        input.name(),
                        source.locate("/Statement/" + i).pointer(),
                        statement.sid(),
                        ImmutableList.copyOf(extra),
                        ImmutableList.copyOf(wider),
                        ImmutableList.copyOf(resources)));
            }
        }
        return overGrants;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String join(Iterable<?> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.toString()));
        return String.join(", ", texts);
    }
}

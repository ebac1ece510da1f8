package dev.leastpriv.core.eval;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A statement compiled once: action globs, resource patterns (resolved per request only when they hold policy
 * variables), principals and conditions. It applies when the action, the resource, the principal (resource
 * policies only) and every condition match (iam-reference.md §2.2).
 */
final class CompiledStatement {

    final MatchedStatement identity;
    final boolean allow;
    private final Glob[] actions;
    private final boolean notAction;
    private final ResourceMatcher[] resources;
    private final @Nullable ResourceIndex index;
    private final boolean notResource;
    private final boolean anyResource;
    private final Principal @Nullable [] principals;
    private final boolean notPrincipal;
    // A Deny with NotPrincipal always denies a principal with a permissions boundary, listed or not (IAM User
    // Guide, permissions boundaries: "Important").
    private final boolean deniesBoundedPrincipal;
    private final CompiledCondition[] conditions;

    CompiledStatement(
            Statement statement,
            Policy policy,
            MatchedStatement identity,
            boolean checkPrincipal,
            boolean boundedPrincipal) {
        this.identity = identity;
        this.allow = statement.effect() == Effect.ALLOW;
        boolean variables = policy.version().equals(Policy.VERSION_2012);
        this.notAction = statement.actions().isEmpty();
        this.actions = (notAction ? statement.notActions() : statement.actions())
                .stream().map(CompiledStatement::action).toArray(Glob[]::new);
        this.notResource = !statement.notResources().isEmpty();
        this.anyResource =
                statement.resources().isEmpty() && statement.notResources().isEmpty();
        this.resources = (notResource ? statement.notResources() : statement.resources())
                .stream()
                        .map(resource -> new ResourceMatcher(resource, variables))
                        .toArray(ResourceMatcher[]::new);
        this.index = ResourceIndex.of(resources);
        if (checkPrincipal
                && !(statement.principals().isEmpty()
                        && statement.notPrincipals().isEmpty())) {
            this.notPrincipal = statement.principals().isEmpty();
            this.principals =
                    (notPrincipal ? statement.notPrincipals() : statement.principals()).toArray(Principal[]::new);
        } else {
            this.notPrincipal = false;
            this.principals = null;
        }
        this.deniesBoundedPrincipal = notPrincipal && !allow && boundedPrincipal;
        this.conditions = statement.conditions().stream()
                .map(condition -> new CompiledCondition(condition, variables))
                .toArray(CompiledCondition[]::new);
    }

    private static Glob action(Action action) {
        return action.equals(Action.ALL) ? Glob.of("*", true) : Glob.of(action.toString(), true);
    }

    /**
     * {@return how the statement applies: {@code NONE}, through the caller's account only, or directly}; records
     * missing context keys in {@code missing}. Statements without a principal check apply directly.
     */
    Principals.Match applies(RequestContext context, List<String> missing) {
        if (!matchesAction(context) || !matchesResource(context, missing)) {
            return Principals.Match.NONE;
        }
        Principals.Match principal = matchesPrincipal(context);
        if (principal == Principals.Match.NONE || !conditionsHold(context, missing)) {
            return Principals.Match.NONE;
        }
        return principal;
    }

    /** {@return whether the principal matched by ARN names an IAM user or a role session itself} */
    boolean namesCallerDirectly(RequestContext context) {
        String caller = context.request.principal();
        if (principals == null || notPrincipal || caller == null) {
            return false;
        }
        for (Principal principal : principals) {
            if (principal.type() == Principal.Type.AWS
                    && principal.id().equals(caller)
                    && (caller.contains(":user/") || caller.contains(":assumed-role/"))) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAction(RequestContext context) {
        for (Glob glob : actions) {
            if (glob.matches(context.action)) {
                return !notAction;
            }
        }
        return notAction;
    }

    /**
     * An entry holding a policy variable the request cannot resolve matches nothing in {@code Resource}; in
     * {@code NotResource} it keeps the statement from applying, so an unresolved variable never turns into
     * "every resource" (IAM User Guide, policy variables: an unresolved variable "might cause the entire statement
     * to be invalid").
     */
    private boolean matchesResource(RequestContext context, List<String> missing) {
        if (anyResource) {
            return true;
        }
        if (index != null) {
            return index.matches(context) != notResource;
        }
        for (ResourceMatcher matcher : resources) {
            ResourceMatcher.Result result = matcher.matches(context, missing);
            if (result == ResourceMatcher.Result.MATCH
                    || (notResource && result == ResourceMatcher.Result.UNRESOLVED)) {
                return !notResource;
            }
        }
        return notResource;
    }

    private Principals.Match matchesPrincipal(RequestContext context) {
        if (principals == null || deniesBoundedPrincipal) {
            return Principals.Match.DIRECT;
        }
        Principals.Match best = Principals.Match.NONE;
        for (Principal principal : principals) {
            Principals.Match match = Principals.matches(principal, context.request.principal());
            if (match.compareTo(best) > 0) {
                best = match;
            }
        }
        if (notPrincipal) {
            return best == Principals.Match.NONE ? Principals.Match.DIRECT : Principals.Match.NONE;
        }
        return best;
    }

    private boolean conditionsHold(RequestContext context, List<String> missing) {
        for (CompiledCondition condition : conditions) {
            if (!condition.holds(context, missing)) {
                return false;
            }
        }
        return true;
    }

    /** A Resource or NotResource value: {@code *}, a fixed ARN pattern, or one with variables. */
    /**
     * The fixed entries of a statement with many, by the literal start of their resource segment: a request's
     * resource can only match entries whose literal start begins its own resource segment, so a lookup per prefix
     * length replaces a scan of thousands of ARNs (a packed 1,000-database policy). Built only when every entry is
     * fixed, where skipping an entry that cannot match has no side effect (no variable, no missing key).
     */
    private static final class ResourceIndex {
        private static final int MIN_ENTRIES = 16;
        private final Map<String, List<ResourceMatcher>> byPrefix; // lookup only: no order reaches a decision
        private final int[] lengths; // the distinct prefix lengths, ascending: only these are looked up
        private final List<ResourceMatcher> unindexed;

        private ResourceIndex(Map<String, List<ResourceMatcher>> byPrefix, List<ResourceMatcher> unindexed) {
            this.byPrefix = byPrefix;
            this.lengths = byPrefix.keySet().stream()
                    .mapToInt(String::length)
                    .distinct()
                    .sorted()
                    .toArray();
            this.unindexed = unindexed;
        }

        static @Nullable ResourceIndex of(ResourceMatcher[] matchers) {
            if (matchers.length < MIN_ENTRIES) {
                return null;
            }
            Map<String, List<ResourceMatcher>> byPrefix = new HashMap<>();
            List<ResourceMatcher> unindexed = new ArrayList<>();
            for (ResourceMatcher matcher : matchers) {
                if (!matcher.isFixed()) {
                    return null;
                }
                String prefix = matcher.literalResourcePrefix();
                if (prefix == null) {
                    unindexed.add(matcher);
                } else {
                    byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(matcher);
                }
            }
            return new ResourceIndex(byPrefix, unindexed);
        }

        boolean matches(RequestContext context) {
            List<String> none = List.of();
            for (ResourceMatcher matcher : unindexed) {
                if (matcher.matches(context, none) == ResourceMatcher.Result.MATCH) {
                    return true;
                }
            }
            String arn = context.request.resource();
            int from = ResourceMatcher.resourceSegment(arn);
            if (from < 0) {
                return false; // not six segments: no six-segment pattern matches it
            }
            for (int length : lengths) {
                if (from + length > arn.length()) {
                    break;
                }
                List<ResourceMatcher> candidates = byPrefix.get(arn.substring(from, from + length));
                if (candidates == null) {
                    continue;
                }
                for (ResourceMatcher matcher : candidates) {
                    if (matcher.matches(context, none) == ResourceMatcher.Result.MATCH) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final class ResourceMatcher {
        private final boolean all;
        private final @Nullable ArnPattern fixed;
        // The entry with its variables as "*": an entry that cannot match even so never depends on a variable.
        private final @Nullable ArnPattern loose;
        private final Template template;

        ResourceMatcher(Resource resource, boolean variables) {
            this.all = resource.equals(Resource.ALL);
            this.template = variables ? Template.parse(resource.pattern()) : Template.literalText(resource.pattern());
            this.fixed = template.hasVariables() ? null : ArnPattern.of(template.asPattern(), true);
            this.loose = template.hasVariables() ? ArnPattern.of(template.withVariablesAsWildcards(), true) : null;
        }

        /** {@return whether matching has no side effect: no policy variable} */
        boolean isFixed() {
            return all || fixed != null;
        }

        /**
         * {@return the literal characters that start the pattern's resource segment, up to its first wildcard; null
         * when the pattern is not six segments (it is matched whole, and may span colons) or is {@code *}}
         */
        @Nullable
        String literalResourcePrefix() {
            if (all || fixed == null) {
                return null;
            }
            Template.Resolved pattern = template.asPattern();
            int from = resourceSegment(pattern.text());
            if (from < 0) {
                return null;
            }
            for (int i = 0; i < from; i++) {
                // A trailing '*' in an earlier segment "can expand to match beyond the colon boundaries".
                if (pattern.wild()[i]
                        && (i + 1 == pattern.text().length() || pattern.text().charAt(i + 1) == ':')) {
                    return null;
                }
            }
            int end = from;
            while (end < pattern.text().length() && !pattern.wild()[end]) {
                end++;
            }
            return pattern.text().substring(from, end);
        }

        /** {@return where the resource segment starts (after the fifth colon), or -1 with fewer colons} */
        static int resourceSegment(String arn) {
            int from = 0;
            for (int i = 0; i < 5; i++) {
                int at = arn.indexOf(':', from);
                if (at < 0) {
                    return -1;
                }
                from = at + 1;
            }
            return from;
        }

        enum Result {
            MATCH,
            NO_MATCH,
            UNRESOLVED
        }

        Result matches(RequestContext context, List<String> missing) {
            if (all) {
                return Result.MATCH;
            }
            ArnPattern pattern = fixed;
            if (pattern == null) {
                if (loose != null && !loose.matches(context.request.resource())) {
                    return Result.NO_MATCH;
                }
                Template.Resolved resolved = template.resolve(context, true, missing);
                if (resolved == null) {
                    return Result.UNRESOLVED;
                }
                pattern = ArnPattern.of(resolved, true);
            }
            return pattern.matches(context.request.resource()) ? Result.MATCH : Result.NO_MATCH;
        }
    }
}

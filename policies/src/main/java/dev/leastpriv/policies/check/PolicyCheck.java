package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.IdentityPolicyGrammar;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.PolicyKind;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.core.json.PolicySource;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks identity policies (and an optional permissions boundary) against required access, offline: coverage of
 * every requirement with leastpriv's evaluator, lint findings in Access Analyzer's taxonomy with a pointer and line
 * into each file, and what the policies allow beyond the requirements.
 *
 * <pre>{@code
 * CheckReport report = PolicyCheck.create(ActionCatalog.standard())
 *         .check(List.of(new PolicyInput("policy.json", json)), null, requirements);
 * if (!report.passed()) { … }
 * }</pre>
 */
public final class PolicyCheck {

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");

    /**
     * The services a connector touches, whose catalog data leastpriv's tests vet against AWS's documentation and
     * the tools' calls. A finding that rests on the reference data alone (an unknown action, an ARN that cannot
     * match) is an error there; in the other 448 services it is a warning: their data can lag AWS (managed
     * policies already use securityagent actions the pinned data lacks) and their name formats are not vetted.
     */
    private static final ImmutableSet<String> VETTED_SERVICES =
            ImmutableSet.of("athena", "glue", "s3", "kms", "lambda", "lakeformation", "iam", "sts");

    private final ActionCatalog catalog;
    private final StatementLint statementLint;

    private PolicyCheck(ActionCatalog catalog) {
        this.catalog = catalog;
        this.statementLint = new StatementLint(catalog);
    }

    /** {@return a checker using {@code catalog} to know actions and their resource types} */
    public static PolicyCheck create(ActionCatalog catalog) {
        return new PolicyCheck(checkNotNull(catalog, "catalog"));
    }

    /**
     * {@return the report for {@code policies} (identity policies) and {@code boundary} against a connector's
     * requirements} ({@link RequirementSet#of})
     *
     * <pre>{@code
     * RequirementSet requirements = RequirementSet.of(PolicyRequest.of(connection, Profile.OPENMETADATA, features));
     * CheckReport report = PolicyCheck.create(ActionCatalog.standard())
     *         .check(List.of(new PolicyInput("policy.json", json)), null, requirements);
     * }</pre>
     *
     * @throws IllegalArgumentException if the requirements are a documentation template (placeholders)
     */
    public CheckReport check(List<PolicyInput> policies, @Nullable PolicyInput boundary, RequirementSet requirements) {
        checkNotNull(requirements, "requirements");
        requirements.request().requireValues("check");
        return check(policies, boundary, requirements.requirements());
    }

    /**
     * {@return the report for {@code policies} (identity policies) and {@code boundary} against {@code required}},
     * requirements of a connector or stated by hand ({@link Requirement#stated})
     */
    public CheckReport check(List<PolicyInput> policies, @Nullable PolicyInput boundary, List<Requirement> required) {
        return check(policies, boundary, required, true);
    }

    /**
     * {@return the lint findings for {@code policies} and {@code boundary} alone, with no connection}: no coverage
     * and no over-grant, since nothing is required
     */
    public CheckReport lint(List<PolicyInput> policies, @Nullable PolicyInput boundary) {
        return check(policies, boundary, ImmutableList.of(), false);
    }

    private CheckReport check(
            List<PolicyInput> policies,
            @Nullable PolicyInput boundary,
            List<Requirement> required,
            boolean withOverGrants) {
        List<Finding> findings = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (PolicyInput input : policies) {
            Parsed read = parse(input, false, findings);
            if (read != null) {
                parsed.add(read);
            }
        }
        Parsed boundaryRead = boundary == null ? null : parse(boundary, true, findings);

        // IAM refuses an identity policy (or boundary) whose statement has no Resource or names a Principal, so such a
        // file grants nothing here: evaluating it as "Resource": "*" would pass a policy IAM never stores.
        List<Parsed> applied =
                parsed.stream().filter(file -> accepted(file, findings)).toList();
        Policies stack =
                Policies.identity(applied.stream().map(p -> p.source.policy()).toList());
        // A refused boundary is not applied; its error findings already fail the check.
        String boundaryName = null;
        if (boundaryRead != null && accepted(boundaryRead, findings)) {
            stack = stack.withBoundary(boundaryRead.source.policy());
            boundaryName = boundaryRead.input.name();
        }
        Evaluator evaluator = Evaluator.compile(stack);
        IdentityGrants identityOnly = new IdentityGrants(unconditional(parsed));

        // A Deny or Allow is named by its file, as the user knows it, not by its place in the evaluator's list.
        List<String> names = applied.stream().map(p -> p.input.name()).toList();
        String boundaryFile = boundaryName;
        ImmutableList<Coverage> coverage = Coverages.of(evaluator, required, null, statement -> {
            String where = "statement " + statement.statementIndex()
                    + (statement.sid() == null ? "" : ", Sid " + statement.sid());
            if (statement.kind() == PolicyKind.IDENTITY && statement.policyIndex() < names.size()) {
                return InputRules.quote(names.get(statement.policyIndex())) + ", " + where;
            }
            if (statement.kind() == PolicyKind.PERMISSIONS_BOUNDARY && boundaryFile != null) {
                return "boundary " + InputRules.quote(boundaryFile) + ", " + where;
            }
            return statement.kind().description() + ", " + where;
        });
        for (Parsed file : parsed) {
            lint(file, identityOnly, required, findings);
        }
        if (boundaryRead != null) {
            lint(boundaryRead, identityOnly, ImmutableList.of(), findings);
        }
        List<OverGrant> overGrants = new ArrayList<>();
        OverGrants finder = new OverGrants(catalog, required);
        for (Parsed file : withOverGrants ? parsed : List.<Parsed>of()) {
            try {
                overGrants.addAll(finder.find(file.input, file.source));
            } catch (RuntimeException e) {
                add(findings, file, Severity.ERROR, "CHECK_FAILED", "", couldNotCheck(e));
            }
        }
        return new CheckReport(coverage, ImmutableList.copyOf(findings), ImmutableList.copyOf(overGrants));
    }

    /** A parsed file; a permissions boundary is a limit, not a grant, so grant-wildcard warnings skip it. */
    private record Parsed(PolicyInput input, PolicySource source, boolean boundary) {}

    private static boolean unknownServiceReported(List<Finding> findings, Parsed file, String service) {
        String prefix = "Service " + InputRules.quote(service) + " ";
        return findings.stream()
                .anyMatch(f -> f.code().equals("UNKNOWN_SERVICE")
                        && f.file().equals(file.input.name())
                        && f.message().startsWith(prefix));
    }

    /** Whether IAM accepts {@code file} as an identity policy; each statement it would refuse becomes an error. */
    private static boolean accepted(Parsed file, List<Finding> findings) {
        ImmutableList<IdentityPolicyGrammar.Problem> problems = IdentityPolicyGrammar.problems(file.source.policy());
        for (IdentityPolicyGrammar.Problem problem : problems) {
            add(findings, file, Severity.ERROR, problem.code(), problem.pointer(), problem.message());
        }
        return problems.isEmpty();
    }

    /**
     * The identity policies as the Glue ancestor lint reads them: which ARNs they grant, whatever the conditions.
     * Conditions are coverage's concern; an Allow that names the catalog ARN under a condition does not leave the
     * ARN set incomplete, and a conditional Deny does not remove an ARN from it.
     */
    private static List<Policy> unconditional(List<Parsed> parsed) {
        List<Policy> policies = new ArrayList<>();
        for (Parsed file : parsed) {
            List<Statement> statements = new ArrayList<>();
            for (Statement statement : file.source.policy().statements()) {
                if (statement.conditions().isEmpty()) {
                    statements.add(statement);
                } else if (statement.effect() == Effect.ALLOW) {
                    statements.add(
                            statement.toBuilder().conditions(ImmutableList.of()).build());
                }
            }
            if (!statements.isEmpty()) {
                policies.add(Policy.of(statements));
            }
        }
        return policies;
    }

    /**
     * What the identity policies grant, whatever their conditions, asked of one action on a resource: a concrete
     * ARN by the evaluator, a pattern (an ancestor of {@code arn:aws:glue:*:*:table/*}) as a pattern, by whether
     * an Allow statement names the action on a resource covering it. A pattern is never made into a request.
     */
    private final class IdentityGrants {
        private final Evaluator evaluator;
        private final List<Statement> allows = new ArrayList<>();

        IdentityGrants(List<Policy> policies) {
            this.evaluator = Evaluator.compile(Policies.identity(policies));
            for (Policy policy : policies) {
                for (Statement statement : policy.statements()) {
                    if (statement.effect() == Effect.ALLOW) {
                        allows.add(statement);
                    }
                }
            }
        }

        boolean allows(ActionDefinition action, Resource resource) {
            if (!resource.isWildcard() && !resource.isShortPattern()) {
                try {
                    return evaluator
                            .evaluate(Request.of(action.action().toString(), resource.pattern()))
                            .decision()
                            .isAllowed();
                } catch (IllegalArgumentException notAnArn) {
                    // A literal that is no request ARN (a variable, an account "aws"): read it as a pattern.
                }
            }
            for (Statement statement : allows) {
                boolean actionMatches = statement.notActions().isEmpty()
                        ? statement.actions().stream().anyMatch(pattern -> grants(pattern, action))
                        : statement.notActions().stream().noneMatch(pattern -> grants(pattern, action));
                // NotResource is read as granting: an ancestor lint must never invent a missing grant.
                boolean resourceMatches = !statement.notResources().isEmpty()
                        || statement.resources().isEmpty()
                        || statement.resources().stream().anyMatch(granted -> granted.covers(resource));
                if (actionMatches && resourceMatches) {
                    return true;
                }
            }
            return false;
        }

        private boolean grants(Action pattern, ActionDefinition action) {
            return pattern.equals(Action.ALL)
                    || (pattern.isWildcard()
                            ? catalog.matching(pattern).contains(action)
                            : pattern.toString()
                                    .equalsIgnoreCase(action.action().toString()));
        }
    }

    private static @Nullable Parsed parse(PolicyInput input, boolean boundary, List<Finding> findings) {
        PolicyInput.Unreadable unreadable = input.unreadable();
        if (unreadable != null) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "INVALID_POLICY",
                    unreadable.detail(),
                    input.name(),
                    "",
                    unreadable.line(),
                    unreadable.column()));
            return null;
        }
        try {
            return new Parsed(input, PolicySource.parse(input.json()), boundary);
        } catch (PolicyFormatException e) {
            PolicySource.Location at = e.line() > 0
                    ? new PolicySource.Location(e.pointer(), e.line(), Math.max(1, e.column()))
                    : PolicySource.locate(input.json(), e.pointer());
            findings.add(new Finding(
                    Severity.ERROR, "INVALID_POLICY", e.detail(), input.name(), at.pointer(), at.line(), at.column()));
            return null;
        }
    }

    // ---- coverage -------------------------------------------------------------------------------------------

    // ---- lint -------------------------------------------------------------------------------------------------

    private void lint(Parsed file, IdentityGrants identity, List<Requirement> required, List<Finding> findings) {
        Policy policy = file.source.policy();
        StatementLint.Sink sink =
                (severity, code, pointer, message) -> add(findings, file, severity, code, pointer, message);
        boolean versionWritten = file.source.locate("/Version").pointer().equals("/Version");
        statementLint.version(policy, versionWritten, file.input.json(), sink);
        statementLint.passRolePaths(policy, file.boundary(), sink);
        statementLint.duplicateActions(file.input.json(), sink);
        PolicySize size = PolicySize.of(policy);
        if (!size.fits(PolicyLimit.MANAGED)) {
            // IAM refuses to create a customer managed policy over the quota (IAM and AWS STS quotas); AWS's own
            // managed policies are exempt and some exceed it.
            add(
                    findings,
                    file,
                    Severity.ERROR,
                    "POLICY_SIZE",
                    "",
                    String.format(
                            Locale.ROOT,
                            "The policy has %,d characters without whitespace; IAM accepts at most %,d in a customer %s",
                            size.characters(),
                            PolicyLimit.MANAGED.characters(),
                            PolicyLimit.MANAGED.description()));
        }
        Set<String> sids = new LinkedHashSet<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            String at = "/Statement/" + i;
            if (statement.sid() != null) {
                if (!SID.matcher(statement.sid()).matches()) {
                    add(
                            findings,
                            file,
                            Severity.ERROR,
                            "INVALID_SID",
                            at + "/Sid",
                            "Sid " + InputRules.quote(statement.sid())
                                    + " is not valid in an IAM policy: only letters and digits are allowed");
                } else if (!sids.add(statement.sid())) {
                    add(
                            findings,
                            file,
                            Severity.ERROR,
                            "DUPLICATE_SID",
                            at + "/Sid",
                            "Sid " + InputRules.quote(statement.sid())
                                    + " is used twice; IAM requires Sids to be unique within a policy");
                }
            }
            // Principal and a missing Resource: IdentityPolicyGrammar, reported where the stack is built.
            boolean allow = statement.effect() == Effect.ALLOW;
            if (allow && !statement.notActions().isEmpty()) {
                add(
                        findings,
                        file,
                        Severity.SECURITY_WARNING,
                        "ALLOW_WITH_NOT_ACTION",
                        at + "/NotAction",
                        "Allow with NotAction grants every action not listed, including future ones; list the"
                                + " actions instead");
            }
            if (allow && !statement.notResources().isEmpty()) {
                add(
                        findings,
                        file,
                        Severity.SECURITY_WARNING,
                        "ALLOW_WITH_NOT_RESOURCE",
                        at + "/NotResource",
                        "Allow with NotResource grants every resource not listed; list the resources instead");
            }
            try {
                lintActions(file, statement, at, identity, required, findings);
                statementLint.statement(statement, at, file.boundary(), sink);
            } catch (RuntimeException e) {
                // Fail closed, file by file: a statement leastpriv cannot read fails the check with its location,
                // and the other statements and files are still checked.
                add(findings, file, Severity.ERROR, "CHECK_FAILED", at, couldNotCheck(e));
            }
        }
    }

    private static String couldNotCheck(RuntimeException e) {
        return "leastpriv could not check this statement, so it vouches for nothing in it ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }

    private void lintActions(
            Parsed file,
            Statement statement,
            String at,
            IdentityGrants identity,
            List<Requirement> required,
            List<Finding> findings) {
        boolean allow = statement.effect() == Effect.ALLOW;
        String actionsKey = statement.actions().isEmpty() ? "/NotAction/" : "/Action/";
        List<Action> actions =
                List.copyOf(statement.actions().isEmpty() ? statement.notActions() : statement.actions());
        List<Resource> resources = List.copyOf(statement.resources());
        for (int j = 0; j < actions.size(); j++) {
            Action pattern = actions.get(j);
            String pointer = at + actionsKey + j;
            if (pattern.equals(Action.ALL) || pattern.name().equals("*")) {
                if (allow && !file.boundary() && statement.notActions().isEmpty()) {
                    add(
                            findings,
                            file,
                            Severity.SECURITY_WARNING,
                            "UNSAFE_ACTION_WILDCARD",
                            pointer,
                            InputRules.quote(pattern) + " grants every action of "
                                    + (pattern.equals(Action.ALL) ? "every service" : "the service")
                                    + ", including future ones");
                }
                if (pattern.equals(Action.ALL)) {
                    continue;
                }
            }
            ImmutableList<ActionDefinition> matching = catalog.matching(pattern);
            if (matching.isEmpty()) {
                if (catalog.hasService(pattern.service().toLowerCase(Locale.ROOT))) {
                    add(
                            findings,
                            file,
                            byCatalog(pattern.service()),
                            "UNKNOWN_ACTION",
                            pointer,
                            InputRules.quote(pattern) + " matches no action of " + pattern.service() + " (catalog "
                                    + catalog.source() + " " + catalog.version() + ")");
                } else if (!unknownServiceReported(findings, file, pattern.service())) {
                    // Once per service and file: a policy with 200 actions of one unknown service is one fact.
                    add(
                            findings,
                            file,
                            Severity.WARNING,
                            "UNKNOWN_SERVICE",
                            pointer,
                            "Service \""
                                    + pattern.service() + "\" is no AWS service in the catalog (" + catalog.source()
                                    + " " + catalog.version() + "), a typo?; its actions (first "
                                    + InputRules.quote(pattern) + ") grant nothing and were not checked");
                }
                continue;
            }
            if (!statement.notActions().isEmpty() || resources.isEmpty()) {
                continue;
            }
            lintResources(file, statement, at, pointer, pattern, matching, resources, identity, required, findings);
        }
        for (int k = 0; k < resources.size(); k++) {
            Resource resource = resources.get(k);
            String[] parts = resource.pattern().split(":", 6);
            if (parts.length == 6 && parts[2].equals("kms") && parts[5].startsWith("alias/")) {
                add(
                        findings,
                        file,
                        Severity.ERROR,
                        "KMS_ALIAS_RESOURCE",
                        at + "/Resource/" + k,
                        InputRules.quote(resource)
                                + " is an alias ARN: it governs the alias, never the key, so kms:Decrypt"
                                + " and kms:GenerateDataKey are not granted; use the key ARN");
            }
            if (allow && !file.boundary() && resource.equals(Resource.ALL)) {
                boolean scoped = actions.stream()
                        .flatMap(a -> catalog.matching(a).stream())
                        .anyMatch(d -> !d.isWildcardOnly());
                if (scoped && statement.notActions().isEmpty()) {
                    add(
                            findings,
                            file,
                            Severity.SECURITY_WARNING,
                            "UNSAFE_RESOURCE_WILDCARD",
                            at + "/Resource/" + k,
                            "\"Resource\": \"*\" for actions that support resource-level permissions; name the"
                                    + " resources the connector needs");
                }
            }
            lintCatalogCase(file, at + "/Resource/" + k, resource, required, findings);
        }
    }

    private void lintResources(
            Parsed file,
            Statement statement,
            String at,
            String pointer,
            Action pattern,
            List<ActionDefinition> matching,
            List<Resource> resources,
            IdentityGrants identity,
            List<Requirement> required,
            List<Finding> findings) {
        List<String> neverMatch = new ArrayList<>();
        for (ActionDefinition definition : matching) {
            boolean any = resources.stream()
                    .anyMatch(r -> catalog.canMatch(definition, r)
                            || (definition.isWildcardOnly() && wholeService(r, definition)));
            if (!any) {
                neverMatch.add(definition.action().toString());
            }
        }
        if (!neverMatch.isEmpty() && neverMatch.size() == matching.size()) {
            ActionDefinition first = matching.get(0);
            boolean wildcardOnly = matching.stream().allMatch(ActionDefinition::isWildcardOnly);
            String code = wildcardOnly ? "WILDCARD_ONLY_ACTION_SCOPED" : "RESOURCE_MISMATCH";
            String why = wildcardOnly
                    ? " has no resource types, so only \"Resource\": \"*\" grants it; this statement grants nothing"
                    : " can never match the listed resources (expected "
                            + String.join(
                                    " or ",
                                    first.resourceTypes().stream()
                                            .flatMap(t -> t.arnFormats().stream())
                                            .toList())
                            + ")";
            add(findings, file, byCatalog(pattern.service()), code, pointer, InputRules.quote(pattern) + why);
        }
        if (statement.effect() != Effect.ALLOW) {
            return;
        }
        // Glue checks every ancestor: a table-level grant needs the root catalog and the database too.
        for (int k = 0; k < resources.size(); k++) {
            String[] parts = resources.get(k).pattern().split(":", 6);
            if (parts.length != 6 || !parts[2].equals("glue")) {
                continue;
            }
            List<String> ancestors = new ArrayList<>();
            String base = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) + ":";
            if (parts[5].startsWith("database/") || parts[5].startsWith("table/")) {
                ancestors.add(base + "catalog");
            }
            if (parts[5].startsWith("table/")) {
                String rest = parts[5].substring("table/".length());
                int slash = rest.indexOf('/');
                ancestors.add(base + "database/" + (slash < 0 ? rest : rest.substring(0, slash)));
            }
            for (String ancestor : ancestors) {
                List<String> missing = new ArrayList<>();
                for (ActionDefinition definition : matching) {
                    boolean needsAncestors = definition.resourceTypes().stream()
                            .anyMatch(t -> t.required() && t.name().equals("rootcatalog"));
                    if (needsAncestors && !identity.allows(definition, Resource.parse(ancestor))) {
                        missing.add(definition.action().toString());
                    }
                }
                if (!missing.isEmpty()) {
                    add(
                            findings,
                            file,
                            Severity.ERROR,
                            "GLUE_ANCESTOR_MISSING",
                            at + "/Resource/" + k,
                            String.join(", ", missing) + " on " + InputRules.quote(resources.get(k)) + " also needs "
                                    + InputRules.quote(ancestor)
                                    + ", which no statement allows: Glue checks the root catalog, the database and"
                                    + " the table");
                }
            }
        }
    }

    /**
     * Whether {@code resource} names every resource of the action's service ({@code arn:aws:s3:::*},
     * {@code arn:aws:iam::*:*}): AWS's own guide grants {@code s3:ListAllMyBuckets} on {@code arn:aws:s3:::*}, so
     * such a pattern is not reported as scoping a wildcard-only action.
     */
    private static boolean wholeService(Resource resource, ActionDefinition action) {
        String[] parts = resource.pattern().split(":", 6);
        return parts.length == 6 && parts[5].equals("*") && parts[2].equalsIgnoreCase(action.service());
    }

    /** A datacatalog ARN that differs from a required one only in case never matches: IAM compares exactly. */
    private static void lintCatalogCase(
            Parsed file, String pointer, Resource resource, List<Requirement> required, List<Finding> findings) {
        if (!resource.pattern().contains(":datacatalog/")) {
            return;
        }
        // A spelling that is itself required grants what it should, even when the other spelling is required too
        // (both catalog cases).
        boolean requiredAsWritten = required.stream()
                .flatMap(access -> access.resources().stream())
                .anyMatch(wanted -> wanted.pattern().equals(resource.pattern()));
        if (requiredAsWritten) {
            return;
        }
        for (Requirement access : required) {
            for (Resource wanted : access.resources()) {
                if (wanted.pattern().equalsIgnoreCase(resource.pattern())
                        && !wanted.pattern().equals(resource.pattern())) {
                    add(
                            findings,
                            file,
                            Severity.WARNING,
                            "CATALOG_CASE",
                            pointer,
                            InputRules.quote(resource) + " differs only in case from " + InputRules.quote(wanted)
                                    + ", the spelling the connector sends;"
                                    + " IAM compares resource names case-sensitively, so it grants nothing for "
                                    + access.feature());
                    return;
                }
            }
        }
    }

    private static Severity byCatalog(String service) {
        return VETTED_SERVICES.contains(service.toLowerCase(Locale.ROOT)) ? Severity.ERROR : Severity.WARNING;
    }

    private static void add(
            List<Finding> findings, Parsed file, Severity severity, String code, String pointer, String message) {
        PolicySource.Location location = file.source.locate(pointer);
        findings.add(new Finding(
                severity, code, message, file.input.name(), location.pointer(), location.line(), location.column()));
    }
}

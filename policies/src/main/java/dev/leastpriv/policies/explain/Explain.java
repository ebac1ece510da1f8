package dev.leastpriv.policies.explain;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.explain.DenialExplanation.Outcome;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Explains AccessDenied messages against a connection's requirements, offline: the one library entry point of
 * {@code explain}.
 *
 * <pre>{@code
 * PolicyRequest request = PolicyRequest.of(connection, Profile.OPENMETADATA, ImmutableSet.of());
 * DenialReport report = Explain.explain(request, AccessDeniedParser.parse(log));
 * }</pre>
 *
 * <p>A denial matches a requirement when the actions are equal (IAM compares them without case) and the
 * requirement's resources allow the denied resource, decided by the offline evaluator over a policy that grants the
 * requirement alone; a message that names no resource, or one that is not a valid ARN (a redacted account), matches
 * on the action and says so. A denial no requirement matches is "not needed": leastpriv never proposes to grant it,
 * and says which other feature of the same connector (or Lake Formation) would need it.
 */
public final class Explain {

    private static final String EVALUATION_LOGIC =
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";

    private final PolicyRequest request;
    private final ImmutableList<Requirement> requirements;
    private final Map<Requirement, Evaluator> evaluators = new LinkedHashMap<>();
    private @Nullable List<Alternative> alternatives;

    private Explain(PolicyRequest request) {
        this.request = request;
        this.requirements = RequirementSet.of(request).requirements();
    }

    /**
     * {@return each denial explained against the requirements of {@code request}, in order}
     *
     * @throws IllegalArgumentException if the request renders placeholders: a documentation template matches no
     *     real ARN
     */
    public static DenialReport explain(PolicyRequest request, List<AccessDenied> denials) {
        checkNotNull(request, "request");
        checkNotNull(denials, "denials");
        request.requireValues("explaining an AccessDenied message");
        Explain explain = new Explain(request);
        return new DenialReport(
                request, denials.stream().map(explain::explain).collect(ImmutableList.toImmutableList()));
    }

    /** Requirements of a feature (or setting) the connection does not have on, and what to call it. */
    private record Alternative(String label, ImmutableList<Requirement> requirements, boolean real) {}

    private DenialExplanation explain(AccessDenied denial) {
        List<String> notes = new ArrayList<>(principalNotes(denial));
        Action action = denial.action();
        if (action == null) {
            return withoutAction(denial, notes);
        }
        boolean comparable = comparable(denial.resource());
        if (denial.resource() != null && !comparable) {
            notes.add("the resource " + denial.resource()
                    + " is not a complete ARN (redacted?), so it was matched on the action alone");
        }
        ImmutableList<Requirement> matched = requirements.stream()
                .filter(r -> matches(r, denial, comparable))
                .collect(ImmutableList.toImmutableList());
        if (matched.isEmpty()) {
            return notNeeded(denial, notes, comparable);
        }
        DenialCause cause = denial.cause();
        if (cause == DenialCause.NO_IDENTITY_POLICY || cause == DenialCause.UNKNOWN) {
            if (cause == DenialCause.UNKNOWN) {
                notes.add("the message names no cause (the older form, or a wrapper that hides it): the statements"
                        + " below are what the connector needs; if the role already allows them, another policy"
                        + " blocks the call (a boundary, an SCP, a resource policy), which a preflight of the role"
                        + " shows");
            }
            return new DenialExplanation(
                    denial,
                    Outcome.GRANT,
                    matched,
                    ImmutableList.of(),
                    FixLocation.IDENTITY_POLICY,
                    "add the statements below to the identity-based policy of "
                            + denial.role().orElse("the connector's role"),
                    ImmutableList.copyOf(notes),
                    grant(matched));
        }
        return new DenialExplanation(
                denial,
                Outcome.ELSEWHERE,
                matched,
                ImmutableList.of(),
                cause.location(),
                elsewhere(denial),
                ImmutableList.copyOf(notes),
                null);
    }

    /** The fix, in words, for a needed call that the role's own Allow cannot unblock. */
    private static String elsewhere(AccessDenied denial) {
        String policy = denial.policyArn() == null ? "" : " (" + denial.policyArn() + ")";
        String denyWins = ". Adding an Allow does not help: an explicit deny overrides every allow (IAM policy"
                + " evaluation logic, " + EVALUATION_LOGIC + ")";
        String what = denial.action() + (denial.resource() == null ? "" : " on " + denial.resource());
        return switch (denial.cause()) {
            case IDENTITY_POLICY_DENY ->
                "a Deny statement in an identity-based policy of the role" + policy + " denies " + what
                        + ": remove or narrow that statement" + denyWins;
            case PERMISSIONS_BOUNDARY ->
                "the role's permissions boundary" + policy + " must allow " + what
                        + " too (a request must be allowed by both the identity policy and the boundary): whoever sets"
                        + " the boundary must add it";
            case PERMISSIONS_BOUNDARY_DENY ->
                "a Deny statement in the role's permissions boundary" + policy + " denies " + what
                        + ": whoever sets the boundary must remove or narrow it" + denyWins;
            case SCP, SCP_DENY ->
                "a service control policy of AWS Organizations" + policy + " blocks " + what
                        + ": only the organization's administrators (in the management account) can change it, and no"
                        + " policy in this account can fix it. AWS writes \"explicit deny\" for an SCP even when the"
                        + " denial is implicit (IAM User Guide, troubleshoot_access-denied)";
            case RCP, RCP_DENY ->
                "a resource control policy of AWS Organizations" + policy + " blocks " + what
                        + ": only the organization's administrators can change it" + denyWins;
            case SESSION_POLICY ->
                "the session policy passed when the role was assumed (AssumeRole's Policy or"
                        + " PolicyArns) does not allow " + what
                        + ": whoever assumes the role must pass a session policy"
                        + " that allows it, or none";
            case SESSION_POLICY_DENY ->
                "the session policy passed when the role was assumed" + policy + " denies " + what
                        + ": whoever assumes the role must change it" + denyWins;
            case RESOURCE_POLICY -> resourcePolicy(denial) + " must allow " + what + " for the role";
            case RESOURCE_POLICY_DENY ->
                "a Deny statement in " + resourcePolicy(denial) + policy + " denies " + what
                        + ": its owner must remove or narrow it" + denyWins;
            case VPC_ENDPOINT_POLICY ->
                "the policy of the VPC endpoint the request went through must allow " + what
                        + ": the network's administrators own it";
            case VPC_ENDPOINT_POLICY_DENY ->
                "the policy of the VPC endpoint the request went through" + policy + " denies " + what
                        + ": the network's administrators own it" + denyWins;
            case TRUST_POLICY ->
                "the trust policy of the role to assume must let " + denial.principal()
                        + " assume it (and the caller needs sts:AssumeRole on the role)";
            default -> "the message does not say which policy blocks " + what;
        };
    }

    /** {@return the resource policy, in words, of the denied resource's service} */
    private static String resourcePolicy(AccessDenied denial) {
        String service =
                denial.action() == null ? "" : denial.action().service().toLowerCase(Locale.ROOT);
        String resource = denial.resource() == null ? "" : " of " + denial.resource();
        return switch (service) {
            case "s3" -> "the bucket policy" + resource;
            case "kms" ->
                "the key policy" + resource
                        + " (KMS needs the key policy to allow the role, directly or by trusting the account's IAM"
                        + " policies; https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)";
            case "glue" ->
                "the Glue Data Catalog resource policy of the account that owns the catalog" + resource
                        + " (a cross-account catalog needs it; glue:PutResourcePolicy in the owner account)";
            case "lambda" -> "the function's resource-based policy" + resource;
            default -> "the resource's own policy" + resource;
        };
    }

    private DenialExplanation withoutAction(AccessDenied denial, List<String> notes) {
        if (denial.cause() == DenialCause.LAKE_FORMATION) {
            ImmutableList<Requirement> glue = requirements.stream()
                    .filter(r -> r.action().service().equals("glue")
                            && (denial.operation() == null || r.action().name().equalsIgnoreCase(denial.operation())))
                    .collect(ImmutableList.toImmutableList());
            return new DenialExplanation(
                    denial,
                    Outcome.ELSEWHERE,
                    glue,
                    ImmutableList.of(),
                    FixLocation.LAKE_FORMATION,
                    "Lake Formation refused, not IAM: a data lake administrator must grant "
                            + denial.role().orElse("the connector's role")
                            + " Lake Formation permissions (DESCRIBE on the databases and tables for metadata, SELECT"
                            + " for the features that read data), to the role ARN, never the session ARN. No IAM"
                            + " policy replaces a Lake Formation grant",
                    ImmutableList.copyOf(notes),
                    null);
        }
        // S3's bare 403 and Athena's wrapper name nothing: the S3 requirements are the candidates (Athena's
        // "Insufficient permissions to execute the query" is usually S3 access: athena-connector-needs.md A5).
        String s3Action = s3Action(denial.operation());
        ImmutableList<Requirement> candidates = requirements.stream()
                .filter(r -> r.action().service().equals("s3")
                        && (s3Action == null || r.action().name().equals(s3Action)))
                .collect(ImmutableList.toImmutableList());
        notes.add("S3 names the action, the resource and the policy only for requests within the bucket owner's"
                + " account or organization (Amazon S3 User Guide, troubleshoot-403-errors); a bare 403 may also be"
                + " a bucket policy, object ownership (ACLs), Requester Pays, or a KMS key");
        return new DenialExplanation(
                denial,
                Outcome.UNDETERMINED,
                candidates,
                ImmutableList.of(),
                FixLocation.UNKNOWN,
                "the message names no action, resource or policy: check the listed requirements against the role"
                        + " with a preflight, and the bucket policies of the buckets they name",
                ImmutableList.copyOf(notes),
                null);
    }

    /** {@return the S3 action an SDK operation needs, when the name says it; null when it does not} */
    private static @Nullable String s3Action(@Nullable String operation) {
        if (operation == null) {
            return null;
        }
        return switch (operation) {
            case "GetObject", "HeadObject" -> "GetObject";
            case "PutObject" -> "PutObject";
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> "ListBucket";
            case "GetBucketLocation" -> "GetBucketLocation";
            default -> null;
        };
    }

    private DenialExplanation notNeeded(AccessDenied denial, List<String> notes, boolean comparable) {
        Action action = checkNotNull(denial.action());
        List<Requirement> sameAction = requirements.stream()
                .filter(r -> sameAction(r.action(), action))
                .toList();
        if (!sameAction.isEmpty()) {
            notes.add("the connector needs " + action + " only on "
                    + sameAction.stream()
                            .flatMap(r -> r.resources().stream())
                            .map(Object::toString)
                            .distinct()
                            .collect(Collectors.joining(", "))
                    + ": the tool reached a resource outside the connection (another database, catalog, workgroup,"
                    + " region or account?); if it should reach it, add it to the connection and render again");
        }
        Set<String> neededWith = new LinkedHashSet<>();
        for (Alternative alternative : alternatives()) {
            for (Requirement r : alternative.requirements()) {
                if (alternative.real() ? matches(r, denial, comparable) : sameAction(r.action(), action)) {
                    neededWith.add(alternative.label());
                    break;
                }
            }
        }
        String connector = request.profile().displayName();
        String fix = "nothing to grant: " + connector + " as configured ("
                + request.features().stream().map(Feature::id).collect(Collectors.joining(", "))
                + ") does not need " + action + (denial.resource() == null ? "" : " on " + denial.resource())
                + (neededWith.isEmpty()
                        ? "; leastpriv knows no feature of " + connector + " that does: the caller may be another"
                                + " tool, or the connector configured otherwise than this connection"
                        : "; it is needed only with " + String.join(" or ", neededWith)
                                + ", which this connection does not turn on");
        return new DenialExplanation(
                denial,
                Outcome.NOT_NEEDED,
                ImmutableList.of(),
                ImmutableList.copyOf(neededWith),
                FixLocation.NONE,
                fix,
                ImmutableList.copyOf(notes),
                null);
    }

    /** The other features of the profile, and Lake Formation, each planned on this connection; computed once. */
    private List<Alternative> alternatives() {
        if (alternatives != null) {
            return alternatives;
        }
        List<Alternative> found = new ArrayList<>();
        for (Feature feature : request.profile().features()) {
            if (request.features().contains(feature)) {
                continue;
            }
            EnumSet<Feature> with = EnumSet.of(feature);
            with.addAll(request.features());
            Optional<Alternative> alternative =
                    plan(request.connection(), with, feature, "the " + feature.id() + " feature");
            alternative.ifPresent(found::add);
        }
        if (!request.connection().lakeFormation()) {
            Connection governed =
                    request.connection().toBuilder().lakeFormation(true).build();
            try {
                Set<Requirement> base = ImmutableSet.copyOf(requirements);
                ImmutableList<Requirement> extra =
                        RequirementSet.of(PolicyRequest.of(governed, request.profile(), request.features()))
                                .requirements()
                                .stream()
                                .filter(r -> !base.contains(r))
                                .collect(ImmutableList.toImmutableList());
                found.add(new Alternative("Lake Formation (tables governed by Lake Formation)", extra, true));
            } catch (IllegalArgumentException e) {
                // a connection that cannot take Lake Formation names no alternative
            }
        }
        alternatives = found;
        return found;
    }

    /**
     * {@return the requirements {@code feature} adds to the connection}: planned with the connection's values, or,
     * when the feature needs an input the connection lacks (federated-query's Lambda functions), as a template
     * whose placeholders match on the action alone
     */
    private Optional<Alternative> plan(Connection connection, Set<Feature> features, Feature feature, String label) {
        for (boolean real : new boolean[] {true, false}) {
            try {
                PolicyRequest other = real
                        ? PolicyRequest.of(connection, request.profile(), features)
                        : PolicyRequest.template(connection, request.profile(), features);
                ImmutableList<Requirement> added = RequirementSet.of(other).requirements().stream()
                        .filter(r -> r.feature() == feature)
                        .collect(ImmutableList.toImmutableList());
                return Optional.of(new Alternative(label, added, real));
            } catch (IllegalArgumentException e) {
                // try the template; a feature that cannot be planned at all names no alternative
            }
        }
        return Optional.empty();
    }

    private boolean matches(Requirement requirement, AccessDenied denial, boolean comparable) {
        Action action = checkNotNull(denial.action());
        if (!sameAction(requirement.action(), action)) {
            return false;
        }
        String resource = denial.resource();
        if (resource == null || !comparable) {
            return true;
        }
        Evaluator evaluator = evaluators.computeIfAbsent(
                requirement,
                r -> Evaluator.compile(Policies.identity(Policy.of(Statement.allow()
                        .addAction(r.action())
                        .resources(r.resources())
                        .build()))));
        return evaluator
                .evaluate(Request.builder()
                        .action(requirement.action())
                        .resource(resource)
                        .build())
                .decision()
                .isAllowed();
    }

    private static boolean sameAction(Action a, Action b) {
        return a.service().equalsIgnoreCase(b.service()) && a.name().equalsIgnoreCase(b.name());
    }

    /** {@return whether {@code resource} is an ARN the evaluator can decide on} */
    private static boolean comparable(@Nullable String resource) {
        return resource != null && (resource.equals("*") || Arn.isValid(resource));
    }

    /** {@return the statements that grant {@code matched}, rendered and packed as {@code generate} does} */
    private PolicySet grant(ImmutableList<Requirement> matched) {
        Policy policy = PolicyRenderer.render(new RequirementSet(request, matched, ImmutableList.of()))
                .policy();
        return PolicyPacking.pack(policy, PolicyLimit.MANAGED.characters(), Integer.MAX_VALUE);
    }

    /** {@return what the principal and the resource of the message say about the connection} */
    private List<String> principalNotes(AccessDenied denial) {
        List<String> notes = new ArrayList<>();
        Optional<String> role = denial.role();
        if (role.isPresent() && denial.roleFromSession()) {
            notes.add("the principal is a session of the role " + role.get() + " (a session ARN does not show the"
                    + " role's path: that ARN is right only for a role at path /; iam:GetRole gives the real one)");
        }
        String account = request.connection().account() == null
                ? null
                : request.connection().account().value();
        Optional<String> principalAccount = denial.principalAccount();
        if (account != null
                && principalAccount.isPresent()
                && !principalAccount.get().equals(account)) {
            notes.add("the principal is in account " + principalAccount.get() + ", the connection in " + account
                    + ": the connector runs with other credentials than this connection describes, or calls across"
                    + " accounts, where the resource's owner must allow the call too");
        }
        String resource = denial.resource();
        if (resource != null && Arn.isValid(resource)) {
            Arn arn = Arn.parse(resource);
            if (account != null && arn.hasAccount() && !arn.account().equals(account)) {
                notes.add("the resource is in account " + arn.account() + ", not the connection's " + account
                        + ": a cross-account resource needs its owner's resource policy as well");
            }
            String region = request.connection().region() == null
                    ? null
                    : request.connection().region().toString();
            if (region != null && arn.hasRegion() && !arn.region().equals(region)) {
                notes.add("the resource is in region " + arn.region() + ", the connection in " + region
                        + ": grants are per region, so the connector may be configured for another region");
            }
        }
        return notes;
    }
}

package dev.leastpriv.assertj;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.assertj.Grants.Answer;
import dev.leastpriv.assertj.Grants.Grant;
import dev.leastpriv.assertj.Grants.Outcome;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.OverGrant;
import dev.leastpriv.policies.check.PolicyCheck;
import dev.leastpriv.policies.check.PolicyInput;
import dev.leastpriv.policies.check.ResourceResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on identity policies: the policies of a {@link PolicySet} together, as one role's identity policies
 * (a single policy is a set of one). Get one from {@link LeastPrivAssertions#assertThat(dev.leastpriv.core.Policy)}.
 *
 * <p>Every method asserts by itself. {@link #allows(String)} alone asserts the action is allowed on at least one
 * resource, and its {@code .on(…)} asserts it on the resources a test names. {@link #doesNotAllow(String)} alone
 * asserts the action is allowed nowhere; to deny it on some resources while it is allowed on others, name them:
 * {@link #doesNotAllow(String, String, String...)}. (A chained {@code doesNotAllow(action).on(…)} could not work: the
 * "nowhere" check would already have failed for an action the policy rightly grants elsewhere.)
 *
 * <p>Decisions come from leastpriv's offline evaluator with identity policies only (no permissions boundary, SCP or
 * resource policy). An answer that depends on a condition whose context key was not given with
 * {@link #withContext} is not decided, and neither {@code allows} nor {@code doesNotAllow} passes on it.
 */
public final class PolicyAssert extends AbstractAssert<PolicyAssert, PolicySet> {

    private final Map<String, ImmutableList<String>> context = new LinkedHashMap<>();
    private @Nullable Grants grants;

    PolicyAssert(@Nullable PolicySet actual) {
        super(actual, PolicyAssert.class);
    }

    /**
     * Evaluates the following {@code allows} and {@code doesNotAllow} checks with this request context key, e.g.
     * {@code withContext("aws:SourceIp", "203.0.113.7")}; a later call for the same key replaces its values.
     *
     * @throws IllegalArgumentException if the key is null or empty
     */
    @CanIgnoreReturnValue
    public PolicyAssert withContext(String key, String... values) {
        checkArgument(key != null && !key.isEmpty(), "The context key must not be null or empty");
        checkArgument(values != null, "The context values must not be null");
        context.put(key, ImmutableList.copyOf(values));
        return myself;
    }

    /**
     * Asserts that {@code action} is allowed on at least one resource, and returns an object whose
     * {@link PolicyActionAssert#on on(…)} asserts it on the resources a test names.
     *
     * <p>On its own it checks every resource an Allow statement names for the action (a Resource entry, or
     * {@code *}): it fails when no Allow statement grants the action at all (a typo such as
     * {@code glue:GetTabels}), or when each such grant is cancelled by a Deny or rests on a condition. So a forgotten
     * {@code .on(…)} still asserts something, and the chain never passes unchecked.
     *
     * <pre>{@code
     * assertThat(policy).allows("glue:GetTables")
     *         .on("arn:aws:glue:eu-west-1:123456789012:catalog", "arn:aws:glue:eu-west-1:123456789012:database/sales");
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code action} is null, not an action or a wildcard pattern
     */
    @CanIgnoreReturnValue
    public PolicyActionAssert allows(String action) {
        Action parsed = action(action);
        isNotNull();
        ImmutableList<Grant> found = grants().grantsOf(parsed);
        List<Grant> applicable = found.stream().filter(Grant::applies).toList();
        String expecting = Messages.expecting(actual) + "to allow:\n  " + parsed + " on at least one resource\n";
        if (applicable.isEmpty()) {
            String inapplicable = found.stream()
                    .map(grant -> "\n  on " + grant.written() + " (" + Messages.statement(grant) + "): "
                            + parsed + " cannot apply to this resource"
                            + (grant.written().equals("*") ? "" : Messages.resourceTypes(parsed)))
                    .collect(Collectors.joining());
            throw failed(expecting + "but no Allow statement grants it" + unknownActionNote(parsed)
                    + (inapplicable.isEmpty()
                            ? ""
                            : "; these name it on resources it cannot apply to:" + inapplicable));
        }
        List<String> lines = new ArrayList<>();
        for (Grant grant : distinctProbes(applicable)) {
            Answer answer = grants().decide(parsed, grant.probe(), context);
            if (answer.outcome() == Outcome.ALLOWED) {
                return new PolicyActionAssert(this, parsed);
            }
            lines.add("  on " + grant.written() + " (" + Messages.statement(grant) + "): " + Messages.outcome(answer));
        }
        throw failed(expecting + "but it is allowed on none of the resources its Allow statements name:\n"
                + String.join("\n", lines));
    }

    /**
     * Asserts that {@code action} is allowed on no resource at all: every resource an Allow statement names for it
     * (conditions aside) is denied, by a Deny statement or because its conditions do not hold.
     *
     * @throws IllegalArgumentException if {@code action} is null, not an action or a wildcard pattern
     */
    @CanIgnoreReturnValue
    public PolicyAssert doesNotAllow(String action) {
        Action parsed = action(action);
        isNotNull();
        List<String> lines = new ArrayList<>();
        // A grant on a resource the action cannot apply to grants nothing in IAM.
        List<Grant> applicable =
                grants().grantsOf(parsed).stream().filter(Grant::applies).toList();
        for (Grant grant : distinctProbes(applicable)) {
            Answer answer = grants().decide(parsed, grant.probe(), context);
            if (answer.outcome() == Outcome.ALLOWED) {
                lines.add("  on " + grant.written() + ": " + Messages.outcome(answer));
            } else if (answer.outcome() == Outcome.UNDECIDED) {
                lines.add("  on " + grant.written() + " (" + Messages.statement(grant) + "): "
                        + Messages.outcome(answer));
            }
        }
        if (!lines.isEmpty()) {
            throw failed(Messages.expecting(actual) + "not to allow:\n  " + parsed + " on any resource\nbut:\n"
                    + String.join("\n", lines));
        }
        return myself;
    }

    /**
     * Asserts that {@code action} is allowed on none of these resources, whatever it is allowed on elsewhere. A
     * resource is an ARN or {@code *}; a {@code *} or {@code ?} inside an ARN is an ordinary character here, so
     * {@code arn:aws:s3:::lake/*} checks the object named {@code *}, which a pattern such as {@code lake/*} matches.
     *
     * <pre>{@code
     * assertThat(policy).doesNotAllow("s3:PutObject", "arn:aws:s3:::company-data-lake/warehouse/*");
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code action} or a resource is null or malformed
     */
    @CanIgnoreReturnValue
    public PolicyAssert doesNotAllow(String action, String resource, String... moreResources) {
        Action parsed = action(action);
        List<String> resources = resources(resource, moreResources);
        isNotNull();
        List<Answer> failures = new ArrayList<>();
        for (String each : resources) {
            Answer answer = grants().decide(parsed, each, context);
            if (answer.outcome() != Outcome.DENIED) {
                failures.add(answer);
            }
        }
        if (!failures.isEmpty()) {
            throw failed(Messages.expecting(actual) + "not to allow:\n" + onEach(parsed, resources) + "\n"
                    + but(failures, resources.size()));
        }
        return myself;
    }

    /**
     * Asserts that the policies allow every requirement of an {@link Profile#OPENMETADATA OpenMetadata} connection
     * with these features (none: the profile's default features) on every one of its resources, as
     * {@code leastpriv check} decides it.
     *
     * @throws IllegalArgumentException if the connection cannot be rendered for these features
     */
    @CanIgnoreReturnValue
    public PolicyAssert grantsEverythingFor(Connection connection, Feature... features) {
        return grantsEverythingFor(connection, Profile.OPENMETADATA, features);
    }

    /**
     * Asserts that the policies allow every requirement of {@code profile}'s connector on {@code connection} with
     * these features (none: the profile's default features) on every one of its resources, as
     * {@code leastpriv check} decides it. Lint findings do not count here; run {@code check} for them.
     *
     * @throws IllegalArgumentException if the connection cannot be rendered for the profile and features
     */
    @CanIgnoreReturnValue
    public PolicyAssert grantsEverythingFor(Connection connection, Profile profile, Feature... features) {
        PolicyRequest request = request(connection, profile, features);
        isNotNull();
        CheckReport report = check(request);
        List<String> lines = new ArrayList<>();
        for (Coverage coverage : report.missing()) {
            for (ResourceResult result : coverage.failures()) {
                lines.add("  " + coverage.requirement().feature() + ": "
                        + coverage.requirement().action() + " on "
                        + result.resource() + ": " + result.verdict().jsonValue() + " (" + result.explanation()
                        + ")");
            }
        }
        if (!lines.isEmpty()) {
            throw failed(Messages.expecting(actual) + "to grant everything " + profile.id() + " needs for "
                    + features(request) + ":\n  " + report.coverage().size() + " requirements\n"
                    + "but " + report.missing().size() + " of them "
                    + (report.missing().size() == 1 ? "is" : "are")
                    + " not allowed:\n" + String.join("\n", lines));
        }
        return myself;
    }

    /**
     * Asserts that no unconditional Allow statement grants an action on a resource that no requirement of an
     * {@link Profile#OPENMETADATA OpenMetadata} connection with these features needs (none: the profile's defaults).
     *
     * @throws IllegalArgumentException if the connection cannot be rendered for these features
     */
    @CanIgnoreReturnValue
    public PolicyAssert grantsNothingBeyond(Connection connection, Feature... features) {
        return grantsNothingBeyond(connection, Profile.OPENMETADATA, features);
    }

    /**
     * Asserts that no unconditional Allow statement grants an action on a resource that no requirement of
     * {@code profile}'s connector on {@code connection} with these features needs, as {@code leastpriv check} finds
     * over-grants: wildcards are expanded with leastpriv's action catalog, and NotAction or NotResource in an Allow
     * is always beyond. Conditional Allow statements are not judged here.
     *
     * @throws IllegalArgumentException if the connection cannot be rendered for the profile and features
     */
    @CanIgnoreReturnValue
    public PolicyAssert grantsNothingBeyond(Connection connection, Profile profile, Feature... features) {
        PolicyRequest request = request(connection, profile, features);
        isNotNull();
        CheckReport report = check(request);
        if (!report.overGrants().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (OverGrant overGrant : report.overGrants()) {
                List<String> actions = new ArrayList<>(overGrant.actions());
                overGrant.widerThanRequired().forEach(action -> actions.add(action + " (required on fewer resources)"));
                lines.add("  " + String.join(", ", actions) + " on "
                        + overGrant.resources().stream().map(Object::toString).collect(Collectors.joining(", "))
                        + " (" + (actual.policies().size() == 1 ? "" : overGrant.file() + " ") + "at "
                        + overGrant.pointer() + (overGrant.sid() == null ? "" : ", Sid " + overGrant.sid()) + ")");
            }
            throw failed(Messages.expecting(actual) + "to grant nothing beyond what " + profile.id() + " needs for "
                    + features(request) + "\nbut it also grants:\n" + String.join("\n", lines));
        }
        return myself;
    }

    /**
     * Asserts that every policy fits IAM's managed-policy size limit, 6,144 characters without whitespace
     * ({@link PolicyLimit#MANAGED}), as {@link PolicySize} counts them.
     */
    @CanIgnoreReturnValue
    public PolicyAssert fitsManagedPolicyLimit() {
        isNotNull();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < actual.policies().size(); i++) {
            PolicySize size = PolicySize.of(actual.policies().get(i));
            if (!size.fits(PolicyLimit.MANAGED)) {
                lines.add("  " + (actual.policies().size() == 1 ? "" : PolicySet.fileName(i) + ": ")
                        + Messages.number(size.characters()) + " characters");
            }
        }
        if (!lines.isEmpty()) {
            throw failed(Messages.expecting(actual) + "to fit the " + PolicyLimit.MANAGED.description() + " limit:\n  "
                    + Messages.number(PolicyLimit.MANAGED.characters()) + " characters (whitespace not counted)\n"
                    + (actual.policies().size() == 1 ? "but it has:\n" : "but these do not fit:\n")
                    + String.join("\n", lines));
        }
        return myself;
    }

    // ---- shared with PolicyActionAssert ---------------------------------------------------------------------

    /** Asserts that {@code action} is allowed on every one of {@code resources}. */
    void assertAllowedOn(Action action, String resource, String... moreResources) {
        List<String> resources = resources(resource, moreResources);
        List<Answer> failures = new ArrayList<>();
        for (String each : resources) {
            Answer answer = grants().decide(action, each, context);
            if (answer.outcome() != Outcome.ALLOWED) {
                failures.add(answer);
            }
        }
        if (!failures.isEmpty()) {
            throw failed(Messages.expecting(actual) + "to allow:\n" + onEach(action, resources) + "\n"
                    + but(failures, resources.size()));
        }
    }

    /** {@return the failure for {@code message} as it is (no format), honouring {@code as(…)} and overriding messages} */
    AssertionError failed(String message) {
        return failure("%s", message);
    }

    // ---- private ----------------------------------------------------------------------------------------------

    private Grants grants() {
        if (grants == null) {
            grants = new Grants(actual.policies(), ActionCatalog.standard());
        }
        return grants;
    }

    private CheckReport check(PolicyRequest request) {
        List<PolicyInput> inputs = new ArrayList<>();
        for (int i = 0; i < actual.policies().size(); i++) {
            inputs.add(new PolicyInput(
                    PolicySet.fileName(i), actual.policies().get(i).toJson()));
        }
        List<Requirement> required = RequirementSet.of(request).requirements();
        return Checks.POLICY_CHECK.check(inputs, null, required);
    }

    private static PolicyRequest request(Connection connection, Profile profile, Feature... features) {
        checkArgument(connection != null, "The connection must not be null");
        checkArgument(profile != null, "The profile must not be null");
        checkArgument(
                features != null && Arrays.stream(features).allMatch(f -> f != null), "The features must not be null");
        return PolicyRequest.of(connection, profile, Arrays.asList(features));
    }

    private static String features(PolicyRequest request) {
        return request.features().stream().map(Feature::id).collect(Collectors.joining(", "));
    }

    private static Action action(String action) {
        checkArgument(action != null, "The action to look for must not be null");
        Action parsed = Action.parse(action);
        checkArgument(
                !parsed.isWildcard(),
                "The action to look for must be one action, not the pattern \"%s\"; assert each action",
                action);
        return parsed;
    }

    private static List<String> resources(String resource, String... moreResources) {
        checkArgument(moreResources != null, "The resources must not be null");
        List<String> resources = new ArrayList<>();
        resources.add(resource);
        resources.addAll(Arrays.asList(moreResources));
        for (String each : resources) {
            checkArgument(each != null, "A resource to look for must not be null");
            if (!each.equals("*")) {
                Arn.parse(each); // an IllegalArgumentException naming the expected form
            }
        }
        return resources;
    }

    private static String onEach(Action action, List<String> resources) {
        return resources.stream().map(r -> "  " + action + " on " + r).collect(Collectors.joining("\n"));
    }

    /** The "but …" part: one sentence for a single resource, else one line per failing resource. */
    private static String but(List<Answer> failures, int resources) {
        if (resources == 1) {
            return "but " + Messages.outcome(failures.get(0));
        }
        return "but:\n"
                + failures.stream()
                        .map(answer -> "  on " + answer.resource() + ": " + Messages.outcome(answer))
                        .collect(Collectors.joining("\n"));
    }

    /** Grants with the same probe resource ask the same question; keep the first of each. */
    private static List<Grant> distinctProbes(List<Grant> grants) {
        Set<String> seen = new LinkedHashSet<>();
        return grants.stream().filter(grant -> seen.add(grant.probe())).toList();
    }

    private static String unknownActionNote(Action action) {
        ActionCatalog catalog = ActionCatalog.standard();
        String service = action.service().toLowerCase(java.util.Locale.ROOT);
        if (catalog.hasService(service) && catalog.action(action).isEmpty()) {
            return "; " + action + " is not an action of " + service + " in leastpriv's action catalog";
        }
        return "";
    }

    /** The validator's check, created on first use (it reads the bundled action catalog). */
    private static final class Checks {
        static final PolicyCheck POLICY_CHECK = PolicyCheck.create(ActionCatalog.standard());
    }
}

package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.Coverage;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Checks a live principal before ingestion: do its policies grant every requirement?
 *
 * <pre>{@code
 * ResolvedPrincipal role = PrincipalResolver.create(sts, iam).resolve(roleArn);
 * PreflightReport report = Preflight.simulate(iam).run(role, requirements);
 * }</pre>
 *
 * <p>Two back-ends give the same report. {@link #simulate} asks IAM's policy simulator, which sees every policy of
 * the principal, its permissions boundary and the organization's SCPs. {@link #fetch}, for callers without
 * {@code iam:SimulatePrincipalPolicy}, reads the role's policies ({@link RoleFetcher}) and evaluates them offline;
 * it cannot see SCPs. What neither can see is listed as caveats instead of being claimed as a pass.
 */
public final class Preflight {

    /** The back-ends. */
    public enum Mode {
        /** {@code iam:SimulatePrincipalPolicy}. */
        SIMULATE("simulate"),
        /** Read the role's policies and evaluate them offline. */
        FETCH("fetch");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** {@return the name on the command line: simulate or fetch} */
        public String id() {
            return id;
        }
    }

    private static final String LAKE_FORMATION = "Lake Formation grants are not IAM policies and are not checked:"
            + " under Lake Formation, \"allowed\" is necessary, not sufficient";
    private static final String KMS =
            "KMS key policies must also allow the role (or delegate to the account);" + " they are not read";
    private static final String BUCKETS = "Bucket policies of the results and data buckets are not read";

    static final ImmutableList<String> FETCH_CAVEATS = ImmutableList.of(
            LAKE_FORMATION,
            KMS,
            "Service control policies, resource control policies and session policies are not read in fetch mode",
            BUCKETS);
    // The simulator covers identity policies, the boundary and SCPs, not RCPs, session policies or resource
    // policies it is not given (iam-reference.md §1.5).
    static final ImmutableList<String> SIMULATE_CAVEATS = ImmutableList.of(
            LAKE_FORMATION,
            KMS,
            "Resource control policies and session policies are not simulated (IAM's simulator does not support"
                    + " them)",
            BUCKETS);

    private final Mode mode;
    private final IamClient iam; // owned by the caller, never closed here
    private final Consumer<String> progress;
    private final @Nullable Arn trusted;
    private final @Nullable String externalId;

    private Preflight(
            Mode mode, IamClient iam, Consumer<String> progress, @Nullable Arn trusted, @Nullable String externalId) {
        this.mode = mode;
        this.iam = iam;
        this.progress = progress;
        this.trusted = trusted;
        this.externalId = externalId;
    }

    /** {@return a preflight in simulate mode: asks {@code iam:SimulatePrincipalPolicy} with {@code iam}} */
    public static Preflight simulate(IamClient iam) {
        return new Preflight(Mode.SIMULATE, checkNotNull(iam, "iam"), message -> {}, null, null);
    }

    /** {@return a preflight in fetch mode: reads the role's policies with {@code iam}} */
    public static Preflight fetch(IamClient iam) {
        return new Preflight(Mode.FETCH, checkNotNull(iam, "iam"), message -> {}, null, null);
    }

    /** {@return a preflight in {@code mode}} */
    public static Preflight of(Mode mode, IamClient iam) {
        return checkNotNull(mode, "mode") == Mode.SIMULATE ? simulate(iam) : fetch(iam);
    }

    /** {@return this preflight, telling {@code listener} what it is doing while AWS calls run} */
    public Preflight withProgress(Consumer<String> listener) {
        return new Preflight(mode, iam, checkNotNull(listener, "listener"), trusted, externalId);
    }

    /**
     * {@return this preflight, also checking that the role's trust policy lets {@code trusted} (a SaaS account root,
     * role or user) assume it with {@code externalId} and nobody without it ({@link TrustCheck})}
     */
    public Preflight withTrust(Arn trusted, String externalId) {
        return new Preflight(
                mode, iam, progress, checkNotNull(trusted, "trusted"), checkNotNull(externalId, "externalId"));
    }

    /**
     * {@return the report for {@code principal} against the requirements of a connector} ({@link RequirementSet#of});
     * the report's {@link PreflightReport#fix} gives the statements that grant what is missing
     *
     * @throws IllegalArgumentException if the requirements are a documentation template (placeholders), or the fetch
     *     mode is asked about a user
     * @throws ValidatorException if an AWS call failed: the check is inconclusive
     */
    public PreflightReport run(ResolvedPrincipal principal, RequirementSet requirements) {
        checkNotNull(requirements, "requirements");
        requirements.request().requireValues("preflight");
        return run(principal, requirements.requirements());
    }

    /**
     * {@return the report for {@code principal} against {@code required}}, requirements of a connector or stated by
     * hand ({@link Requirement#stated})
     *
     * @throws IllegalArgumentException if the fetch mode is asked about a user (it reads roles)
     * @throws ValidatorException if an AWS call failed: the check is inconclusive
     */
    public PreflightReport run(ResolvedPrincipal principal, List<Requirement> required) {
        checkNotNull(principal, "principal");
        if (principal.kind() != ResolvedPrincipal.Kind.ROLE && (mode == Mode.FETCH || trusted != null)) {
            throw new InvalidInputException(
                    (mode == Mode.FETCH ? "The fetch mode reads roles" : "Trust policies" + " belong to roles") + "; "
                            + principal.arn() + " is a user: name the connector's role instead");
        }
        ImmutableList<TrustResult> trust = ImmutableList.of();
        if (mode == Mode.SIMULATE) {
            PrincipalSimulation simulation = new PrincipalSimulation(iam, progress);
            // The sentinels ride along on "*", which most connectors already ask about: rarely one more request.
            ImmutableList<Coverage> all = simulation.run(
                    principal.arn(),
                    ImmutableList.<Requirement>builder()
                            .addAll(required)
                            .addAll(ExcessGrants.SENTINELS)
                            .build());
            ImmutableList<Coverage> coverage = all.subList(0, required.size());
            ImmutableList<ExcessGrant> excess = ExcessGrants.ofSentinels(all.subList(required.size(), all.size()));
            if (trusted != null) {
                progress.accept("reading the trust policy of " + principal.arn());
                Policy trustPolicy = RoleFetcher.create(iam).trustPolicy(principal.arn());
                trust = TrustCheck.check(trustPolicy, principal.arn(), trusted, externalId);
            }
            return new PreflightReport(
                    principal, mode, coverage, trust, excess, SIMULATE_CAVEATS, simulation.requests());
        }
        progress.accept("reading the policies of " + principal.arn());
        FetchedRole role = RoleFetcher.create(iam).fetch(principal.arn());
        Policies policies = Policies.identity(role.identityPolicies().values());
        if (role.boundary() != null) {
            policies = policies.withBoundary(role.boundary());
        }
        Evaluator evaluator = Evaluator.compile(policies);
        ImmutableList<Coverage> coverage = FetchedCoverage.of(evaluator, required, role);
        // The statements name the policy and the grant; the sentinels catch what no single pattern shows.
        ImmutableList<ExcessGrant> excess = ExcessGrants.ofStatements(role.identityPolicies());
        if (excess.isEmpty()) {
            excess = ExcessGrants.ofSentinels(FetchedCoverage.of(evaluator, ExcessGrants.SENTINELS, role));
        }
        if (trusted != null) {
            trust = TrustCheck.check(role.trustPolicy(), principal.arn(), trusted, externalId);
        }
        return new PreflightReport(principal, mode, coverage, trust, excess, FETCH_CAVEATS, 0);
    }
}

package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Checks a live principal before ingestion: do its policies grant every requirement?
 *
 * <pre>{@code
 * ResolvedPrincipal role = PrincipalResolver.create(sts, iam).resolve(roleArn);
 * PreflightReport report = Preflight.fetch(iam).run(role, requirements);
 * }</pre>
 *
 * <p>The {@code fetch} mode reads the role's policies ({@link RoleFetcher}) and evaluates them offline. What no
 * simulation of IAM policies can see is listed as caveats instead of being claimed as a pass.
 */
public final class Preflight {

    static final ImmutableList<String> CAVEATS = ImmutableList.of(
            "Lake Formation grants are not IAM policies and are not checked: under Lake Formation, \"allowed\" is"
                    + " necessary, not sufficient",
            "KMS key policies must also allow the role (or delegate to the account); they are not read",
            "Resource control policies, SCPs and session policies are not read in fetch mode",
            "Bucket policies of the results and data buckets are not read");

    private final IamClient iam; // owned by the caller, never closed here

    private Preflight(IamClient iam) {
        this.iam = iam;
    }

    /** {@return a preflight in fetch mode: reads the role's policies with {@code iam}} */
    public static Preflight fetch(IamClient iam) {
        return new Preflight(checkNotNull(iam, "iam"));
    }

    /**
     * {@return the report for {@code principal} against {@code required}}
     *
     * @throws IllegalArgumentException if the principal is a user (fetch mode reads roles)
     * @throws ValidatorException if reading the policies failed
     */
    public PreflightReport run(ResolvedPrincipal principal, List<RequiredAccess> required) {
        checkNotNull(principal, "principal");
        if (principal.kind() != ResolvedPrincipal.Kind.ROLE) {
            throw new IllegalArgumentException("The fetch mode reads roles; " + principal.arn()
                    + " is a user: pass --role-arn with the connector's role");
        }
        FetchedRole role = RoleFetcher.create(iam).fetch(principal.arn());
        Policies policies = Policies.identity(role.identityPolicies().values());
        if (role.boundary() != null) {
            policies = policies.withBoundary(role.boundary());
        }
        ImmutableList<Coverage> coverage =
                Coverages.of(Evaluator.compile(policies), required, role.role().toString());
        return new PreflightReport(principal, "fetch", coverage, CAVEATS);
    }
}

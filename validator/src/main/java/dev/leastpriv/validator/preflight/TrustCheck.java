package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import org.jspecify.annotations.Nullable;

/**
 * Checks a role's trust policy for a SaaS tool that assumes it with an external id: the tool's principal may assume
 * it with the external id, and nobody may without it or with another one.
 *
 * <p>IAM's simulator ignores trust policies for {@code sts:AssumeRole} (aws/aws-cli#10314; iam-reference.md §1.5),
 * so the trust policy is evaluated offline. The SaaS account's own identity policies are out of sight and assumed
 * to allow its principal; the question is only what this role's trust policy lets in (the confused-deputy rules of
 * athena-connector-needs.md §9).
 */
public final class TrustCheck {

    // Stands in for "some other principal of the trusted account": the trust must not rest on its name.
    private static final String OTHER_PRINCIPAL = "role/leastpriv-trust-probe";
    private static final Policy SAAS_SIDE = Policy.of(
            Statement.allow().addAction("sts:AssumeRole").addResource("*").build());

    private TrustCheck() {}

    /**
     * {@return the outcome of each probe, in a fixed order}
     *
     * @param trustPolicy the role's trust policy
     * @param role the role
     * @param trusted the SaaS principal: an account root ({@code arn:…:iam::<account>:root}), a role or a user
     * @param externalId the external id the SaaS tool presents
     */
    public static ImmutableList<TrustResult> check(Policy trustPolicy, Arn role, Arn trusted, String externalId) {
        checkNotNull(trustPolicy, "trustPolicy");
        checkNotNull(role, "role");
        checkNotNull(trusted, "trusted");
        checkNotNull(externalId, "externalId");
        checkArgument(trusted.service().equals("iam"), "trusted must be an IAM principal ARN, not %s", trusted);
        Evaluator evaluator = Evaluator.compile(Policies.identity(SAAS_SIDE).withResourcePolicy(trustPolicy));
        String tool = trusted.resource().equals("root")
                ? new Arn(trusted.partition(), "iam", "", trusted.account(), OTHER_PRINCIPAL).toString()
                : trusted.toString();
        String other = new Arn(trusted.partition(), "iam", "", trusted.account(), OTHER_PRINCIPAL).toString();
        ImmutableList.Builder<TrustResult> results = ImmutableList.builder();
        results.add(
                probe(evaluator, role, tool, externalId, true, "the SaaS principal " + tool + " with the external id"));
        results.add(
                probe(evaluator, role, tool, null, false, "the SaaS principal " + tool + " without an external id"));
        results.add(probe(
                evaluator,
                role,
                tool,
                externalId + "-other",
                false,
                "the SaaS principal " + tool + " with another external id"));
        if (!other.equals(tool)) {
            results.add(probe(
                    evaluator,
                    role,
                    other,
                    null,
                    false,
                    "any other principal of account " + trusted.account() + " without an external id"));
        }
        return results.build();
    }

    private static TrustResult probe(
            Evaluator evaluator,
            Arn role,
            String principal,
            @Nullable String externalId,
            boolean shouldAllow,
            String who) {
        Request.Builder request = Request.builder()
                .action("sts:AssumeRole")
                .resource(role.toString())
                .principal(principal);
        if (externalId != null) {
            request.context("sts:ExternalId", externalId);
        }
        Evaluation evaluation = evaluator.evaluate(request.build());
        return new TrustResult(who, shouldAllow, evaluation.decision(), evaluation.reason());
    }
}

package dev.leastpriv.validator.preflight;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.ResourceResult;
import dev.leastpriv.policies.check.Verdict;
import dev.leastpriv.validator.AwsFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.OrganizationsDecisionDetail;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryDecisionDetail;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * The {@code simulate} back-end: asks {@code iam:SimulatePrincipalPolicy} about every requirement, in the requests
 * {@link SimulationCall#plan} packs, paging through {@code Marker} to the end.
 *
 * <p>Per-resource answers come from {@code ResourceSpecificResults}, which both response shapes carry: since
 * 2026-07-30 one result per action with the per-resource list, before that one result per action × resource
 * (iam-reference.md §0, §1.4). The top level is read only where it is specific: a result without the per-resource
 * list whose {@code EvalResourceName} is the resource asked about (the old shape), or, for {@code *}, a top level
 * that is {@code allowed} (it is the most restrictive decision over all resources, so every resource is allowed). A
 * pair the simulator did not answer is unknown, never a pass.
 */
final class PrincipalSimulation {

    /** Results per page: the API's maximum (IAM may still return fewer and a {@code Marker}). */
    static final int MAX_ITEMS = 1000;

    private final IamClient iam;
    private final Consumer<String> progress;
    private int requests;

    PrincipalSimulation(IamClient iam, Consumer<String> progress) {
        this.iam = iam;
        this.progress = progress;
    }

    /** {@return the SimulatePrincipalPolicy requests sent so far, pages included, retries not} */
    int requests() {
        return requests;
    }

    ImmutableList<Coverage> run(Arn principal, List<Requirement> required) {
        ImmutableList<SimulationCall> calls = SimulationCall.plan(required);
        // Answers are keyed by action × resource; a HashMap is fine here, only lookups read it.
        Map<String, ResourceResult> answers = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            SimulationCall call = calls.get(i);
            progress.accept("simulating " + call.actions().size() + " actions on "
                    + call.resources().size() + " resources (request " + (i + 1) + " of " + calls.size() + ")");
            simulate(principal, call, answers);
        }
        ImmutableList.Builder<Coverage> coverage = ImmutableList.builder();
        for (Requirement access : required) {
            ImmutableList.Builder<ResourceResult> results = ImmutableList.builder();
            for (Resource resource : access.resources()) {
                ResourceResult answer =
                        answers.get(SimulationCall.key(access.action().toString(), resource.pattern()));
                results.add(
                        answer != null
                                ? answer
                                : new ResourceResult(
                                        resource.pattern(),
                                        Verdict.UNKNOWN,
                                        Decision.IMPLICIT_DENY,
                                        "the simulator returned no result for this action and resource",
                                        ImmutableSortedSet.of()));
            }
            coverage.add(new Coverage(access, results.build()));
        }
        return coverage.build();
    }

    private void simulate(Arn principal, SimulationCall call, Map<String, ResourceResult> answers) {
        try {
            for (SimulatePrincipalPolicyResponse page :
                    iam.simulatePrincipalPolicyPaginator(r -> r.policySourceArn(principal.toString())
                            .actionNames(call.actions())
                            .resourceArns(call.resources())
                            .maxItems(MAX_ITEMS))) {
                requests++;
                for (EvaluationResult result : page.evaluationResults()) {
                    read(result, call, answers);
                }
            }
        } catch (SdkException e) {
            throw AwsFailure.of(
                    "iam:SimulatePrincipalPolicy",
                    e,
                    " (the caller needs iam:SimulatePrincipalPolicy on " + principal + "; or use the fetch mode,"
                            + " which needs iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy,"
                            + " iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion)");
        }
    }

    private static void read(EvaluationResult result, SimulationCall call, Map<String, ResourceResult> answers) {
        String action = result.evalActionName();
        OrganizationsDecisionDetail organizations = result.organizationsDecisionDetail();
        boolean organizationDenied =
                organizations != null && Boolean.FALSE.equals(organizations.allowedByOrganizations());
        if (result.hasResourceSpecificResults()
                && !result.resourceSpecificResults().isEmpty()) {
            for (ResourceSpecificResult specific : result.resourceSpecificResults()) {
                answers.putIfAbsent(
                        SimulationCall.key(action, specific.evalResourceName()),
                        answer(
                                specific.evalResourceName(),
                                specific.evalResourceDecision(),
                                specific.matchedStatements(),
                                specific.missingContextValues(),
                                boundaryDenied(
                                        specific.permissionsBoundaryDecisionDetail() != null
                                                ? specific.permissionsBoundaryDecisionDetail()
                                                : result.permissionsBoundaryDecisionDetail()),
                                organizationDenied));
            }
        } else if (result.evalResourceName() != null && call.resources().contains(result.evalResourceName())) {
            answers.put(
                    SimulationCall.key(action, result.evalResourceName()),
                    answer(
                            result.evalResourceName(),
                            result.evalDecision(),
                            result.matchedStatements(),
                            result.missingContextValues(),
                            boundaryDenied(result.permissionsBoundaryDecisionDetail()),
                            organizationDenied));
        }
        // '*' left unanswered per resource: an allowed top level is the most restrictive decision over all
        // resources of the request, so '*' is allowed too.
        if (call.resources().contains("*")
                && result.evalDecision() == PolicyEvaluationDecisionType.ALLOWED
                && result.missingContextValues().isEmpty()) {
            answers.putIfAbsent(
                    SimulationCall.key(action, "*"),
                    answer("*", result.evalDecision(), List.of(), List.of(), false, false));
        }
    }

    private static boolean boundaryDenied(@Nullable PermissionsBoundaryDecisionDetail detail) {
        return detail != null && Boolean.FALSE.equals(detail.allowedByPermissionsBoundary());
    }

    private static ResourceResult answer(
            String resource,
            @Nullable PolicyEvaluationDecisionType decisionType,
            List<Statement> statements,
            List<String> missing,
            boolean boundaryDenied,
            boolean organizationDenied) {
        Decision decision = decision(decisionType);
        if (decision == null) {
            return new ResourceResult(
                    resource,
                    Verdict.UNKNOWN,
                    Decision.IMPLICIT_DENY,
                    "the simulator returned a decision this version does not know: " + decisionType,
                    ImmutableSortedSet.copyOf(missing));
        }
        // "If any statement denies, only the deny is listed" (iam-reference.md §1.3).
        boolean denyMatched = decision == Decision.EXPLICIT_DENY && !statements.isEmpty();
        Verdict verdict = Verdict.of(
                decision.isAllowed(),
                decision == Decision.EXPLICIT_DENY,
                denyMatched,
                boundaryDenied,
                organizationDenied,
                !missing.isEmpty());
        return new ResourceResult(
                resource,
                verdict,
                decision,
                explanation(verdict, decision, statements, missing),
                ImmutableSortedSet.copyOf(missing));
    }

    private static @Nullable Decision decision(@Nullable PolicyEvaluationDecisionType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case ALLOWED -> Decision.ALLOWED;
            case IMPLICIT_DENY -> Decision.IMPLICIT_DENY;
            case EXPLICIT_DENY -> Decision.EXPLICIT_DENY;
            case UNKNOWN_TO_SDK_VERSION -> null;
        };
    }

    private static String explanation(
            Verdict verdict, Decision decision, List<Statement> statements, List<String> missing) {
        String matched = statements.isEmpty()
                ? ""
                : " ("
                        + statements.stream()
                                .map(s -> s.sourcePolicyTypeAsString() + " policy " + s.sourcePolicyId())
                                .distinct()
                                .collect(Collectors.joining(", "))
                        + ")";
        return switch (verdict) {
            case PASS -> "allowed" + matched;
            case UNKNOWN ->
                decision.jsonValue() + "; conditions need context keys the simulator was not given: "
                        + String.join(", ", ImmutableSortedSet.copyOf(missing));
            case MISSING -> "implicitDeny: no policy of the principal allows the action";
            case DENIED_EXPLICIT -> "explicitDeny by a Deny statement" + matched;
            case DENIED_BY_BOUNDARY ->
                decision.jsonValue() + ": the permissions boundary does not allow the action" + matched;
            case DENIED_BY_ORGANIZATION ->
                decision.jsonValue() + ": a service control policy of the organization"
                        + " does not allow the action; editing the role cannot fix this";
        };
    }
}

package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides requests against a set of policies as AWS does. Policies are compiled once; {@link #evaluate} is
 * thread-safe and allocates little.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.compile(Policies.identity(policy).withBoundary(boundary));
 * Evaluation result = evaluator.evaluate(Request.of("glue:GetTables", "arn:aws:glue:eu-west-1:123456789012:catalog"));
 * if (!result.decision().isAllowed()) {
 *     System.out.println(result.reason());
 * }
 * }</pre>
 *
 * <p>The order is AWS's (IAM User Guide, "Policy evaluation logic"): an applicable Deny in any policy wins; then
 * every SCP level must have an applicable Allow; then an identity Allow, or in the same account a resource-policy
 * Allow, grants the request, provided the permissions boundary allows it too. A resource-policy Allow that names
 * the calling IAM user or role session itself is not limited by the boundary. Across accounts both the identity
 * and the resource policy must allow.
 */
public final class Evaluator {

    private static final dev.leastpriv.core.Action GET_CALLER_IDENTITY =
            dev.leastpriv.core.Action.of("sts", "GetCallerIdentity");

    private final ImmutableList<CompiledStatement> identity;
    private final @Nullable ImmutableList<CompiledStatement> boundary;
    private final ImmutableList<ImmutableList<CompiledStatement>> scpLevels;
    private final @Nullable ImmutableList<CompiledStatement> resourcePolicy;

    private Evaluator(Policies policies) {
        this.identity = compile(policies.identity(), PolicyKind.IDENTITY, 0, false, false);
        this.boundary = policies.boundary() == null
                ? null
                : compile(ImmutableList.of(policies.boundary()), PolicyKind.PERMISSIONS_BOUNDARY, 0, false, false);
        ImmutableList.Builder<ImmutableList<CompiledStatement>> levels = ImmutableList.builder();
        for (int level = 0; level < policies.scpLevels().size(); level++) {
            levels.add(
                    compile(policies.scpLevels().get(level), PolicyKind.SERVICE_CONTROL_POLICY, level, false, false));
        }
        this.scpLevels = levels.build();
        this.resourcePolicy = policies.resourcePolicy() == null
                ? null
                : compile(
                        ImmutableList.of(policies.resourcePolicy()),
                        PolicyKind.RESOURCE_POLICY,
                        0,
                        true,
                        policies.boundary() != null);
    }

    /** {@return an evaluator for {@code policies}, compiled once} */
    public static Evaluator compile(Policies policies) {
        return new Evaluator(checkNotNull(policies, "policies"));
    }

    /**
     * {@return the decision for {@code request}, with the statements that applied and the missing context keys}; a
     * KMS key or role decided without its key or trust policy says what it assumes
     */
    public Evaluation evaluate(Request request) {
        checkNotNull(request, "request");
        if (request.action().equals(GET_CALLER_IDENTITY)) {
            // "No permissions are required to perform this operation"; even an explicit deny does not block it
            // (STS API reference, GetCallerIdentity).
            return result(Decision.ALLOWED, "sts:GetCallerIdentity needs no permission", List.of(), List.of(), null);
        }
        RequestContext context = new RequestContext(request);
        // Computed once: it decides which layer must allow, and what a decision without that layer assumes.
        String gatekeeper = gatekeeper(request, context.action);
        Evaluation evaluation = decide(request, context, gatekeeper);
        if (gatekeeper != null && resourcePolicy == null) {
            // IAM's simulator decides the same way without the resource's own policy; the decision holds only if
            // that policy delegates to IAM policies (the default key policy does), or allows the caller.
            return evaluation.assuming(
                    gatekeeper.equals("key policy")
                            ? "decided without the key policy: it assumes the key policy lets IAM policies decide (the"
                                    + " default key policy does); give it as the resource policy to decide with it"
                            : "decided without the role's trust policy: it assumes the trust policy allows the caller;"
                                    + " give it as the resource policy to decide with it");
        }
        return evaluation;
    }

    private Evaluation decide(Request request, RequestContext context, @Nullable String gatekeeper) {
        List<String> missing = new ArrayList<>(0);
        List<MatchedStatement> matched = new ArrayList<>(4);

        Layer identityLayer = Layer.of(identity, context, missing, matched);
        Layer boundaryLayer = boundary == null ? null : Layer.of(boundary, context, missing, matched);
        List<Layer> scps = new ArrayList<>(scpLevels.size());
        for (ImmutableList<CompiledStatement> level : scpLevels) {
            scps.add(Layer.of(level, context, missing, matched));
        }
        Layer resourceLayer = resourcePolicy == null ? null : Layer.of(resourcePolicy, context, missing, matched);

        // 1. An explicit Deny anywhere wins.
        for (MatchedStatement statement : matched) {
            if (statement.effect() == dev.leastpriv.core.Effect.DENY) {
                return result(
                        Decision.EXPLICIT_DENY,
                        "explicit deny in " + article(statement.kind()) + " (" + statement + ")",
                        matched,
                        missing,
                        statement.kind());
            }
        }
        // 2. Every SCP level must allow.
        for (int level = 0; level < scps.size(); level++) {
            if (!scps.get(level).allows) {
                return result(
                        Decision.IMPLICIT_DENY,
                        "no service control policy at level " + level + " allows the action",
                        matched,
                        missing,
                        PolicyKind.SERVICE_CONTROL_POLICY);
            }
        }
        boolean boundaryAllows = boundaryLayer == null || boundaryLayer.allows;
        boolean resourceAllows = resourceLayer != null && resourceLayer.allows;
        // A grant to the caller's account delegates to IAM: only a direct grant allows on its own.
        boolean resourceGrants = resourceLayer != null && resourceLayer.allowsDirectly;
        String principalAccount = request.principalAccount();
        String owner = request.owningAccount();
        boolean sameAccount = principalAccount == null || owner == null || Objects.equals(principalAccount, owner);
        if (gatekeeper != null && resourceLayer != null) {
            // A KMS key policy and a role trust policy must allow the request themselves; IAM policies count only
            // where they delegate to the account (IAM User Guide, policy evaluation logic; KMS key policies).
            // Without one given, the decision rests on the identity policies, as in IAM's own simulator.
            if (!resourceAllows) {
                return result(
                        Decision.IMPLICIT_DENY,
                        "no " + gatekeeper + " allows the action",
                        matched,
                        missing,
                        PolicyKind.RESOURCE_POLICY);
            }
            if (resourceGrants && sameAccount && (boundaryAllows || resourceLayer.namesCaller)) {
                return result(Decision.ALLOWED, "allowed by the " + gatekeeper, matched, missing, null);
            }
            if (identityLayer.allows && boundaryAllows) {
                return result(Decision.ALLOWED, "allowed", matched, missing, null);
            }
        } else if (sameAccount) {
            if (identityLayer.allows && boundaryAllows) {
                return result(Decision.ALLOWED, "allowed", matched, missing, null);
            }
            if (resourceGrants && (boundaryAllows || resourceLayer.namesCaller)) {
                return result(Decision.ALLOWED, "allowed by the resource policy", matched, missing, null);
            }
        } else if (identityLayer.allows && boundaryAllows && resourceAllows) {
            return result(
                    Decision.ALLOWED, "allowed (cross-account: identity and resource policy)", matched, missing, null);
        }
        if (!boundaryAllows && (identityLayer.allows || resourceAllows)) {
            return result(
                    Decision.IMPLICIT_DENY,
                    "no permissions boundary allows the action",
                    matched,
                    missing,
                    PolicyKind.PERMISSIONS_BOUNDARY);
        }
        if (!sameAccount && identityLayer.allows) {
            return result(
                    Decision.IMPLICIT_DENY,
                    "no resource-based policy allows the action (cross-account)",
                    matched,
                    missing,
                    PolicyKind.RESOURCE_POLICY);
        }
        return result(
                Decision.IMPLICIT_DENY,
                "no identity-based policy allows the action",
                matched,
                missing,
                PolicyKind.IDENTITY);
    }

    /** {@return "key policy" for KMS keys, "trust policy" for assuming a role, else null} */
    private static @Nullable String gatekeeper(Request request, String lowercaseAction) {
        String resource = request.resource();
        if (!resource.startsWith("arn:")) {
            return null;
        }
        int from = resource.indexOf(':', 4) + 1;
        int to = resource.indexOf(':', from);
        if (resource.startsWith("kms:", from) && to == from + 3) {
            // Only a key has a key policy; an alias is governed by IAM policies alone ("Controlling access to
            // aliases", AWS KMS Developer Guide: CreateAlias needs the alias in an IAM policy, the key in its
            // key policy, two separate requests).
            int account = resource.indexOf(':', to + 1);
            int part = account < 0 ? -1 : resource.indexOf(':', account + 1);
            return part >= 0 && resource.startsWith("key/", part + 1) ? "key policy" : null;
        }
        boolean iam = resource.startsWith("iam:", from) && to == from + 3;
        if (!iam) {
            return null;
        }
        String action = lowercaseAction;
        // Session tags are passed with the assume call and must be allowed by the trust policy too (IAM User Guide,
        // "Passing session tags in AWS STS": the role's trust policy must allow sts:TagSession).
        return action.startsWith("sts:assumerole") || action.equals("sts:tagsession") ? "trust policy" : null;
    }

    private static Evaluation result(
            Decision decision,
            String reason,
            List<MatchedStatement> matched,
            List<String> missing,
            @Nullable PolicyKind deniedBy) {
        return new Evaluation(
                decision,
                reason,
                ImmutableList.copyOf(matched),
                missing.isEmpty() ? ImmutableSortedSet.of() : ImmutableSortedSet.copyOf(missing),
                deniedBy);
    }

    private static String article(PolicyKind kind) {
        return kind == PolicyKind.IDENTITY ? "an identity-based policy" : "a " + kind.description();
    }

    /**
     * @param boundedPrincipal whether the caller has a permissions boundary: a resource-policy Deny with
     *     NotPrincipal then denies it even when NotPrincipal names it (IAM User Guide, permissions boundaries,
     *     "Important")
     */
    private static ImmutableList<CompiledStatement> compile(
            List<Policy> policies, PolicyKind kind, int level, boolean checkPrincipal, boolean boundedPrincipal) {
        ImmutableList.Builder<CompiledStatement> statements = ImmutableList.builder();
        for (int p = 0; p < policies.size(); p++) {
            Policy policy = policies.get(p);
            for (int s = 0; s < policy.statements().size(); s++) {
                Statement statement = policy.statements().get(s);
                MatchedStatement identity =
                        new MatchedStatement(kind, level, p, s, statement.sid(), statement.effect());
                statements.add(new CompiledStatement(statement, policy, identity, checkPrincipal, boundedPrincipal));
            }
        }
        return statements.build();
    }

    /**
     * What one layer (identity, boundary, an SCP level, the resource policy) said about the request: whether an
     * Allow applies at all, whether one applies to the caller directly (not only through its account), and whether
     * one names the calling user or role session itself.
     */
    private record Layer(boolean allows, boolean allowsDirectly, boolean namesCaller) {

        static Layer of(
                List<CompiledStatement> statements,
                RequestContext context,
                List<String> missing,
                List<MatchedStatement> matched) {
            boolean allows = false;
            boolean direct = false;
            boolean namesCaller = false;
            for (CompiledStatement statement : statements) {
                Principals.Match match = statement.applies(context, missing);
                if (match != Principals.Match.NONE) {
                    matched.add(statement.identity);
                    if (statement.allow) {
                        allows = true;
                        direct |= match == Principals.Match.DIRECT;
                        namesCaller |= statement.namesCallerDirectly(context);
                    }
                }
            }
            return new Layer(allows, direct, namesCaller);
        }
    }
}

package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a role's trust policy for a SaaS tool that assumes it with an external id: the tool's principal may assume
 * it with the external id, and nobody else may, with or without it.
 *
 * <p>IAM's simulator ignores trust policies for {@code sts:AssumeRole} (aws/aws-cli#10314; iam-reference.md §1.5),
 * so the trust policy is evaluated offline. The SaaS account's own identity policies are out of sight and assumed
 * to allow its principal; the question is only what this role's trust policy lets in (the confused-deputy rules of
 * athena-connector-needs.md §9).
 *
 * <p>The probes, in this order: the SaaS principal with the external id (must be allowed), without it and with
 * another one; any other principal of the SaaS account (when a single principal is trusted), an unrelated
 * account's role and an anonymous caller, each without and with the external id; then every principal an Allow
 * statement of the trust policy names, other than the trusted one, without and with the external id. Every probe
 * that must be denied tries {@code sts:AssumeRole}, {@code sts:AssumeRoleWithWebIdentity} and
 * {@code sts:AssumeRoleWithSAML}. A principal entry the evaluator cannot stand for (a unique id such as
 * {@code AROA…}, which IAM writes when the principal was deleted, or a pattern) is reported as not ok, never
 * passed over. An Allow with {@code NotPrincipal} lets in everyone not listed: the unrelated-account and anonymous
 * probes find it.
 */
public final class TrustCheck {

    // Stands in for "some other principal of the account": the trust must not rest on its name.
    private static final String OTHER_PRINCIPAL = "role/leastpriv-trust-probe";
    private static final ImmutableList<String> UNRELATED_ACCOUNTS =
            ImmutableList.of("111111111111", "222222222222", "333333333333", "444444444444");
    private static final ImmutableList<String> ASSUME_ACTIONS =
            ImmutableList.of("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML");
    private static final String EXTERNAL_ID = "sts:externalid";
    // Keys an anonymous caller really lacks: a condition on them is decided, not unknown.
    private static final ImmutableSet<String> ANONYMOUS_LACKS = ImmutableSet.of(
            "aws:principalarn",
            "aws:principalaccount",
            "aws:principalorgid",
            "aws:principalorgpaths",
            "aws:principaltype",
            "aws:userid",
            "aws:username");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Policy SAAS_SIDE =
            Policy.of(Statement.allow().addAction("sts:*").addResource("*").build());

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
        boolean wholeAccount = trusted.resource().equals("root");
        String other = probeRole(trusted.partition().id(), trusted.account());
        String tool = wholeAccount ? other : trusted.toString();
        Probes probes = new Probes(evaluator, role, externalId);
        probes.mustAllow(tool, "the SaaS principal " + tool + " with the external id");
        probes.mustDeny(tool, null, "the SaaS principal " + tool + " without an external id");
        probes.mustDeny(tool, externalId + "-other", "the SaaS principal " + tool + " with another external id");
        if (!wholeAccount) {
            probes.bothWays(other, "any other principal of account " + trusted.account());
        }
        String unrelated = probeRole(role.partition().id(), unrelatedAccount(trustPolicy, role, trusted));
        probes.bothWays(unrelated, "an unrelated account's role " + unrelated);
        probes.bothWays("*", "an anonymous caller");
        for (Statement statement : trustPolicy.statements()) {
            if (!statement.isAllow()) {
                continue;
            }
            for (Principal principal : statement.principals()) {
                derived(probes, principal, role, trusted, wholeAccount);
            }
        }
        return probes.results();
    }

    private static void derived(Probes probes, Principal principal, Arn role, Arn trusted, boolean wholeAccount) {
        String id = principal.id();
        String named = "the trust policy's principal " + principal.type().jsonValue() + " " + id;
        if (principal.type() == Principal.Type.ALL || id.equals("*")) {
            return; // the anonymous probe stands for it
        }
        if (principal.type() != Principal.Type.AWS) {
            // Service, Federated and CanonicalUser principals match by their id (Evaluator's Principals).
            probes.bothWays(id, named);
            return;
        }
        String account = ACCOUNT.matcher(id).matches() ? id : rootAccount(id);
        if (account != null) {
            if (!(wholeAccount && account.equals(trusted.account()))) {
                String partition = id.startsWith("arn:")
                        ? Arn.parse(id).partition().id()
                        : role.partition().id();
                probes.bothWays(probeRole(partition, account), named + " (any principal of account " + account + ")");
            }
            return;
        }
        if (id.equals(trusted.toString())) {
            return;
        }
        if (!id.startsWith("arn:") || id.contains("*") || id.contains("?") || !Arn.isValid(id)) {
            probes.unrepresentable(id, named);
            return;
        }
        probes.bothWays(id, named);
    }

    private static @Nullable String rootAccount(String id) {
        if (!id.startsWith("arn:") || !id.endsWith(":root") || !Arn.isValid(id)) {
            return null;
        }
        Arn arn = Arn.parse(id);
        return arn.service().equals("iam") && arn.resource().equals("root") ? arn.account() : null;
    }

    private static String probeRole(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":" + OTHER_PRINCIPAL;
    }

    /** An account that is neither the role's, the trusted one, nor named anywhere in the trust policy. */
    private static String unrelatedAccount(Policy trustPolicy, Arn role, Arn trusted) {
        String text = trustPolicy.toCompactJson();
        for (String account : UNRELATED_ACCOUNTS) {
            if (!account.equals(role.account()) && !account.equals(trusted.account()) && !text.contains(account)) {
                return account;
            }
        }
        return "555555555555";
    }

    /** Collects probe results in order, once per principal and external id. */
    private static final class Probes {
        private final Evaluator evaluator;
        private final Arn role;
        private final String externalId;
        private static final String UNREPRESENTABLE = "\nunrepresentable";
        private final Map<String, TrustResult> results = new LinkedHashMap<>();

        Probes(Evaluator evaluator, Arn role, String externalId) {
            this.evaluator = evaluator;
            this.role = role;
            this.externalId = externalId;
        }

        void mustAllow(String principal, String who) {
            Evaluation evaluation = evaluate("sts:AssumeRole", principal, externalId);
            results.putIfAbsent(
                    principal + "\n" + externalId,
                    new TrustResult(who, principal, true, evaluation.decision(), evaluation.reason(), true));
        }

        void bothWays(String principal, String who) {
            mustDeny(principal, null, who + " without an external id");
            mustDeny(principal, externalId, who + " with the external id");
        }

        void unrepresentable(String principal, String who) {
            results.putIfAbsent(
                    principal + UNREPRESENTABLE,
                    new TrustResult(
                            who,
                            principal,
                            false,
                            Decision.IMPLICIT_DENY,
                            "cannot be checked: the evaluator cannot stand for this principal (a unique id stands for"
                                    + " a deleted principal; a pattern is not allowed in Principal); remove it or"
                                    + " review it by hand",
                            false));
        }

        void mustDeny(String principal, @Nullable String presented, String who) {
            String key = principal + "\n" + (presented == null ? "" : presented);
            if (results.containsKey(key) || results.containsKey(principal + UNREPRESENTABLE)) {
                return;
            }
            try {
                deny(principal, presented, who, key);
            } catch (IllegalArgumentException e) {
                // The evaluator's Request takes no such principal (a CanonicalUser id, say): never passed over.
                unrepresentable(principal, who.replaceFirst(" (with|without) (the|an) external id$", ""));
            }
        }

        private void deny(String principal, @Nullable String presented, String who, String key) {
            TrustResult result = null;
            List<String> unknown = new ArrayList<>();
            for (String action : ASSUME_ACTIONS) {
                Evaluation evaluation = evaluate(action, principal, presented);
                if (evaluation.decision().isAllowed()) {
                    result = new TrustResult(
                            who, principal, false, evaluation.decision(), action + " " + evaluation.reason(), true);
                    break;
                }
                for (String missing : evaluation.missingContextKeys()) {
                    String lower = missing.toLowerCase(Locale.ROOT);
                    boolean known =
                            lower.equals(EXTERNAL_ID) || (principal.equals("*") && ANONYMOUS_LACKS.contains(lower));
                    if (!known && !unknown.contains(missing)) {
                        unknown.add(missing);
                    }
                }
                if (result == null && action.equals("sts:AssumeRole")) {
                    result = new TrustResult(who, principal, false, evaluation.decision(), evaluation.reason(), true);
                }
            }
            if (result != null && !result.decision().isAllowed() && !unknown.isEmpty()) {
                result = new TrustResult(
                        who,
                        principal,
                        false,
                        result.decision(),
                        "denied only because the probe lacks " + String.join(", ", unknown)
                                + ", which someone presenting it could satisfy",
                        false);
            }
            results.put(key, checkNotNull(result));
        }

        private Evaluation evaluate(String action, String principal, @Nullable String presented) {
            Request.Builder request = Request.builder().action(action).resource(role.toString());
            if (!principal.equals("*")) {
                request.principal(principal);
                if (principal.startsWith("arn:") && principal.contains(":iam::")) {
                    Arn arn = Arn.parse(principal);
                    request.context("aws:PrincipalArn", principal);
                    request.context("aws:PrincipalAccount", arn.account());
                }
            }
            if (presented != null) {
                request.context("sts:ExternalId", presented);
            }
            return evaluator.evaluate(request.build());
        }

        ImmutableList<TrustResult> results() {
            return ImmutableList.copyOf(results.values());
        }
    }
}

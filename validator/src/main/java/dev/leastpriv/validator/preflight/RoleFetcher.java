package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.validator.AwsFailure;
import dev.leastpriv.validator.ValidatorException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Reads a role's policies for the {@code fetch} mode, for callers without {@code iam:SimulatePrincipalPolicy}: its
 * inline policies (ListRolePolicies, GetRolePolicy), attached managed policies at their default version
 * (ListAttachedRolePolicies, GetPolicy, GetPolicyVersion), its permissions boundary and trust policy (GetRole).
 * Listings are paged to the end. IAM returns documents URL-encoded (RFC 3986), so they are decoded first.
 */
public final class RoleFetcher {

    private final IamClient iam;

    private RoleFetcher(IamClient iam) {
        this.iam = iam;
    }

    /** {@return a fetcher using {@code iam}; the caller owns the client} */
    public static RoleFetcher create(IamClient iam) {
        return new RoleFetcher(checkNotNull(iam, "iam"));
    }

    /**
     * {@return the role's policies}
     *
     * @throws ValidatorException naming the IAM action that failed (for example AccessDenied) and suggesting the
     *     simulate mode
     */
    public FetchedRole fetch(Arn role) {
        String name = RoleArns.name(role);
        Role found = getRole(role);
        Map<String, Policy> identity = new LinkedHashMap<>();
        for (String policyName : call(
                "iam:ListRolePolicies",
                () -> iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames().stream()
                        .sorted()
                        .toList())) {
            String document = call(
                    "iam:GetRolePolicy",
                    () -> iam.getRolePolicy(r -> r.roleName(name).policyName(policyName))
                            .policyDocument());
            identity.put("inline:" + policyName, parse(document, "inline policy " + policyName));
        }
        for (AttachedPolicy attached : call(
                "iam:ListAttachedRolePolicies",
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies().stream()
                        .sorted(java.util.Comparator.comparing(AttachedPolicy::policyArn))
                        .toList())) {
            identity.put(attached.policyArn(), managed(attached.policyArn()));
        }
        Policy boundary = found.permissionsBoundary() == null
                ? null
                : managed(found.permissionsBoundary().permissionsBoundaryArn());
        Policy trust = parse(found.assumeRolePolicyDocument(), "trust policy");
        return new FetchedRole(Arn.parse(found.arn()), ImmutableMap.copyOf(identity), boundary, trust);
    }

    /**
     * {@return the role's trust policy, read with {@code iam:GetRole} only}
     *
     * @throws ValidatorException naming the IAM action that failed
     */
    public Policy trustPolicy(Arn role) {
        return parse(getRole(role).assumeRolePolicyDocument(), "trust policy");
    }

    /** GetRole answers by name from the caller's account: what it returns must be the role asked for. */
    private Role getRole(Arn role) {
        Role found = call(
                "iam:GetRole",
                () -> iam.getRole(r -> r.roleName(RoleArns.name(role))).role());
        RoleArns.requireSame(role, Arn.parse(found.arn()));
        return found;
    }

    private Policy managed(String policyArn) {
        String version = call(
                "iam:GetPolicy",
                () -> iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId());
        String document = call(
                "iam:GetPolicyVersion",
                () -> iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version))
                        .policyVersion()
                        .document());
        return parse(document, "managed policy " + policyArn);
    }

    private static Policy parse(@Nullable String document, String what) {
        if (document == null) {
            throw new ValidatorException("IAM returned no document for the " + what, new IllegalStateException());
        }
        String json = document.stripLeading().startsWith("{")
                ? document
                : URLDecoder.decode(document, StandardCharsets.UTF_8);
        try {
            return Policy.fromJson(json);
        } catch (IllegalArgumentException e) {
            // The message quotes the document, which came from the account: escaped, shortened.
            throw new ValidatorException(
                    "The " + InputRules.excerpt(what) + " IAM returned cannot be read: "
                            + InputRules.excerpt(String.valueOf(e.getMessage())),
                    e);
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(String action, Call<T> call) {
        try {
            return call.run();
        } catch (SdkException e) {
            throw AwsFailure.of(
                    action,
                    e,
                    " (the caller needs " + action + " for the fetch mode; or use the simulate mode, which needs"
                            + " iam:SimulatePrincipalPolicy)");
        }
    }
}

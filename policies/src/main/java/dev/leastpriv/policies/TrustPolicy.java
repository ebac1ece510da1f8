package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Statement;
import java.util.regex.Pattern;

/**
 * The trust policy of a role that a SaaS tool assumes from its own account (Omni's "cross-account role"): one
 * principal, {@code sts:AssumeRole}, and {@code StringEquals} on {@code sts:ExternalId}.
 *
 * <pre>{@code
 * Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("210987654321"), ExternalId.of("omni-7f3a"))
 *         .policy();
 * }</pre>
 *
 * <p>The principal is always one account or one role or user, never a wildcard, and the external id is compared
 * with {@code StringEquals}, never {@code StringLike}: both would reopen the confused-deputy problem
 * (athena-connector-needs.md §9).
 */
public record TrustPolicy(Arn trusted, ExternalId externalId) {

    static final String SID = "AssumeRoleWithExternalId";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String RULE = "expected an account root, role or user ARN such as"
            + " \"arn:aws:iam::210987654321:role/saas-connector\", without wildcards";

    public TrustPolicy {
        checkNotNull(trusted, "trusted");
        checkNotNull(externalId, "externalId");
        InputRules.check(
                trusted.service().equals("iam")
                        && !trusted.hasRegion()
                        && ACCOUNT.matcher(trusted.account()).matches()
                        && InputRules.IAM_PRINCIPAL.matcher(trusted.resource()).matches(),
                "trusted-principal",
                trusted.toString(),
                RULE);
    }

    /** {@return a trust policy for every principal of {@code account} that the account itself allows} */
    public static TrustPolicy forAccount(Partition partition, AccountId account, ExternalId externalId) {
        return new TrustPolicy(new Arn(partition, "iam", "", account.value(), "root"), externalId);
    }

    /**
     * {@return a trust policy for one role or user, given as an ARN}
     *
     * @throws IllegalArgumentException if {@code arn} is not an IAM account root, role or user ARN
     */
    public static TrustPolicy forPrincipal(String arn, ExternalId externalId) {
        checkNotNull(arn, "arn");
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputRules.invalid("trusted-principal", arn, RULE), e);
        }
        return new TrustPolicy(parsed, externalId);
    }

    /** {@return the trust policy document} */
    public Policy policy() {
        return Policy.of(Statement.allow()
                .sid(SID)
                .addPrincipal(Principal.aws(trusted.toString()))
                .addAction("sts:AssumeRole")
                .addCondition(Condition.of("StringEquals", "sts:ExternalId", externalId.value()))
                .build());
    }
}

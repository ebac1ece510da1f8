package dev.leastpriv.validator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.TrustPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trust-policy probes, offline: athena-connector-needs.md §9 (external id, confused deputy). */
class TrustCheckTest {

    private static final Arn ROLE = Arn.parse("arn:aws:iam::123456789012:role/connectors/omni");
    private static final Arn SAAS_ACCOUNT = Arn.parse("arn:aws:iam::210987654321:root");
    private static final Arn SAAS_ROLE = Arn.parse("arn:aws:iam::210987654321:role/omni-connector");

    private static List<Boolean> ok(List<TrustResult> results) {
        return results.stream().map(TrustResult::ok).toList();
    }

    @Test
    void check_generatedTrustPolicyForTheAccount_passesEveryProbe() {
        Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("210987654321"), ExternalId.of("omni-7f3a"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        // Trusting the account means any of its principals: the "other principal" probe is the tool's own.
        assertThat(results).hasSize(3).allMatch(TrustResult::ok);
        assertThat(results.get(0).decision().isAllowed()).isTrue();
        assertThat(results.subList(1, 3)).noneMatch(r -> r.decision().isAllowed());
    }

    @Test
    void check_generatedTrustPolicyForOneRole_deniesOtherPrincipalsOfTheAccount() {
        Policy trust = TrustPolicy.forPrincipal(SAAS_ROLE.toString(), ExternalId.of("omni-7f3a"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ROLE, "omni-7f3a");

        assertThat(ok(results)).containsExactly(true, true, true, true);
        assertThat(results.get(3).who()).startsWith("any other principal of account 210987654321");
    }

    @Test
    void check_roleTrustingTheWholeAccount_isFlaggedForTheOtherPrincipals() {
        Policy trust = Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\"}]}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ROLE, "omni-7f3a");

        assertThat(ok(results)).containsExactly(true, false, false, false);
        assertThat(results.get(3).decision().isAllowed()).isTrue();
    }

    @Test
    void check_trustWithoutExternalId_isFlaggedAsConfusedDeputy() {
        Policy trust = Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\"}]}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(ok(results)).containsExactly(true, false, false);
        assertThat(results.get(1).who()).endsWith("without an external id");
    }

    @Test
    void check_wrongExternalId_failsTheToolItself() {
        Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("210987654321"), ExternalId.of("other-id"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(ok(results)).containsExactly(false, true, true);
        assertThat(results.get(0).explanation()).contains("trust policy");
    }

    @Test
    void check_trustForAnotherAccount_failsTheTool() {
        Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("111122223333"), ExternalId.of("omni-7f3a"))
                .policy();

        assertThat(ok(TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a"))).containsExactly(false, true, true);
    }
}

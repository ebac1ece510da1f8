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
        assertThat(results).hasSize(7).allMatch(TrustResult::ok);
        assertThat(results.get(0).decision().isAllowed()).isTrue();
        assertThat(results.subList(1, 7)).noneMatch(r -> r.decision().isAllowed());
        assertThat(results.subList(3, 7))
                .extracting(TrustResult::who)
                .containsExactly(
                        "an unrelated account's role arn:aws:iam::111111111111:role/leastpriv-trust-probe without an"
                                + " external id",
                        "an unrelated account's role arn:aws:iam::111111111111:role/leastpriv-trust-probe with the"
                                + " external id",
                        "an anonymous caller without an external id",
                        "an anonymous caller with the external id");
    }

    @Test
    void check_generatedTrustPolicyForOneRole_deniesOtherPrincipalsOfTheAccount() {
        Policy trust = TrustPolicy.forPrincipal(SAAS_ROLE.toString(), ExternalId.of("omni-7f3a"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ROLE, "omni-7f3a");

        assertThat(results).hasSize(9).allMatch(TrustResult::ok);
        assertThat(results.get(3).who()).startsWith("any other principal of account 210987654321");
        assertThat(results.get(4).who()).isEqualTo("any other principal of account 210987654321 with the external id");
    }

    @Test
    void check_roleTrustingTheWholeAccount_isFlaggedForTheOtherPrincipals() {
        Policy trust = Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\"}]}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ROLE, "omni-7f3a");

        assertThat(ok(results)).containsExactly(true, false, false, false, false, true, true, true, true);
        assertThat(results.get(3).decision().isAllowed()).isTrue();
    }

    @Test
    void check_trustWithoutExternalId_isFlaggedAsConfusedDeputy() {
        Policy trust = Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\"}]}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(ok(results)).containsExactly(true, false, false, true, true, true, true);
        assertThat(results.get(1).who()).endsWith("without an external id");
    }

    @Test
    void check_wrongExternalId_failsTheToolItself() {
        Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("210987654321"), ExternalId.of("other-id"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(ok(results)).containsExactly(false, true, true, true, true, true, true);
        assertThat(results.get(0).explanation()).contains("trust policy");
    }

    @Test
    void check_trustForAnotherAccount_failsTheTool() {
        Policy trust = TrustPolicy.forAccount(Partition.AWS, AccountId.of("111122223333"), ExternalId.of("omni-7f3a"))
                .policy();

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        // The tool is shut out, and the account the policy does trust is another principal that gets in.
        assertThat(ok(results)).containsExactly(false, true, true, true, true, true, true, true, false);
        assertThat(results.get(8).who())
                .isEqualTo("the trust policy's principal AWS arn:aws:iam::111122223333:root (any principal of"
                        + " account 111122223333) with the external id");
        assertThat(results.get(8).principal()).isEqualTo("arn:aws:iam::111122223333:role/leastpriv-trust-probe");
    }

    private static Policy trust(String statements) {
        return Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    private static final String SAAS_STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
            + "{\"sts:ExternalId\":\"omni-7f3a\"}}}";

    private static List<String> wrong(Policy trust) {
        return TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a").stream()
                .filter(r -> !r.ok())
                .map(r -> r.who() + " -> " + r.principal())
                .toList();
    }

    @Test
    void check_anyoneWithTheExternalId_isWrong() {
        Policy trust = trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"omni-7f3a\"}}}");

        assertThat(wrong(trust))
                .containsExactly(
                        "an unrelated account's role arn:aws:iam::111111111111:role/leastpriv-trust-probe with the"
                                + " external id -> arn:aws:iam::111111111111:role/leastpriv-trust-probe",
                        "an anonymous caller with the external id -> *");
    }

    @Test
    void check_anyoneOfTheSaasAccountByCondition_isRight() {
        // Principal "*" narrowed to the SaaS account by aws:PrincipalAccount, with the external id: only the tool.
        Policy trust = trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"omni-7f3a\","
                + "\"aws:PrincipalAccount\":\"210987654321\"}}}");

        assertThat(wrong(trust)).isEmpty();
    }

    @Test
    void check_extraAccountWithoutExternalId_isWrongAndNamed() {
        Policy trust = trust(SAAS_STATEMENT + ",{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999988887777\"},"
                + "\"Action\":\"sts:AssumeRole\"}");

        assertThat(wrong(trust))
                .containsExactly(
                        "the trust policy's principal AWS 999988887777 (any principal of account 999988887777) without"
                                + " an external id -> arn:aws:iam::999988887777:role/leastpriv-trust-probe",
                        "the trust policy's principal AWS 999988887777 (any principal of account 999988887777) with"
                                + " the external id -> arn:aws:iam::999988887777:role/leastpriv-trust-probe");
    }

    @Test
    void check_extraRoleInTheSamePrincipalList_isWrong() {
        Policy trust = trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::210987654321:root\","
                + "\"arn:aws:iam::999988887777:role/etl\"]},\"Action\":\"sts:AssumeRole\",\"Condition\":"
                + "{\"StringEquals\":{\"sts:ExternalId\":\"omni-7f3a\"}}}");

        assertThat(wrong(trust))
                .containsExactly("the trust policy's principal AWS arn:aws:iam::999988887777:role/etl with the external"
                        + " id -> arn:aws:iam::999988887777:role/etl");
    }

    @Test
    void check_unconditionedWebIdentity_isWrong() {
        Policy trust = trust(SAAS_STATEMENT + ",{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(results.stream().filter(r -> !r.ok())).hasSize(2).allSatisfy(r -> {
            assertThat(r.principal())
                    .isEqualTo("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
            assertThat(r.explanation()).startsWith("sts:AssumeRoleWithWebIdentity allowed");
            assertThat(r.decision().isAllowed()).isTrue();
        });
    }

    @Test
    void check_servicePrincipalAndSamlAndCanonicalUser_areWrong() {
        Policy trust = trust(SAAS_STATEMENT + ",{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"arn:aws:iam::123456789012:saml-provider/okta\"},\"Action\":"
                + "\"sts:AssumeRoleWithSAML\"},{\"Effect\":\"Allow\",\"Principal\":{\"CanonicalUser\":"
                + "\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"},\"Action\":\"sts:*\"}");

        assertThat(wrong(trust))
                .extracting(w -> w.substring(w.indexOf(" -> ") + 4))
                .containsExactly(
                        "ec2.amazonaws.com",
                        "ec2.amazonaws.com",
                        "arn:aws:iam::123456789012:saml-provider/okta",
                        "arn:aws:iam::123456789012:saml-provider/okta",
                        // The evaluator takes no CanonicalUser caller: reported once as not checkable.
                        "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
    }

    @Test
    void check_notPrincipalAllow_letsTheUnrelatedAccountIn() {
        Policy trust = trust("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},"
                + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":"
                + "\"omni-7f3a\"}}}");

        assertThat(wrong(trust))
                .anySatisfy(w -> assertThat(w).startsWith("an unrelated account's role"))
                .anySatisfy(w -> assertThat(w).startsWith("an anonymous caller with the external id"));
    }

    @Test
    void check_principalTheEvaluatorCannotStandFor_isNeverOk() {
        // IAM writes a unique id in place of a deleted role; it cannot be checked, so it is reported.
        Policy trust = trust(SAAS_STATEMENT + ",{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"AROAEXAMPLEID1234567\"},\"Action\":\"sts:AssumeRole\"}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(results.stream().filter(r -> !r.ok())).singleElement().satisfies(r -> {
            assertThat(r.principal()).isEqualTo("AROAEXAMPLEID1234567");
            assertThat(r.decided()).isFalse();
            assertThat(r.explanation()).contains("cannot be checked");
        });
    }

    @Test
    void check_otherAccountBehindAConditionTheCheckLacks_isNotDecidedAsDenied() {
        Policy trust = trust(SAAS_STATEMENT + ",{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:PrincipalOrgID\":\"o-abc123\"}}}");

        List<TrustResult> results = TrustCheck.check(trust, ROLE, SAAS_ACCOUNT, "omni-7f3a");

        assertThat(results.stream().filter(r -> !r.ok())).hasSize(2).allSatisfy(r -> {
            assertThat(r.decided()).isFalse();
            assertThat(r.decision().isAllowed()).isFalse();
            assertThat(r.explanation()).contains("aws:PrincipalOrgID");
        });
    }
}

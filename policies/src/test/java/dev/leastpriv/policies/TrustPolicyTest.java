package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustPolicyTest {

    private static final ExternalId EXTERNAL_ID = ExternalId.of("omni-7f3a");
    private static final String RULE = "expected an account root, role or user ARN such as"
            + " \"arn:aws:iam::210987654321:role/saas-connector\", without wildcards";
    private static final String ROLE_TRUST_JSON = """
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AssumeRoleWithExternalId",
                        "Effect": "Allow",
                        "Principal": {
                            "AWS": [
                                "arn:aws:iam::210987654321:role/saas-connector"
                            ]
                        },
                        "Action": [
                            "sts:AssumeRole"
                        ],
                        "Condition": {
                            "StringEquals": {
                                "sts:ExternalId": [
                                    "omni-7f3a"
                                ]
                            }
                        }
                    }
                ]
            }
            """;

    @Test
    void policy_role_rendersAssumeRoleWithStringEqualsExternalId() {
        var trust = TrustPolicy.forPrincipal("arn:aws:iam::210987654321:role/saas-connector", EXTERNAL_ID);

        String json = trust.policy().toJson();

        assertThat(json.strip()).isEqualTo(ROLE_TRUST_JSON.strip());
        assertThat(Policy.fromJson(json)).isEqualTo(trust.policy());
    }

    @Test
    void forAccount_account_trustsAccountRoot() {
        var trust = TrustPolicy.forAccount(Partition.AWS_CN, AccountId.of("210987654321"), EXTERNAL_ID);

        var statement = trust.policy().statements().get(0);

        assertThat(trust.trusted()).isEqualTo(Arn.parse("arn:aws-cn:iam::210987654321:root"));
        assertThat(statement.principals())
                .singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo("arn:aws-cn:iam::210987654321:root"));
        assertThat(statement.actions()).singleElement().hasToString("sts:AssumeRole");
        assertThat(statement.conditions()).singleElement().satisfies(c -> {
            assertThat(c.operator()).isEqualTo("StringEquals");
            assertThat(c.key()).isEqualTo("sts:ExternalId");
            assertThat(c.values()).containsExactly("omni-7f3a");
        });
        assertThat(statement.resources()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::210987654321:root",
                "arn:aws:iam::210987654321:role/saas-connector",
                "arn:aws:iam::210987654321:role/service-role/saas_connector",
                "arn:aws:iam::210987654321:role/a/b/c/Role+Name=x,y.z@w-1",
                "arn:aws:iam::210987654321:user/alice",
                "arn:aws:iam::210987654321:user/division/alice",
                "arn:aws-cn:iam::210987654321:role/saas",
                "arn:aws-us-gov:iam::210987654321:role/saas"
            })
    void forPrincipal_rootRoleOrUserArn_isTrusted(String arn) {
        var trust = TrustPolicy.forPrincipal(arn, EXTERNAL_ID);

        assertThat(trust.trusted()).hasToString(arn);
        assertThat(trust.externalId()).isEqualTo(EXTERNAL_ID);
    }

    @Test
    void forPrincipal_roleNameOf64Characters_isTrusted() {
        String arn = "arn:aws:iam::210987654321:role/" + "r".repeat(64);

        var trust = TrustPolicy.forPrincipal(arn, EXTERNAL_ID);

        assertThat(trust.trusted()).hasToString(arn);
    }

    static Stream<Arguments> invalidPrincipals() {
        return Stream.of(
                Arguments.of("*", "bare wildcard"),
                Arguments.of("210987654321", "bare account id"),
                Arguments.of("arn:aws:iam::210987654321:role/" + "r".repeat(65), "role name longer than 64"),
                Arguments.of("arn:aws:iam::210987654321:*", "wildcard resource"),
                Arguments.of("arn:aws:iam::210987654321:role/*", "wildcard role"),
                Arguments.of("arn:aws:iam::210987654321:role/saas-*", "wildcard in role"),
                Arguments.of("arn:aws:iam::210987654321:role/saas-?", "wildcard in role"),
                Arguments.of("arn:aws:iam::210987654321:user/*", "wildcard user"),
                Arguments.of("arn:aws:iam::210987654321:role/${aws:username}", "policy variable"),
                Arguments.of("arn:aws:iam::*:root", "wildcard account"),
                Arguments.of("arn:aws:iam::aws:root", "account 'aws'"),
                Arguments.of("arn:aws:iam:::root", "no account"),
                Arguments.of("arn:aws:iam:eu-west-1:210987654321:root", "region in IAM ARN"),
                Arguments.of("arn:aws:iam::210987654321:group/admins", "group"),
                Arguments.of("arn:aws:iam::210987654321:policy/p", "policy"),
                Arguments.of("arn:aws:iam::210987654321:role/", "empty role name"),
                Arguments.of("arn:aws:iam::210987654321:role//saas", "empty path segment"),
                Arguments.of("arn:aws:iam::210987654321:role/saas connector", "space"),
                Arguments.of("arn:aws:iam::210987654321:role/saas\"x", "quote"),
                Arguments.of("arn:aws:iam::210987654321:Root", "uppercase root"),
                Arguments.of("arn:aws:sts::210987654321:assumed-role/saas/session", "STS session"),
                Arguments.of("arn:aws:s3:::bucket", "S3 ARN"),
                Arguments.of("arn:aws:iam::210987654321:role/saas\u0000", "NUL"),
                Arguments.of("arn:aws", "truncated ARN"),
                Arguments.of("", "empty"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidPrincipals")
    void forPrincipal_notAnAccountRoleOrUserArn_throwsNamingTrustedPrincipal(String arn, String why) {
        assertThatThrownBy(() -> TrustPolicy.forPrincipal(arn, EXTERNAL_ID))
                .as(why)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted-principal %s is not valid: %s", InputRules.quote(arn), RULE);
    }

    @Test
    void forPrincipal_wildcardRole_quotesValueAndRule() {
        assertThatThrownBy(() -> TrustPolicy.forPrincipal("arn:aws:iam::210987654321:role/*", EXTERNAL_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted-principal \"arn:aws:iam::210987654321:role/*\" is not valid: " + RULE);
    }

    @Test
    void forPrincipal_nul_isEscapedInMessage() {
        assertThatThrownBy(() -> TrustPolicy.forPrincipal("arn:aws:iam::210987654321:role/s\u0000", EXTERNAL_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trusted-principal \"arn:aws:iam::210987654321:role/s\\u0000\" is not valid")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void constructor_wildcardArn_throwsNamingTrustedPrincipal() {
        var arn = Arn.parse("arn:aws:iam::210987654321:role/*");

        assertThatThrownBy(() -> new TrustPolicy(arn, EXTERNAL_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted-principal \"arn:aws:iam::210987654321:role/*\" is not valid: " + RULE);
    }
}

package dev.leastpriv.validator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.ValidatorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Principal resolution against the AWS emulator, with real SDK clients. */
class PrincipalResolverTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static MotoServer moto;
    private static IamClient adminIam;
    private static StsClient adminSts;
    private static String roleArn;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        adminIam = moto.iam(MotoServer.ADMIN);
        adminSts = moto.sts(MotoServer.ADMIN);
        roleArn = adminIam.createRole(
                        r -> r.roleName("connector").path("/data/").assumeRolePolicyDocument(TRUST))
                .role()
                .arn();
    }

    @AfterAll
    static void stop() {
        adminIam.close();
        adminSts.close();
        moto.close();
    }

    @Test
    void resolve_assumedRoleCaller_becomesTheRoleWithItsPath() {
        Credentials session = adminSts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("preflight"))
                .credentials();
        try (StsClient sts = moto.sts(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))) {

            ResolvedPrincipal principal =
                    PrincipalResolver.create(sts, adminIam).resolve(null);

            assertThat(principal.arn().toString()).isEqualTo("arn:aws:iam::123456789012:role/data/connector");
            assertThat(principal.kind()).isEqualTo(ResolvedPrincipal.Kind.ROLE);
            assertThat(principal.source()).isEqualTo("caller");
        }
    }

    @Test
    void resolve_roleArnWithoutPath_findsTheRealPath() {
        ResolvedPrincipal principal =
                PrincipalResolver.create(adminSts, adminIam).resolve("arn:aws:iam::123456789012:role/connector");

        assertThat(principal.arn().toString()).isEqualTo(roleArn);
        assertThat(principal.source()).isEqualTo(ResolvedPrincipal.GIVEN);
    }

    @Test
    void resolve_userCaller_isTheUser() {
        adminIam.createUser(r -> r.userName("alice").path("/team/"));
        AccessKey key = adminIam.createAccessKey(r -> r.userName("alice")).accessKey();
        try (StsClient sts = moto.sts(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {

            ResolvedPrincipal principal =
                    PrincipalResolver.create(sts, adminIam).resolve(null);

            assertThat(principal.arn().toString()).isEqualTo("arn:aws:iam::123456789012:user/team/alice");
            assertThat(principal.kind()).isEqualTo(ResolvedPrincipal.Kind.USER);
        }
    }

    @Test
    void resolve_missingRoleOrNotARole_isBadInput() {
        PrincipalResolver resolver = PrincipalResolver.create(adminSts, adminIam);

        assertThatThrownBy(() -> resolver.resolve("arn:aws:iam::123456789012:role/absent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Role \"absent\" (from arn:aws:iam::123456789012:role/absent) does not exist in the"
                        + " account the credentials belong to");
        assertThatThrownBy(() -> resolver.resolve("arn:aws:iam::123456789012:user/alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("role ARN \"arn:aws:iam::123456789012:user/alice\" is not valid");
        assertThatThrownBy(() -> resolver.resolve("not-an-arn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("role ARN \"not-an-arn\" is not valid");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:role/om*",
                "arn:aws:iam::123456789012:role/om-full ",
                "arn:aws:iam::123456789012:role/om?",
                "arn:aws:iam::123456789012:role/",
                "arn:aws:iam::123456789012:role/path*/om-full"
            })
    void resolve_roleNameIamWouldNeverHold_isBadInputBeforeAnyCall(String roleArn) {
        PrincipalResolver resolver = PrincipalResolver.create(adminSts, adminIam);

        assertThatThrownBy(() -> resolver.resolve(roleArn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid: expected a role ARN")
                .hasMessageContaining("no wildcard, no space");
    }

    @Test
    void resolve_roleArnOfAnotherAccount_isNotTheSameNamedRoleOfTheCaller() {
        PrincipalResolver resolver = PrincipalResolver.create(adminSts, adminIam);

        // iam:GetRole takes the name and answers from the caller's account (123456789012).
        assertThatThrownBy(() -> resolver.resolve("arn:aws:iam::999999999999:role/data/connector"))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining("IAM answered for arn:aws:iam::123456789012:role/data/connector when asked for"
                        + " arn:aws:iam::999999999999:role/data/connector")
                .hasMessageContaining("the caller's credentials are for another account");
        assertThatThrownBy(() -> resolver.resolve("arn:aws-cn:iam::123456789012:role/data/connector"))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining("when asked for arn:aws-cn:iam::123456789012:role/data/connector");
        // A role of that name missing from the caller's account: the account is the problem, not the name.
        assertThatThrownBy(() -> resolver.resolve("arn:aws:iam::999999999999:role/elsewhere"))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining("the credentials belong to account 123456789012, not 999999999999");
    }

    @Test
    void resolve_roleArnWithAnotherPath_isBadInputNamingTheRealArn() {
        PrincipalResolver resolver = PrincipalResolver.create(adminSts, adminIam);

        assertThatThrownBy(() -> resolver.resolve("arn:aws:iam::123456789012:role/wrongpath/connector"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role ARN \"arn:aws:iam::123456789012:role/wrongpath/connector\" does not exist: the role"
                        + " named \"connector\" in account 123456789012 is arn:aws:iam::123456789012:role/data/connector"
                        + " (another path or spelling); give that ARN");
    }

    @Test
    void resolve_roleArnWithTheRealPath_isThatExactArn() {
        ResolvedPrincipal principal =
                PrincipalResolver.create(adminSts, adminIam).resolve(roleArn);

        assertThat(principal.arn().toString()).isEqualTo(roleArn);
    }

    @Test
    void resolve_unreachableEndpoint_couldNotRun() {
        try (StsClient sts = StsClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:1"))
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            assertThatThrownBy(() -> PrincipalResolver.create(sts, adminIam).resolve(null))
                    .isInstanceOf(ValidatorException.class)
                    .hasMessageStartingWith("sts:GetCallerIdentity failed: network failure");
        }
    }
}

package dev.leastpriv.validator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.ValidatorException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The fetch-mode preflight against roles in the AWS emulator, with real SDK clients. */
class PreflightTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\","
            + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"omni-7f3a\"}}}]}";
    private static final RenderedPolicy RENDERED = PolicyRenderer.render(PolicyRequest.of(
            Connection.builder()
                    .region("us-east-1")
                    .account("123456789012")
                    .workgroup("metadata")
                    .addDatabase("sales")
                    .results("s3://athena-results-123456789012/openmetadata/")
                    .addData("s3://company-data-lake/warehouse/")
                    .build(),
            Profile.OPENMETADATA,
            List.of()));

    private static MotoServer moto;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        iam = moto.iam(MotoServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        iam.close();
        moto.close();
    }

    private static List<Requirement> required() {
        return RENDERED.requirements().requirements();
    }

    private static ResolvedPrincipal role(String name, Policy inline, String boundaryArn) {
        iam.createRole(r -> {
            r.roleName(name).path("/connectors/").assumeRolePolicyDocument(TRUST);
            if (boundaryArn != null) {
                r.permissionsBoundary(boundaryArn);
            }
        });
        iam.putRolePolicy(r -> r.roleName(name).policyName("connector").policyDocument(inline.toCompactJson()));
        return new ResolvedPrincipal(
                Arn.parse("arn:aws:iam::123456789012:role/connectors/" + name), ResolvedPrincipal.Kind.ROLE, "test");
    }

    @Test
    void run_roleWithExactlyTheRenderedPolicy_passes() {
        ResolvedPrincipal principal = role("exact", RENDERED.policy(), null);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.passed()).isTrue();
        assertThat(report.coverage()).hasSize(required().size()).allMatch(Coverage::isAllowed);
        assertThat(report.caveats()).anyMatch(c -> c.startsWith("Lake Formation grants"));
    }

    @Test
    void run_statementRemoved_failsExactlyTheRequirementsItServed() {
        Policy withoutTables = Policy.of(RENDERED.policy().statements().stream()
                .filter(s -> !"GlueTables".equals(s.sid()))
                .toList());
        ResolvedPrincipal principal = role("notables", withoutTables, null);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        Set<String> failing = report.coverage().stream()
                .filter(c -> !c.isAllowed())
                .map(c -> c.requirement().feature() + " " + c.requirement().action())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> expected = RENDERED.requirements().requirements().stream()
                .filter(r -> r.sid().equals("GlueTables"))
                .map(r -> r.feature().id() + " " + r.action())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(report.passed()).isFalse();
        assertThat(report.inconclusive()).isFalse();
        assertThat(failing).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void run_boundaryWithoutS3_namesTheBoundary() {
        Policy boundaryPolicy = Policy.of(Statement.allow()
                .addAction("athena:*")
                .addAction("glue:*")
                .addAction("lakeformation:*") // OpenMetadata reads LF-tags by default
                .addResource("*")
                .build());
        String boundaryArn = iam.createPolicy(r -> r.policyName("no-s3").policyDocument(boundaryPolicy.toCompactJson()))
                .policy()
                .arn();
        ResolvedPrincipal principal = role("bounded", RENDERED.policy(), boundaryArn);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.requirement().action().service()).isEqualTo("s3");
                    assertThat(c.explanation()).isEqualTo("no permissions boundary allows the action");
                });
    }

    @Test
    void run_attachedManagedPolicy_isReadAtItsDefaultVersion() {
        String name = "managed";
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        Policy old = Policy.of(Statement.allow()
                .addAction("s3:ListAllMyBuckets")
                .addResource("*")
                .build());
        String arn = iam.createPolicy(r -> r.policyName("connector-managed").policyDocument(old.toCompactJson()))
                .policy()
                .arn();
        iam.createPolicyVersion(r -> r.policyArn(arn)
                .policyDocument(RENDERED.policy().toCompactJson())
                .setAsDefault(true));
        iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn));

        PreflightReport report = Preflight.fetch(iam)
                .run(
                        new ResolvedPrincipal(
                                Arn.parse("arn:aws:iam::123456789012:role/" + name),
                                ResolvedPrincipal.Kind.ROLE,
                                "test"),
                        required());

        assertThat(report.passed()).isTrue();
        FetchedRole fetched = RoleFetcher.create(iam).fetch(Arn.parse("arn:aws:iam::123456789012:role/" + name));
        assertThat(fetched.identityPolicies()).containsOnlyKeys(arn);
        assertThat(fetched.trustPolicy().statements().get(0).actions().toString())
                .contains("sts:AssumeRole");
    }

    @Test
    void run_explicitDeny_namesTheInlinePolicyThatDenies() {
        ResolvedPrincipal principal = role("denied", RENDERED.policy(), null);
        Policy deny = Policy.of(Statement.deny()
                .sid("NoHistory")
                .addAction("athena:ListQueryExecutions")
                .addResource("*")
                .build());
        iam.putRolePolicy(r -> r.roleName("denied").policyName("deny-history").policyDocument(deny.toCompactJson()));

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.explanation())
                        .isEqualTo("explicitDeny by a Deny statement (inline policy \"deny-history\", statement 0,"
                                + " Sid NoHistory)"));
    }

    @Test
    void run_administratorAccess_isAnExcessGrantNamingThePolicy() {
        Policy admin = Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"All\","
                + "\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        ResolvedPrincipal principal = role("admin", admin, null);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.coverage()).allMatch(Coverage::isAllowed);
        assertThat(report.excess())
                .singleElement()
                .isEqualTo(new ExcessGrant(
                        "*", "inline:connector (Sid All)", "every action of every service: administrator access"));
        assertThat(report.passed()).isFalse();
        assertThat(report.denied()).isTrue();
    }

    @Test
    void run_wholeSensitiveServiceOrNotAction_isAnExcessGrant() {
        Policy wide = Policy.of(
                RENDERED.policy().statements().get(0),
                Statement.allow().sid("Iam").addAction("iam:*").addResource("*").build(),
                Statement.allow()
                        .sid("Rest")
                        .notActions(List.of(dev.leastpriv.core.Action.parse("iam:*")))
                        .addResource("*")
                        .build());
        ResolvedPrincipal principal = role("wide", wide, null);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.excess())
                .extracting(ExcessGrant::grant, ExcessGrant::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("iam:*", "inline:connector (Sid Iam)"),
                        org.assertj.core.groups.Tuple.tuple("NotAction [iam:*]", "inline:connector (Sid Rest)"));
    }

    @Test
    void run_sentinelGrantedByAPatternNoRuleNames_isStillFound() {
        // iam:Pass* is not a whole-service grant, but it passes roles: the sentinel evaluation finds it.
        Policy pass = Policy.of(
                RENDERED.policy().statements().get(0),
                Statement.allow().addAction("iam:Pass*").addResource("*").build());
        ResolvedPrincipal principal = role("passer", pass, null);

        PreflightReport report = Preflight.fetch(iam).run(principal, required());

        assertThat(report.excess()).singleElement().satisfies(e -> {
            assertThat(e.grant()).isEqualTo("iam:PassRole on *");
            assertThat(e.source()).contains("inline policy \"connector\"");
        });
    }

    @Test
    void run_roleOfTheSameNameInAnotherAccount_isNeverChecked() {
        role("namesake", RENDERED.policy(), null);
        ResolvedPrincipal elsewhere = new ResolvedPrincipal(
                Arn.parse("arn:aws:iam::999999999999:role/connectors/namesake"), ResolvedPrincipal.Kind.ROLE, "test");

        assertThatThrownBy(() -> Preflight.fetch(iam).run(elsewhere, required()))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining("when asked for arn:aws:iam::999999999999:role/connectors/namesake");
    }

    @Test
    void run_userPrincipal_isRefusedInFetchMode() {
        ResolvedPrincipal user = new ResolvedPrincipal(
                Arn.parse("arn:aws:iam::123456789012:user/alice"), ResolvedPrincipal.Kind.USER, "caller");

        assertThatThrownBy(() -> Preflight.fetch(iam).run(user, required()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name the connector's role instead");
    }

    @Test
    void fetch_missingRole_isCouldNotRunNamingTheAction() {
        assertThatThrownBy(() -> RoleFetcher.create(iam).fetch(Arn.parse("arn:aws:iam::123456789012:role/absent")))
                .isInstanceOf(ValidatorException.class)
                .hasMessageStartingWith("iam:GetRole failed");
    }
}

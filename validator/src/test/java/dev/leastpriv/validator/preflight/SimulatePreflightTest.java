package dev.leastpriv.validator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Verdict;
import dev.leastpriv.validator.ConnectorPolicies;
import dev.leastpriv.validator.IamEndpoint;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.ValidatorException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The simulate-mode preflight: real SDK clients against IAM's query protocol, answered by {@link IamEndpoint} from the
 * offline evaluator over the roles the AWS emulator holds, in both response shapes and under injected faults.
 */
class SimulatePreflightTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final RenderedPolicy RENDERED = render(1);

    private static MotoServer moto;
    private static IamClient admin;
    private static IamEndpoint endpoint;
    private static IamClient iam;
    private static int roles;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        admin = moto.iam(MotoServer.ADMIN);
        endpoint = IamEndpoint.start(moto);
        iam = client(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        iam.close();
        endpoint.close();
        admin.close();
        moto.close();
    }

    @AfterEach
    void reset() {
        endpoint.reset();
        endpoint.shape(IamEndpoint.Shape.CURRENT);
    }

    /** The CLI's retry configuration (standard, 4 attempts) with short backoffs, so fault tests stay quick. */
    static IamClient client(Duration attemptTimeout) {
        StandardRetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(4)
                .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                        Duration.ofMillis(5), Duration.ofMillis(50)))
                .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                        Duration.ofMillis(5), Duration.ofMillis(50)))
                .build();
        return IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint.endpoint())
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retries)
                        .apiCallAttemptTimeout(attemptTimeout)
                        .build())
                .build();
    }

    private static RenderedPolicy render(int databases) {
        return ConnectorPolicies.openmetadata(databases);
    }

    private static List<Requirement> required(RenderedPolicy rendered) {
        return rendered.requirements().requirements();
    }

    private static ResolvedPrincipal role(Policy inline, String boundaryArn) {
        String name = "role" + (++roles);
        admin.createRole(r -> {
            r.roleName(name).path("/connectors/").assumeRolePolicyDocument(TRUST);
            if (boundaryArn != null) {
                r.permissionsBoundary(boundaryArn);
            }
        });
        admin.putRolePolicy(r -> r.roleName(name).policyName("connector").policyDocument(inline.toCompactJson()));
        return new ResolvedPrincipal(
                Arn.parse("arn:aws:iam::123456789012:role/connectors/" + name), ResolvedPrincipal.Kind.ROLE, "test");
    }

    private static PreflightReport simulate(ResolvedPrincipal principal) {
        return Preflight.simulate(iam).run(principal, required(RENDERED));
    }

    private static Set<String> failing(PreflightReport report, Verdict verdict) {
        return report.coverage().stream()
                .filter(c -> c.verdict() == verdict)
                .map(c -> c.requirement().feature() + " " + c.requirement().action())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Policy without(String sid) {
        return Policy.of(RENDERED.policy().statements().stream()
                .filter(s -> !sid.equals(s.sid()))
                .toList());
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void run_roleWithExactlyTheRenderedPolicy_passesInBothShapes(IamEndpoint.Shape shape) {
        endpoint.shape(shape);
        ResolvedPrincipal principal = role(RENDERED.policy(), null);

        PreflightReport report = simulate(principal);

        assertThat(report.coverage())
                .allSatisfy(c -> assertThat(c.verdict())
                        .as("%s %s: %s", c.requirement().action(), c.deniedResource(), c.explanation())
                        .isEqualTo(Verdict.PASS));
        assertThat(report.passed()).isTrue();
        assertThat(report.mode()).isEqualTo(Preflight.Mode.SIMULATE);
        assertThat(report.simulationRequests())
                .isEqualTo(endpoint.simulateRequests())
                .isPositive();
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void run_eachRemovedStatement_failsExactlyTheRequirementsItServed(IamEndpoint.Shape shape) {
        endpoint.shape(shape);
        for (Statement removed : RENDERED.policy().statements()) {
            ResolvedPrincipal principal = role(without(removed.sid()), null);

            PreflightReport report = simulate(principal);

            Set<String> expected = RENDERED.requirements().requirements().stream()
                    .filter(r -> r.sid().equals(removed.sid()))
                    .map(r -> r.feature().id() + " " + r.action())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(failing(report, Verdict.MISSING))
                    .as(removed.sid())
                    .isNotEmpty()
                    .isEqualTo(expected);
            assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                    .allMatch(c -> c.verdict() == Verdict.MISSING);
            assertThat(report.denied()).isTrue();
        }
    }

    @Test
    void run_boundaryWithoutS3_isDeniedByBoundary() {
        Policy boundary = Policy.of(Statement.allow()
                .addAction("athena:*")
                .addAction("glue:*")
                .addAction("lakeformation:*")
                .addAction("kms:*")
                .addAction("lambda:*")
                .addResource("*")
                .build());
        String boundaryArn = admin.createPolicy(
                        r -> r.policyName("no-s3-simulated").policyDocument(boundary.toCompactJson()))
                .policy()
                .arn();

        PreflightReport report = simulate(role(RENDERED.policy(), boundaryArn));

        assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.requirement().action().service()).isEqualTo("s3");
                    assertThat(c.verdict()).isEqualTo(Verdict.DENIED_BY_BOUNDARY);
                    assertThat(c.explanation()).contains("permissions boundary");
                });
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void run_explicitDenyInTheRole_isDeniedExplicitNamingThePolicy(IamEndpoint.Shape shape) {
        endpoint.shape(shape);
        Policy withDeny = Policy.of(com.google.common.collect.ImmutableList.<Statement>builder()
                .addAll(RENDERED.policy().statements())
                .add(Statement.deny()
                        .sid("NoQueries")
                        .addAction("athena:StartQueryExecution")
                        .addResource("*")
                        .build())
                .build());

        PreflightReport report = simulate(role(withDeny, null));

        assertThat(failing(report, Verdict.DENIED_EXPLICIT))
                .isNotEmpty()
                .allMatch(s -> s.endsWith(" athena:StartQueryExecution"));
        assertThat(report.coverage().stream().filter(c -> c.verdict() == Verdict.DENIED_EXPLICIT))
                .allSatisfy(c -> assertThat(c.explanation()).contains("role policy connector"));
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void run_scpDeny_isDeniedByOrganizationInBothShapes(IamEndpoint.Shape shape) {
        endpoint.shape(shape);
        Policy fullAccess =
                Policy.of(Statement.allow().addAction("*").addResource("*").build());
        Policy noGlue = Policy.of(
                Statement.deny().addAction("glue:GetTables").addResource("*").build());
        endpoint.organization(List.of(List.of(fullAccess, noGlue)));

        PreflightReport report = simulate(role(RENDERED.policy(), null));

        assertThat(failing(report, Verdict.DENIED_BY_ORGANIZATION))
                .isNotEmpty()
                .allMatch(s -> s.endsWith(" glue:GetTables"));
        assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                .allMatch(c -> c.verdict() == Verdict.DENIED_BY_ORGANIZATION)
                .allSatisfy(c -> assertThat(c.explanation()).contains("editing the role cannot fix this"));
    }

    @Test
    void run_scpWithoutAnAllow_isDeniedByOrganization() {
        Policy onlyAthena = Policy.of(
                Statement.allow().addAction("athena:*").addResource("*").build());
        endpoint.organization(List.of(List.of(onlyAthena)));

        PreflightReport report = simulate(role(RENDERED.policy(), null));

        assertThat(report.coverage().stream().filter(c -> !c.isAllowed()))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.requirement().action().service()).isNotEqualTo("athena");
                    assertThat(c.verdict()).isEqualTo(Verdict.DENIED_BY_ORGANIZATION);
                });
    }

    @Test
    void run_conditionOnAKeyNotGiven_isUnknownAndInconclusive() {
        Policy conditional = Policy.fromJson(RENDERED.policy()
                .toCompactJson()
                .replace(
                        "\"Sid\":\"GlueTables\",\"Effect\":\"Allow\",",
                        "\"Sid\":\"GlueTables\",\"Effect\":\"Allow\",\"Condition\":{\"StringEquals\":"
                                + "{\"aws:CalledVia\":\"athena.amazonaws.com\"}},"));
        assertThat(conditional).isNotEqualTo(RENDERED.policy());

        PreflightReport report = simulate(role(conditional, null));

        assertThat(failing(report, Verdict.UNKNOWN)).isNotEmpty();
        assertThat(report.coverage().stream().filter(c -> !c.isAllowed())).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(c.missingContextKeys()).containsExactly("aws:CalledVia");
        });
        assertThat(report.passed()).isFalse();
        assertThat(report.inconclusive()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void run_smallPages_readsEveryPage(IamEndpoint.Shape shape) {
        // The legacy shape has a result per action × resource: bigger pages keep the page count alike.
        endpoint.shape(shape).pageSize(shape == IamEndpoint.Shape.CURRENT ? 3 : 40);
        ResolvedPrincipal principal = role(RENDERED.policy(), null);

        PreflightReport report = simulate(principal);

        assertThat(report.passed()).isTrue();
        int calls = SimulationCall.plan(required(RENDERED)).size();
        assertThat(report.simulationRequests()).isGreaterThan(calls).isEqualTo(endpoint.simulateRequests());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void run_requestCount_isCeilingOfDistinctArnsOverTwenty(int databases) {
        RenderedPolicy rendered = render(databases);
        ResolvedPrincipal principal = role(rendered.policy(), null);
        long distinct = rendered.requirements().requirements().stream()
                .flatMap(r -> r.resources().stream())
                .map(dev.leastpriv.core.Resource::pattern)
                .distinct()
                .count();

        PreflightReport report = Preflight.simulate(iam).run(principal, required(rendered));

        assertThat(report.passed()).isTrue();
        assertThat(endpoint.simulateRequests()).isEqualTo((int) ((distinct + 19) / 20));
        assertThat(report.simulationRequests()).isEqualTo(endpoint.simulateRequests());
    }

    // ---- faults: none may end in a pass --------------------------------------------------------------------------

    @Test
    void fault_throttlingThenSuccess_retriesAndPasses() {
        ResolvedPrincipal principal = role(RENDERED.policy(), null);
        endpoint.faults((n, continuation) -> n < 2 ? IamEndpoint.Fault.THROTTLING : IamEndpoint.Fault.NONE);

        PreflightReport report = simulate(principal);

        assertThat(report.passed()).isTrue();
        assertThat(endpoint.simulateRequests()).isEqualTo(report.simulationRequests() + 2);
    }

    @Test
    void fault_throttlingUntilRetriesRunOut_isInconclusive() {
        assertFault(IamEndpoint.Fault.THROTTLING, "throttled: Throttling (HTTP 400): Rate exceeded");
        assertThat(endpoint.simulateRequests()).isEqualTo(4);
    }

    @Test
    void fault_internalError_isInconclusive() {
        assertFault(IamEndpoint.Fault.INTERNAL_ERROR, "AWS had an internal error: ServiceFailure (HTTP 500)");
    }

    @Test
    void fault_timeout_isInconclusive() {
        try (IamClient impatient = client(Duration.ofMillis(300))) {
            ResolvedPrincipal principal = role(RENDERED.policy(), null);
            endpoint.faults((n, continuation) -> IamEndpoint.Fault.TIMEOUT);

            assertThatThrownBy(() -> Preflight.simulate(impatient).run(principal, required(RENDERED)))
                    .isInstanceOf(ValidatorException.class)
                    .hasMessageContaining("iam:SimulatePrincipalPolicy failed: timed out");
        }
    }

    @Test
    void fault_malformedBody_isInconclusive() {
        assertFault(IamEndpoint.Fault.MALFORMED_BODY, "iam:SimulatePrincipalPolicy failed: ");
    }

    @Test
    void fault_accessDenied_namesTheActionAndSuggestsFetchMode() {
        assertFault(IamEndpoint.Fault.ACCESS_DENIED, "access denied: AccessDenied (HTTP 403)");
        assertThat(endpoint.simulateRequests())
                .as("AccessDenied is never retried")
                .isEqualTo(1);
    }

    @Test
    void fault_expiredCredentials_saysSo() {
        assertFault(IamEndpoint.Fault.EXPIRED_TOKEN, "the credentials have expired: ExpiredToken (HTTP 403)");
    }

    @ParameterizedTest
    @EnumSource(IamEndpoint.Shape.class)
    void fault_pageFailingMidway_isInconclusive(IamEndpoint.Shape shape) {
        endpoint.shape(shape).pageSize(2);
        ResolvedPrincipal principal = role(RENDERED.policy(), null);
        endpoint.faults((n, continuation) -> continuation ? IamEndpoint.Fault.INTERNAL_ERROR : IamEndpoint.Fault.NONE);

        assertThatThrownBy(() -> simulate(principal))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining("ServiceFailure");
    }

    private void assertFault(IamEndpoint.Fault fault, String message) {
        ResolvedPrincipal principal = role(RENDERED.policy(), null);
        endpoint.faults((n, continuation) -> fault);

        assertThatThrownBy(() -> simulate(principal))
                .isInstanceOf(ValidatorException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("iam:SimulatePrincipalPolicy");
    }
}

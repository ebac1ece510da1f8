package dev.leastpriv.validator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.explain.DenialExplanation;
import dev.leastpriv.policies.explain.FixLocation;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.ProbeEndpoint;
import dev.leastpriv.validator.ProbeEndpoint.Fault;
import dev.leastpriv.validator.ValidatorException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** The probe against moto_server behind the in-test probe endpoint: real SDK clients, real wire formats. */
class ProbeTest {

    private static final int ATTEMPTS = 2;
    private static final String ROLE = "arn:aws:iam::123456789012:role/probe";

    private static MotoServer moto;
    private static ProbeEndpoint endpoint;
    private static ProbeCredentials credentials;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        endpoint = ProbeEndpoint.start(moto);
        try (GlueClient glue = moto.glue(MotoServer.ADMIN);
                S3Client s3 = moto.s3(MotoServer.ADMIN);
                AthenaClient athena = moto.athena(MotoServer.ADMIN);
                StsClient sts = moto.sts(MotoServer.ADMIN)) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
            glue.createDatabase(r -> r.databaseInput(d -> d.name("empty")));
            glue.createTable(r -> r.databaseName("sales")
                    .tableInput(t -> t.name("orders")
                            .tableType("EXTERNAL_TABLE")
                            .storageDescriptor(s -> s.columns(
                                    Column.builder().name("id").type("bigint").build(),
                                    Column.builder()
                                            .name("total")
                                            .type("double")
                                            .build()))));
            s3.createBucket(r -> r.bucket("results-bucket"));
            s3.createBucket(r -> r.bucket("data-bucket"));
            athena.createWorkGroup(r -> r.name("wg"));
            credentials = ProbeCredentials.assume(sts, ROLE, "ext-1234");
        }
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        moto.close();
    }

    @AfterEach
    void reset() {
        endpoint.reset();
    }

    private static RequirementSet requirements(
            Profile profile, Consumer<Connection.Builder> more, Feature... features) {
        Connection.Builder connection = Connection.builder()
                .region("us-east-1")
                .account("123456789012")
                .workgroup("wg")
                .results("s3://results-bucket/om/")
                .addData("s3://data-bucket/sales/");
        more.accept(connection);
        return RequirementSet.of(PolicyRequest.of(connection.build(), profile, List.of(features)));
    }

    private static RequirementSet sales(Feature... features) {
        return requirements(Profile.OPENMETADATA, c -> c.addDatabase("sales"), features);
    }

    private static ProbeReport run(RequirementSet requirements, boolean allowQuery) {
        return run(requirements, allowQuery, endpoint.endpoint());
    }

    private static ProbeReport run(RequirementSet requirements, boolean allowQuery, URI at) {
        return run(requirements, allowQuery, at, Duration.ofSeconds(10));
    }

    private static ProbeReport run(RequirementSet requirements, boolean allowQuery, URI at, Duration queryWait) {
        try (AthenaClient athena = build(AthenaClient.builder(), at);
                GlueClient glue = build(GlueClient.builder(), at);
                S3Client s3 = build(S3Client.builder().forcePathStyle(true), at)) {
            Probe probe = Probe.create(athena, glue, s3).withQueryWait(queryWait, Duration.ofMillis(50));
            return (allowQuery ? probe.allowQuery() : probe).run(credentials, requirements);
        }
    }

    private static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(B builder, URI at) {
        AwsCredentialsProvider provider = credentials.provider();
        return builder.region(Region.US_EAST_1)
                .endpointOverride(at)
                .credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(ATTEMPTS)
                                .build())
                        .build())
                .build();
    }

    private static ProbeResult result(ProbeReport report, String action) {
        return report.results().stream()
                .filter(r -> r.action().toString().equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError(action + " not in " + report.results()));
    }

    @Test
    void assume_givesASessionOfTheRole() {
        assertThat(credentials.principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/probe/leastpriv-probe");
        assertThat(credentials.source()).isEqualTo(ProbeCredentials.ASSUMED);
        assertThat(credentials.provider().resolveCredentials().accessKeyId()).isNotEqualTo("testing");
    }

    @Test
    void assume_notARoleArn_isBadInput() {
        try (StsClient sts = moto.sts(MotoServer.ADMIN)) {
            assertThatThrownBy(() -> ProbeCredentials.assume(sts, "arn:aws:iam::123456789012:user/alice", null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("role ARN \"arn:aws:iam::123456789012:user/alice\" is not valid");
        }
    }

    @Test
    void metadata_everyCallSucceeds_passesWithoutAQuery() {
        ProbeReport report = run(sales(Feature.METADATA), false);

        assertThat(report.passed()).as("%s", report.results()).isTrue();
        assertThat(report.principal()).isEqualTo(credentials.principal());
        assertThat(endpoint.operations())
                .containsSubsequence(
                        "ListDatabases",
                        "GetDatabases",
                        "ListTableMetadata",
                        "GetTableMetadata",
                        "GetDatabase",
                        "GetTables",
                        "GetTable",
                        "s3:ListObjectsV2")
                .doesNotContain("StartQueryExecution", "GetQueryExecution", "GetWorkGroup");
        assertThat(result(report, "athena:GetTableMetadata").detail()).isEqualTo("2 columns");
        assertThat(result(report, "glue:GetTable").target()).isEqualTo("database sales, table orders");
        assertThat(result(report, "glue:GetTable").resources().get(2).toString())
                .isEqualTo("arn:aws:glue:us-east-1:123456789012:table/sales/orders");
        ProbeResult query = result(report, "athena:StartQueryExecution");
        assertThat(query.outcome()).isEqualTo(ProbeOutcome.SKIPPED);
        assertThat(query.detail()).contains("not allowed");
        assertThat(query.features()).containsExactly(Feature.METADATA);
        // metadata does not read table data: the data location is not the connector's call
        assertThat(endpoint.calls()).noneMatch(c -> c.operation().contains("data-bucket"));
        assertThat(endpoint.calls().stream()
                        .filter(c -> c.operation().equals("s3:ListObjectsV2"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void everyResultMapsToARequirementOfItsAction() {
        ProbeReport report = run(sales(Feature.METADATA, Feature.PROFILER), false);

        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.requirements()).isNotEmpty();
            assertThat(r.requirements()).allMatch(req -> req.action().equals(r.action()));
        });
        assertThat(result(report, "glue:GetDatabase").features()).contains(Feature.METADATA, Feature.PROFILER);
        // profiler reads data: both locations are listed
        assertThat(endpoint.operations().stream()
                        .filter("s3:ListObjectsV2"::equals)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void allowQuery_queryStillRunningAfterTheWait_isStoppedAndCouldNotRun() {
        endpoint.fail("GetQueryExecution", Fault.QUERY_RUNNING);

        ProbeReport report = run(
                requirements(Profile.DATAHUB, c -> c.addDatabase("sales"), Feature.METADATA),
                true,
                endpoint.endpoint(),
                Duration.ofMillis(300));

        // the probe leaves no query running (and billed) behind it
        assertThat(endpoint.operations())
                .containsSubsequence("StartQueryExecution", "GetQueryExecution", "StopQueryExecution");
        assertThat(endpoint.operations()).doesNotContain("GetQueryResults");
        ProbeResult stopped = result(report, "athena:StopQueryExecution");
        assertThat(stopped.outcome()).isEqualTo(ProbeOutcome.OK);
        ProbeResult query = report.results().stream()
                .filter(r ->
                        r.action().toString().equals("athena:StartQueryExecution") && r.outcome() == ProbeOutcome.ERROR)
                .findFirst()
                .orElseThrow();
        assertThat(query.detail()).startsWith("the query did not end within 300 ms (state RUNNING");
        assertThat(report.passed()).isFalse();
        assertThat(report.denied()).isFalse();
    }

    @Test
    void allowQuery_runsSelectOneWithTheSessionDatabase() {
        ProbeReport report = run(
                requirements(Profile.DATAHUB, c -> c.addDatabase("sales").sessionDatabase("scratch"), Feature.METADATA),
                true);

        ProbeEndpoint.Call start = endpoint.calls().stream()
                .filter(c -> c.operation().equals("StartQueryExecution"))
                .findFirst()
                .orElseThrow();
        assertThat(start.body())
                .contains("\"QueryString\":\"SELECT 1\"")
                .contains("\"WorkGroup\":\"wg\"")
                .contains("\"QueryExecutionContext\":{\"Database\":\"scratch\"}")
                .contains("\"OutputLocation\":\"s3://results-bucket/om/\"");
        assertThat(endpoint.operations())
                .containsSubsequence("StartQueryExecution", "GetQueryExecution", "GetQueryResults");
        assertThat(result(report, "athena:GetQueryExecution").detail()).isEqualTo("state SUCCEEDED");
        assertThat(report.passed()).as("%s", report.results()).isTrue();
        assertThat(report.queryAllowed()).isTrue();
    }

    @Test
    void deniedCall_isAFindingCarryingWhatExplainNeeds() {
        endpoint.fail("GetTables", Fault.ACCESS_DENIED);

        ProbeReport report = run(sales(Feature.METADATA), false);

        ProbeResult denied = result(report, "glue:GetTables");
        assertThat(denied.outcome()).isEqualTo(ProbeOutcome.DENIED);
        assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.errorMessage())
                .isEqualTo("User: " + ProbeEndpoint.DENIED_PRINCIPAL + " is not authorized to perform: glue:GetTables"
                        + " on resource: arn:aws:glue:us-east-1:123456789012:catalog because no identity-based"
                        + " policy allows the glue:GetTables action");
        assertThat(denied.resources().stream().map(Object::toString))
                .containsExactly(
                        "arn:aws:glue:us-east-1:123456789012:catalog",
                        "arn:aws:glue:us-east-1:123456789012:database/sales");
        assertThat(denied.features()).containsExactly(Feature.METADATA);
        assertThat(denied.requirements().get(0).sid()).isEqualTo("GlueTables");
        assertThat(report.denied()).isTrue();
        assertThat(report.passed()).isFalse();
        // explain's reading of the message: the role's own policy lacks the grant, and the statement to add
        DenialExplanation explanation = denied.explanation();
        assertThat(explanation).isNotNull();
        assertThat(explanation.outcome()).isEqualTo(DenialExplanation.Outcome.GRANT);
        assertThat(explanation.location()).isEqualTo(FixLocation.IDENTITY_POLICY);
        assertThat(explanation.grant()).isNotNull();
        assertThat(explanation.grant().policies().get(0).toJson())
                .contains("\"glue:GetTables\"")
                .contains("arn:aws:glue:us-east-1:123456789012:table/sales/*");
        // the table Athena listed is still read through Glue
        assertThat(result(report, "glue:GetTable").outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void athenaWrappedDenial_isDenied() {
        endpoint.fail("ListTableMetadata", Fault.WRAPPED_ACCESS_DENIED);

        ProbeReport report = run(sales(Feature.METADATA), false);

        ProbeResult denied = result(report, "athena:ListTableMetadata");
        assertThat(denied.outcome()).isEqualTo(ProbeOutcome.DENIED);
        assertThat(denied.errorCode()).isEqualTo("MetadataException");
        assertThat(denied.errorMessage()).contains("not authorized to perform: athena:ListTableMetadata");
    }

    @Test
    void s3Denied_isDenied() {
        endpoint.fail("s3:ListObjectsV2", Fault.ACCESS_DENIED);

        ProbeReport report = run(sales(Feature.METADATA), false);

        ProbeResult denied = result(report, "s3:ListBucket");
        assertThat(denied.outcome()).isEqualTo(ProbeOutcome.DENIED);
        assertThat(denied.errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.resources().get(0).toString()).isEqualTo("arn:aws:s3:::results-bucket");
        // S3 names no action, resource or cause; the probe knows its call, so explain still matches it
        assertThat(denied.explanation()).isNotNull();
        assertThat(denied.explanation().requirements())
                .extracting(r -> r.action().toString())
                .containsOnly("s3:ListBucket");
        assertThat(denied.explanation().outcome()).isEqualTo(DenialExplanation.Outcome.GRANT);
        assertThat(denied.explanation().notes()).anyMatch(note -> note.contains("names no cause"));
    }

    @Test
    void deniedByAServiceControlPolicy_isExplainedAsAFixElsewhere() {
        String scp = "arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-a1b2c3d4";
        endpoint.fail(
                "GetTables",
                Fault.ACCESS_DENIED,
                "User: " + ProbeEndpoint.DENIED_PRINCIPAL + " is not authorized to perform: glue:GetTables on"
                        + " resource: arn:aws:glue:us-east-1:123456789012:catalog with an explicit deny in a service"
                        + " control policy: " + scp);

        ProbeResult denied = result(run(sales(Feature.METADATA), false), "glue:GetTables");

        assertThat(denied.outcome()).isEqualTo(ProbeOutcome.DENIED);
        assertThat(denied.explanation().outcome()).isEqualTo(DenialExplanation.Outcome.ELSEWHERE);
        assertThat(denied.explanation().location()).isEqualTo(FixLocation.ORGANIZATION_POLICY);
        assertThat(denied.explanation().denial().policyArn()).isEqualTo(scp);
        assertThat(denied.explanation().grant()).isNull();
    }

    @Test
    void throttledToExhaustion_isInconclusiveAfterTheRetries() {
        endpoint.fail("GetDatabases", Fault.THROTTLING);

        ProbeReport report = run(sales(Feature.METADATA), false);

        assertThat(result(report, "glue:GetDatabases").outcome()).isEqualTo(ProbeOutcome.THROTTLED);
        assertThat(result(report, "glue:GetDatabases").detail()).startsWith("throttled: ThrottlingException");
        assertThat(endpoint.operations().stream().filter("GetDatabases"::equals).count())
                .isEqualTo(ATTEMPTS);
        assertThat(report.denied()).isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.inconclusive()).isTrue();
        // throttling of one call does not stop the others
        assertThat(result(report, "glue:GetTable").outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void namedDatabaseAbsent_isNotFound() {
        ProbeReport report =
                run(requirements(Profile.OPENMETADATA, c -> c.addDatabase("missing"), Feature.METADATA), false);

        assertThat(result(report, "athena:ListTableMetadata").outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(result(report, "glue:GetDatabase").outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(result(report, "glue:GetDatabase").errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(report.denied()).isTrue();
    }

    @Test
    void databaseWithoutTables_skipsTheTableReads() {
        ProbeReport report =
                run(requirements(Profile.OPENMETADATA, c -> c.addDatabase("empty"), Feature.METADATA), false);

        assertThat(result(report, "athena:GetTableMetadata").outcome()).isEqualTo(ProbeOutcome.SKIPPED);
        assertThat(result(report, "glue:GetTable").outcome()).isEqualTo(ProbeOutcome.SKIPPED);
        assertThat(endpoint.operations()).doesNotContain("GetTableMetadata", "GetTable");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void allDatabases_probesTheListedOnes() {
        ProbeReport report =
                run(requirements(Profile.OPENMETADATA, Connection.Builder::allDatabases, Feature.METADATA), false);

        assertThat(report.results().stream()
                        .filter(r -> r.action().toString().equals("glue:GetDatabase"))
                        .map(ProbeResult::target))
                // in the order the catalog listed them (the emulator: creation order)
                .startsWith("database sales", "database empty");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void databasesByPrefix_areSampledUpToTheBound() {
        try (GlueClient glue = moto.glue(MotoServer.ADMIN)) {
            for (int i = 0; i <= Probe.MAX_DATABASES; i++) {
                String name = String.format("bulk%02d", i);
                glue.createDatabase(r -> r.databaseInput(d -> d.name(name)));
            }
        }

        ProbeReport report =
                run(requirements(Profile.OPENMETADATA, c -> c.addDatabasePrefix("bulk"), Feature.METADATA), false);

        assertThat(endpoint.operations().stream().filter("GetDatabase"::equals).count())
                .isEqualTo(Probe.MAX_DATABASES);
        assertThat(report.results().get(report.results().size() - 3).detail())
                .isEqualTo("1 more databases not probed (the probe reads 10 per catalog)");
        assertThat(report.results()).noneMatch(r -> r.target().contains("sales"));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void federatedCatalog_readsItsDefinitionAndListsItsDatabases() {
        try (AthenaClient athena = moto.athena(MotoServer.ADMIN)) {
            athena.createDataCatalog(r -> r.name("fedcat")
                    .type("LAMBDA")
                    .parameters(java.util.Map.of("function", "arn:aws:lambda:us-east-1:123456789012:function:fedcat")));
        }

        ProbeReport report = run(
                requirements(Profile.OPENMETADATA, c -> c.addCatalog("fedcat").addDatabase("sales"), Feature.METADATA),
                false);

        ProbeResult definition = result(report, "athena:GetDataCatalog");
        assertThat(definition.outcome()).isEqualTo(ProbeOutcome.OK);
        assertThat(definition.detail()).isEqualTo("type LAMBDA");
        assertThat(definition.resources().get(0).toString())
                .isEqualTo("arn:aws:athena:us-east-1:123456789012:datacatalog/fedcat");
        assertThat(result(report, "athena:ListDatabases").target()).isEqualTo("catalog fedcat");
        assertThat(result(report, "athena:ListDatabases").outcome()).isEqualTo(ProbeOutcome.OK);
        // a federated catalog is not Glue's: no Glue call is made for it
        assertThat(endpoint.operations()).doesNotContain("GetDatabases", "GetTables");
    }

    @Test
    void genericJdbc_readsTheWorkgroup() {
        ProbeReport report = run(requirements(Profile.GENERIC, c -> c.addDatabase("sales"), Feature.METADATA), false);

        assertThat(result(report, "athena:GetWorkGroup").outcome()).isEqualTo(ProbeOutcome.OK);
        assertThat(endpoint.operations()).startsWith("GetWorkGroup");
    }

    @Test
    void unreachable_firstCallFailsAndTheRestAreNotMade() {
        URI closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        ProbeReport report = run(sales(Feature.METADATA), false, closed);

        assertThat(report.results().get(0).outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(report.results().get(0).detail()).startsWith("network failure");
        assertThat(report.results().subList(1, report.results().size()))
                .allMatch(r -> r.outcome() == ProbeOutcome.SKIPPED);
        assertThat(report.inconclusive()).isTrue();
    }

    @Test
    void templateRequirements_areRefused() {
        RequirementSet template = RequirementSet.of(
                PolicyRequest.template(Connection.builder().build(), Profile.OPENMETADATA, List.of(Feature.METADATA)));

        assertThatThrownBy(() -> run(template, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assume_deniedByTheTrustPolicy_couldNotRun() {
        try (StsClient sts = StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint.endpoint())
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            endpoint.fail("AssumeRole", Fault.ACCESS_DENIED);
            assertThatThrownBy(() -> ProbeCredentials.assume(sts, ROLE, null))
                    .isInstanceOf(ValidatorException.class)
                    .hasMessageContaining("sts:AssumeRole on " + ROLE + " failed: access denied");
        }
    }
}

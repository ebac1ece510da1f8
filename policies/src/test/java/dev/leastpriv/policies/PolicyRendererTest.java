package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyRendererTest {

    /** One golden file per profile and per optional block. */
    static Stream<Arguments> goldenCases() {
        return Stream.of(
                golden(
                        "openmetadata-default",
                        Profile.OPENMETADATA,
                        List.of(),
                        c -> c.addData("s3://company-data-lake/warehouse/")),
                golden(
                        "openmetadata-all-features",
                        Profile.OPENMETADATA,
                        List.copyOf(Profile.OPENMETADATA.features()),
                        c -> c.addCatalog("AwsDataCatalog")
                                .addCatalog("dynamodb")
                                .addData("s3://company-data-lake/warehouse/")
                                .lakeFormation(true)
                                .addLambda("athena-dynamodb-connector")
                                .addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab")),
                golden("omni-default", Profile.OMNI, List.of(), c -> c.addData("s3://analytics-data/")),
                golden("datahub-default", Profile.DATAHUB, List.of(), c -> {}),
                golden(
                        "generic-default",
                        Profile.GENERIC,
                        List.of(),
                        c -> c.addCatalog("AwsDataCatalog").addData("s3://analytics-data/tables/")),
                golden(
                        "block-lake-formation",
                        Profile.OPENMETADATA,
                        List.of(Feature.TAGS, Feature.PROFILER),
                        c -> c.lakeFormation(true).addData("s3://company-data-lake/")),
                golden(
                        "block-lambda",
                        Profile.OPENMETADATA,
                        List.of(Feature.FEDERATED_QUERY),
                        c -> c.addCatalog("dynamodb")
                                .addLambda("udf-mask")
                                .addLambda("arn:aws:lambda:eu-west-1:123456789012:function:athena-cmdb")
                                .addLambda("arn:aws:lambda:eu-west-1:123456789012:function:athena-ddb:PROD")),
                golden(
                        "block-kms",
                        Profile.OPENMETADATA,
                        List.of(Feature.METADATA, Feature.PROFILER),
                        c -> c.addData("s3://company-data-lake/")
                                .addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab")
                                .addKmsKey(
                                        "arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef")),
                golden(
                        "both-catalog-cases",
                        Profile.OPENMETADATA,
                        List.of(Feature.METADATA),
                        c -> c.addCatalog("AwsDataCatalog").bothCatalogCases(true)),
                golden("all-databases", Profile.OPENMETADATA, List.of(Feature.METADATA), c -> c.allDatabases()),
                golden("superset-default", Profile.SUPERSET, List.of(), c -> c.addData("s3://analytics-data/")),
                golden("metabase-default", Profile.METABASE, List.of(), c -> c.addData("s3://analytics-data/")),
                golden(
                        "metabase-simba-default",
                        Profile.METABASE_SIMBA,
                        List.of(),
                        c -> c.addData("s3://analytics-data/")),
                golden(
                        "dbt-athena-default",
                        Profile.DBT_ATHENA,
                        List.of(),
                        c -> c.addData("s3://company-data-lake/raw/").addWriteLocation("s3://company-data-lake/dbt/")),
                golden(
                        "datahub-partition-profiling",
                        Profile.DATAHUB,
                        List.of(Feature.METADATA, Feature.PARTITION_PROFILING),
                        c -> c.sessionDatabase("datahub_scratch").addData("s3://company-data-lake/")),
                golden(
                        "federated-with-spill",
                        Profile.OPENMETADATA,
                        List.of(Feature.METADATA, Feature.FEDERATED_QUERY),
                        c -> c.addCatalog("dynamodb")
                                .addLambda("athena-dynamodb-connector")
                                .addSpill("s3://athena-spill/dynamodb/")),
                golden(
                        "openmetadata-history-workgroups",
                        Profile.OPENMETADATA,
                        List.of(Feature.USAGE, Feature.LINEAGE),
                        c -> c.addHistoryWorkgroup("etl").addHistoryWorkgroup("adhoc")),
                golden(
                        "results-and-data-same-bucket",
                        Profile.OMNI,
                        List.of(Feature.QUERY),
                        c -> c.addData("s3://athena-results/")));
    }

    private static Arguments golden(
            String name, Profile profile, List<Feature> features, Consumer<Connection.Builder> customize) {
        Connection.Builder builder = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("analytics")
                .addDatabase("sales")
                .addDatabase("marketing")
                .results("s3://athena-results/connector/");
        if (name.equals("all-databases")) {
            builder = Connection.builder()
                    .region("eu-west-1")
                    .account("123456789012")
                    .results("s3://athena-results/connector/");
        }
        customize.accept(builder);
        return Arguments.of(name, PolicyRequest.of(builder.build(), profile, features));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void render_profileOrBlock_matchesGoldenFile(String name, PolicyRequest request) {
        RenderedPolicy rendered = PolicyRenderer.render(request);

        Golden.assertMatches(name + ".json", rendered.policy().toJson());
    }

    @Test
    void render_placeholdersWithoutInputs_matchesDocumentationTemplate() {
        PolicyRequest request = PolicyRequest.template(Connection.builder().build(), Profile.OPENMETADATA, List.of());

        Golden.assertMatches(
                "openmetadata-template.json",
                PolicyRenderer.render(request).policy().toJson());
    }

    @Test
    void render_placeholdersWithOptionalBlocks_rendersLambdaAndKmsPlaceholders() {
        PolicyRequest request = PolicyRequest.template(
                Connection.builder().kms(true).build(),
                Profile.OPENMETADATA,
                List.of(Feature.METADATA, Feature.FEDERATED_QUERY));

        String json = PolicyRenderer.render(request).policy().toJson();

        assertThat(json)
                .contains("function:<<LAMBDA_FUNCTION_NAME>>\"", "function:<<LAMBDA_FUNCTION_NAME>>:*\"")
                .contains("key/<<KMS_KEY_ID>>\"");
    }

    @Test
    void render_partialPlaceholders_keepsGivenValues() {
        PolicyRequest request = PolicyRequest.template(
                Connection.builder().region("us-east-2").addDatabase("sales").build(),
                Profile.OPENMETADATA,
                List.of(Feature.METADATA));

        String json = PolicyRenderer.render(request).policy().toJson();

        assertThat(json)
                .contains("arn:aws:glue:us-east-2:<<ACCOUNT_ID>>:database/sales")
                .doesNotContain("<<AWS_REGION>>", "<<DATABASE_NAME>>");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("partitions")
    void render_regionInOtherPartition_usesItsPartitionInEveryArn(String region, String partition) {
        Connection connection = Connection.builder()
                .region(region)
                .account("123456789012")
                .addDatabase("sales")
                .results("s3://athena-results/")
                .addData("s3://data/")
                .addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab")
                .addLambda("udf")
                .build();

        RenderedPolicy rendered = PolicyRenderer.render(
                PolicyRequest.of(connection, Profile.GENERIC, List.copyOf(Profile.GENERIC.features())));

        List<String> arns = resources(rendered).stream()
                .filter(r -> !r.equals(Resource.ALL))
                .map(Resource::pattern)
                .toList();
        assertThat(arns).isNotEmpty().allSatisfy(arn -> assertThat(arn).startsWith("arn:" + partition + ":"));
    }

    static Stream<Arguments> partitions() {
        return Stream.of(
                Arguments.of("eu-west-1", "aws"),
                Arguments.of("cn-north-1", "aws-cn"),
                Arguments.of("us-gov-west-1", "aws-us-gov"),
                Arguments.of("us-iso-east-1", "aws-iso"),
                Arguments.of("eusc-de-east-1", "aws-eusc"));
    }

    @Test
    void render_everyProfileAndFeature_givesUniqueAlphanumericSids() {
        for (Profile profile : Profile.values()) {
            for (Feature feature : profile.features()) {
                RenderedPolicy rendered = PolicyRenderer.render(PolicyRequest.template(
                        Connection.builder().lakeFormation(true).kms(true).build(), profile, List.of(feature)));

                List<String> sids = rendered.policy().statements().stream()
                        .map(Statement::sid)
                        .toList();
                assertThat(sids)
                        .as("%s %s", profile, feature)
                        .doesNotHaveDuplicates()
                        .allMatch(sid -> sid != null && sid.matches("[A-Za-z0-9]+"));
            }
        }
    }

    @Test
    void render_anyRequest_grantsExactlyTheRequirements() {
        PolicyRequest request = PolicyRequest.template(
                Connection.builder().lakeFormation(true).kms(true).build(),
                Profile.GENERIC,
                List.copyOf(Profile.GENERIC.features()));

        RenderedPolicy rendered = PolicyRenderer.render(request);

        // Every (action, resource) pair of the policy is some requirement's, and every requirement is in it.
        var granted = rendered.policy().statements().stream()
                .flatMap(s ->
                        s.actions().stream().flatMap(a -> s.resources().stream().map(r -> a + " " + r)))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        var required = rendered.requirements().requirements().stream()
                .flatMap(q -> q.resources().stream().map(r -> q.action() + " " + r))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        assertThat(granted).isEqualTo(required);
    }

    @Test
    void trustPolicy_account_matchesGoldenFile() {
        TrustPolicy trust = TrustPolicy.forAccount(
                Partition.AWS, AccountId.of("210987654321"), ExternalId.of("omni-7f3a9c2e-connection-42"));

        Golden.assertMatches("trust-account.json", trust.policy().toJson());
    }

    @Test
    void trustPolicy_role_matchesGoldenFile() {
        TrustPolicy trust = TrustPolicy.forPrincipal(
                "arn:aws:iam::210987654321:role/service/omni-connector", ExternalId.of("omni-7f3a9c2e"));

        Golden.assertMatches("trust-role.json", trust.policy().toJson());
    }

    private static ImmutableList<Resource> resources(RenderedPolicy rendered) {
        return rendered.policy().statements().stream()
                .flatMap(s -> s.resources().stream())
                .collect(ImmutableList.toImmutableList());
    }
}

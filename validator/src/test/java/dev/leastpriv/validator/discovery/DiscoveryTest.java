package dev.leastpriv.validator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Region;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.discovery.DiscoveredCatalog.Type;
import dev.leastpriv.validator.discovery.DiscoveredKey.Source;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Kind;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.EncryptionOption;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.DataLakeSettings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Discovery against real resources in the AWS emulator, through real SDK clients. Each test creates its own
 * workgroups, catalogs, buckets and keys; only {@link #discover_allDatabases_listsGlueDatabasesSorted()} creates Glue
 * databases, so it can expect the exact list.
 */
class DiscoveryTest {

    private static final Region REGION = Region.of("us-east-1");
    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final String CONNECTOR_RESULTS = "s3://connector-results/om/";

    private static MotoServer moto;
    private static AthenaClient athena;
    private static GlueClient glue;
    private static S3Client s3;
    private static KmsClient kms;
    private static LakeFormationClient lakeFormation;
    private static Discovery discovery;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        athena = moto.athena(MotoServer.ADMIN);
        glue = moto.glue(MotoServer.ADMIN);
        s3 = moto.s3(MotoServer.ADMIN);
        kms = moto.kms(MotoServer.ADMIN);
        lakeFormation = moto.lakeFormation(MotoServer.ADMIN);
        discovery = Discovery.create(athena, glue, s3, kms, lakeFormation);
        s3.createBucket(r -> r.bucket("connector-results"));
    }

    @AfterAll
    static void stop() {
        athena.close();
        glue.close();
        s3.close();
        kms.close();
        lakeFormation.close();
        moto.close();
    }

    /** A request whose results location is an existing, unencrypted bucket, unless a test sets another. */
    private static DiscoveryRequest.Builder request(String workgroup) {
        return DiscoveryRequest.builder(REGION, ACCOUNT).workgroup(workgroup).results(CONNECTOR_RESULTS);
    }

    private static void workgroup(String name, WorkGroupConfiguration configuration) {
        athena.createWorkGroup(r -> r.name(name).configuration(configuration));
    }

    private static String key(String alias) {
        String keyId = kms.createKey(r -> r.description(alias)).keyMetadata().keyId();
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(keyId));
        return keyId;
    }

    private static String keyArn(String keyId) {
        return "arn:aws:kms:us-east-1:123456789012:key/" + keyId;
    }

    private static DataLakePrincipal admin(String arn) {
        return DataLakePrincipal.builder().dataLakePrincipalIdentifier(arn).build();
    }

    private static List<String> messages(DiscoveredAccount account, Level level) {
        return account.findings(level).stream().map(DiscoveryFinding::message).toList();
    }

    @Test
    void discover_enforcedLocationOtherThanConfigured_warnsAndFollowsTheEnforcedBucket() {
        String keyId = key("alias/enforced-results");
        s3.createBucket(r -> r.bucket("enforced-results"));
        workgroup(
                "enforcing",
                WorkGroupConfiguration.builder()
                        .enforceWorkGroupConfiguration(true)
                        .resultConfiguration(rc -> rc.outputLocation("s3://enforced-results/athena")
                                .encryptionConfiguration(e -> e.encryptionOption(EncryptionOption.SSE_KMS)
                                        .kmsKey(keyId)))
                        .build());

        DiscoveredAccount account = discovery.discover(request("enforcing").build());

        DiscoveredWorkgroup workgroup = account.workgroup();
        assertThat(workgroup).isNotNull();
        assertThat(workgroup.exists()).isTrue();
        assertThat(workgroup.enabled()).isTrue();
        assertThat(workgroup.enforced()).isTrue();
        assertThat(workgroup.outputLocation()).isEqualTo("s3://enforced-results/athena/");
        assertThat(workgroup.encryption()).isEqualTo(DiscoveredWorkgroup.Encryption.SSE_KMS);
        assertThat(workgroup.kmsKey()).isEqualTo(keyId);
        assertThat(account.resultsLocation()).isEqualTo("s3://enforced-results/athena/");
        assertThat(account.resultsBucket()).isNotNull();
        assertThat(account.resultsBucket().bucket()).isEqualTo("enforced-results");
        assertThat(account.kmsKeys())
                .containsExactly(new DiscoveredKey(keyId, Source.WORKGROUP_RESULTS, Arn.parse(keyArn(keyId))));
        assertThat(messages(account, Level.WARNING))
                .anySatisfy(m -> assertThat(m)
                        .contains("enforces result location s3://enforced-results/athena/")
                        .contains("configured s3://connector-results/om/ is ignored"));
        assertThat(account.complete()).isTrue();
    }

    @Test
    void discover_sameEnforcedLocation_noWarning() {
        s3.createBucket(r -> r.bucket("same-results"));
        workgroup(
                "same",
                WorkGroupConfiguration.builder()
                        .enforceWorkGroupConfiguration(true)
                        .resultConfiguration(rc -> rc.outputLocation("s3://same-results/q/"))
                        .build());

        DiscoveredAccount account = discovery.discover(
                request("same").results("s3://same-results/q").build());

        assertThat(account.findings(Level.WARNING)).isEmpty();
        assertThat(account.findings(Level.ERROR)).isEmpty();
        assertThat(account.resultsLocation()).isEqualTo("s3://same-results/q/");
    }

    @Test
    void discover_requesterPays_warns() {
        s3.createBucket(r -> r.bucket("payer-results"));
        workgroup(
                "payer",
                WorkGroupConfiguration.builder()
                        .enforceWorkGroupConfiguration(false)
                        .requesterPaysEnabled(true)
                        .resultConfiguration(rc -> rc.outputLocation("s3://payer-results/"))
                        .build());

        DiscoveredAccount account =
                discovery.discover(request("payer").results(null).build());

        assertThat(account.workgroup().requesterPays()).isTrue();
        assertThat(account.workgroup().enforced()).isFalse();
        assertThat(messages(account, Level.WARNING))
                .singleElement()
                .satisfies(m -> assertThat(m).contains("RequesterPaysEnabled"));
        assertThat(messages(account, Level.INFO))
                .anySatisfy(m -> assertThat(m).contains("queries write to the location of workgroup \"payer\""));
    }

    @Test
    void discover_missingWorkgroup_isAnErrorNamingTheRegion() {
        DiscoveredAccount account = discovery.discover(
                request("absent").results("s3://connector-results/").build());

        assertThat(account.workgroup()).isEqualTo(DiscoveredWorkgroup.missing("absent"));
        assertThat(account.findings(Level.ERROR)).singleElement().satisfies(f -> {
            assertThat(f.call()).isEqualTo("athena:GetWorkGroup");
            assertThat(f.kind()).isEqualTo(Kind.FACT);
            assertThat(f.message()).startsWith("workgroup \"absent\" does not exist in us-east-1");
        });
        assertThat(account.complete()).isTrue();
    }

    @Test
    void discover_noOutputLocationAnywhere_isAnError() {
        workgroup("bare", WorkGroupConfiguration.builder().build());

        DiscoveredAccount account =
                discovery.discover(request("bare").results(null).build());

        assertThat(account.resultsLocation()).isNull();
        assertThat(account.resultsBucket()).isNull();
        assertThat(messages(account, Level.ERROR))
                .singleElement()
                .satisfies(m -> assertThat(m).startsWith("no output location"));
    }

    @Test
    void discover_managedResults_needsNoResultsBucket() {
        workgroup(
                "managed",
                WorkGroupConfiguration.builder()
                        .managedQueryResultsConfiguration(m -> m.enabled(true))
                        .build());

        DiscoveredAccount account = discovery.discover(
                request("managed").results("s3://connector-results/").build());

        assertThat(account.workgroup().managedResults()).isTrue();
        assertThat(account.resultsLocation()).isNull();
        assertThat(account.resultsBucket()).isNull();
        assertThat(messages(account, Level.INFO)).anySatisfy(m -> assertThat(m).contains("managed query results"));
    }

    @Test
    void discover_catalogs_canonicalNamesTypesAndLambdaFunctions() {
        athena.createDataCatalog(r -> r.name("DynamoSource")
                .type(DataCatalogType.LAMBDA)
                .parameters(Map.of(
                        "metadata-function", "arn:aws:lambda:us-east-1:123456789012:function:dynamo-meta",
                        "record-function", "arn:aws:lambda:us-east-1:123456789012:function:dynamo-records")));
        athena.createDataCatalog(r -> r.name("udfs")
                .type(DataCatalogType.LAMBDA)
                .parameters(Map.of("function", "arn:aws:lambda:us-east-1:123456789012:function:udf:PROD")));
        athena.createDataCatalog(
                r -> r.name("shared").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", "210987654321")));

        DiscoveredAccount account = discovery.discover(request("primary")
                .addCatalog("awsdatacatalog")
                .addCatalog("dynamosource")
                .addCatalog("udfs")
                .addCatalog("shared")
                .addCatalog("nowhere")
                .build());

        assertThat(account.catalog("dynamosource"))
                .hasValue(new DiscoveredCatalog(
                        "dynamosource",
                        true,
                        "DynamoSource",
                        Type.LAMBDA,
                        ImmutableList.of(
                                "arn:aws:lambda:us-east-1:123456789012:function:dynamo-meta",
                                "arn:aws:lambda:us-east-1:123456789012:function:dynamo-records"),
                        null));
        assertThat(account.catalog("udfs").orElseThrow().lambdaFunctions())
                .containsExactly("arn:aws:lambda:us-east-1:123456789012:function:udf:PROD");
        assertThat(account.catalog("awsdatacatalog").orElseThrow().name()).isEqualTo("AwsDataCatalog");
        assertThat(account.catalog("awsdatacatalog").orElseThrow().type()).isEqualTo(Type.GLUE);
        assertThat(account.catalog("shared").orElseThrow().glueCatalogId()).isEqualTo("210987654321");
        assertThat(account.catalog("nowhere")).hasValue(DiscoveredCatalog.missing("nowhere"));
        assertThat(account.catalogs())
                .extracting(DiscoveredCatalog::configured)
                .containsExactly("awsdatacatalog", "dynamosource", "nowhere", "shared", "udfs");
        assertThat(account.findings(Level.ERROR))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.message()).isEqualTo("data catalog \"nowhere\" does not exist in us-east-1"));
        assertThat(messages(account, Level.INFO))
                .anySatisfy(m -> assertThat(m).contains("\"dynamosource\" is \"DynamoSource\" in Athena"));
        assertThat(messages(account, Level.WARNING))
                .anySatisfy(m -> assertThat(m).contains("Glue catalog of account 210987654321"));
    }

    @Test
    void discover_catalogParametersThatAreNoLambdaOfThisPartition_leftOutWithWarnings() {
        athena.createDataCatalog(r -> r.name("odd")
                .type(DataCatalogType.LAMBDA)
                .parameters(Map.of(
                        "metadata-function", "arn:aws-cn:lambda:cn-north-1:123456789012:function:meta",
                        "record-function", "records; DROP")));
        athena.createDataCatalog(r -> r.name("federated").type(DataCatalogType.FEDERATED));

        DiscoveredAccount account = discovery.discover(
                request("primary").addCatalog("odd").addCatalog("federated").build());

        assertThat(account.catalog("odd").orElseThrow().lambdaFunctions()).isEmpty();
        assertThat(account.catalog("federated").orElseThrow().type()).isEqualTo(Type.FEDERATED);
        assertThat(messages(account, Level.WARNING))
                .containsExactly(
                        "data catalog \"federated\" is FEDERATED and its parameters name no Lambda function: give the"
                                + " function Athena created for it (athenafederatedcatalog_…) so the policy can grant"
                                + " lambda:InvokeFunction",
                        "data catalog \"odd\" has metadata-function=arn:aws-cn:lambda:cn-north-1:123456789012:function:meta"
                                + " in partition \"aws-cn\", not the connection's \"aws\"; it is left out",
                        "data catalog \"odd\" has record-function=\"records; DROP\", which is not a Lambda function"
                                + " name or ARN; it is left out");
    }

    @Test
    void discover_allDatabases_listsGlueDatabasesSorted() {
        for (String name : List.of("sales", "marketing", "finance")) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name(name)));
        }

        DiscoveredAccount all =
                discovery.discover(request("primary").allDatabases(true).build());
        DiscoveredAccount named = discovery.discover(request("primary").build());

        assertThat(all.databasesListed()).isTrue();
        assertThat(all.databases()).containsExactly("finance", "marketing", "sales");
        assertThat(messages(all, Level.INFO))
                .contains("the Glue catalog of account 123456789012 holds 3 databases: finance, marketing, sales");
        assertThat(named.databasesListed()).isFalse();
        assertThat(named.databases()).isEmpty();
    }

    @Test
    void discover_resultsBucketInAnotherRegionWithKmsAlias_warnsAndResolvesTheKey() {
        String keyId = key("alias/eu-results");
        s3.createBucket(r -> r.bucket("eu-results")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        s3.putBucketEncryption(r -> r.bucket("eu-results")
                .serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(d ->
                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/eu-results"))
                        .build())));

        DiscoveredAccount account = discovery.discover(
                request("primary").results("s3://eu-results/athena/").build());

        assertThat(account.resultsBucket())
                .isEqualTo(new DiscoveredBucket(
                        "eu-results", true, "eu-west-1", DiscoveredBucket.Encryption.SSE_KMS, "alias/eu-results"));
        assertThat(account.kmsKeys())
                .containsExactly(
                        new DiscoveredKey("alias/eu-results", Source.RESULTS_BUCKET, Arn.parse(keyArn(keyId))));
        assertThat(account.findings(Level.WARNING)).singleElement().satisfies(f -> {
            assertThat(f.call()).isEqualTo("s3:GetBucketLocation");
            assertThat(f.message()).contains("is in eu-west-1 but Athena runs in us-east-1");
        });
    }

    @Test
    void discover_bucketWithoutEncryptionConfiguration_isNone() {
        // moto answers ServerSideEncryptionConfigurationNotFoundError for a bucket without one.
        s3.createBucket(r -> r.bucket("plain-results"));

        DiscoveredAccount account = discovery.discover(
                request("primary").results("s3://plain-results/").build());

        assertThat(account.resultsBucket())
                .isEqualTo(new DiscoveredBucket(
                        "plain-results", true, "us-east-1", DiscoveredBucket.Encryption.NONE, null));
        assertThat(account.kmsKeys()).isEmpty();
        assertThat(account.findings(Level.WARNING)).isEmpty();
    }

    @Test
    void discover_missingResultsBucket_isAnError() {
        DiscoveredAccount account = discovery.discover(
                request("primary").results("s3://never-created-results/").build());

        assertThat(account.resultsBucket().exists()).isFalse();
        assertThat(account.findings(Level.ERROR)).singleElement().satisfies(f -> {
            assertThat(f.call()).isEqualTo("s3:GetBucketLocation");
            assertThat(f.message()).contains("does not exist").contains("never grant s3:CreateBucket");
        });
    }

    @Test
    void discover_configuredKeys_aliasesResolvedKeyArnsKeptMissingAliasAnError() {
        String byName = key("alias/by-name");
        String byArn = key("alias/by-arn");
        String plain = kms.createKey(r -> r.description("plain")).keyMetadata().keyId();

        DiscoveredAccount account = discovery.discover(request("primary")
                .addKmsKey("alias/by-name")
                .addKmsKey("arn:aws:kms:us-east-1:123456789012:alias/by-arn")
                .addKmsKey(keyArn(plain))
                .addKmsKey(plain)
                .addKmsKey("alias/nowhere")
                .build());

        // Configured keys come back in the order of their text; the key id is random, so sort the expectation too.
        assertThat(account.kmsKeys())
                .containsExactlyElementsOf(java.util.stream.Stream.of(
                                new DiscoveredKey(plain, Source.CONFIGURED, Arn.parse(keyArn(plain))),
                                new DiscoveredKey("alias/by-name", Source.CONFIGURED, Arn.parse(keyArn(byName))),
                                new DiscoveredKey("alias/nowhere", Source.CONFIGURED, null),
                                new DiscoveredKey(
                                        "arn:aws:kms:us-east-1:123456789012:alias/by-arn",
                                        Source.CONFIGURED,
                                        Arn.parse(keyArn(byArn))),
                                new DiscoveredKey(keyArn(plain), Source.CONFIGURED, Arn.parse(keyArn(plain))))
                        .sorted(java.util.Comparator.comparing(DiscoveredKey::given))
                        .toList());
        assertThat(messages(account, Level.ERROR))
                .containsExactly("KMS key \"alias/nowhere\" does not exist in us-east-1");
    }

    @Test
    void discover_lakeFormationDefaults_iamDecidesAndNoCaveat() {
        DiscoveredAccount account = discovery.discover(request("primary").build());

        assertThat(account.lakeFormation()).isEqualTo(new DiscoveredLakeFormation(false, false, ImmutableList.of()));
        assertThat(account.caveats()).isEmpty();
    }

    @Test
    void discover_lakeFormationWithoutIamAllowedPrincipals_governsWithCaveat() {
        // Settings are per catalog id in moto too: another account keeps the defaults for the other tests.
        AccountId governed = AccountId.of("210987654321");
        lakeFormation.putDataLakeSettings(r -> r.catalogId(governed.value())
                .dataLakeSettings(DataLakeSettings.builder()
                        .dataLakeAdmins(List.of(
                                admin("arn:aws:iam::210987654321:role/lf-admin"),
                                admin("arn:aws:iam::210987654321:role/data-admin")))
                        .createDatabaseDefaultPermissions(List.of())
                        .createTableDefaultPermissions(List.of())
                        .build()));

        DiscoveredAccount account =
                discovery.discover(DiscoveryRequest.builder(REGION, governed).build());

        assertThat(account.lakeFormation())
                .isEqualTo(new DiscoveredLakeFormation(
                        true,
                        true,
                        ImmutableList.of(
                                "arn:aws:iam::210987654321:role/data-admin",
                                "arn:aws:iam::210987654321:role/lf-admin")));
        assertThat(account.caveats()).containsExactly(DiscoveredAccount.LAKE_FORMATION_CAVEAT);
        assertThat(account.findings(Level.WARNING)).anySatisfy(f -> {
            assertThat(f.call()).isEqualTo("lakeformation:GetDataLakeSettings");
            assertThat(f.message()).contains("cannot be simulated");
        });
    }
}

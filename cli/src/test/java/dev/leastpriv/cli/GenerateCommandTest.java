package dev.leastpriv.cli;

import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
import static dev.leastpriv.cli.CliRun.args;
import static dev.leastpriv.cli.CliRun.with;
import static dev.leastpriv.cli.CliRun.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenerateCommandTest {

    /** OpenMetadata reading metadata of one database: the smallest connection with every required field. */
    static final String[] METADATA_SALES = {
        "generate",
        "--region",
        "eu-west-1",
        "--account",
        "123456789012",
        "--workgroup",
        "metadata",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/",
        "--features",
        "metadata"
    };

    /** {@link #METADATA_SALES} as a library connection, built independently of the command's flag parsing. */
    private static final Connection SALES = salesConnection().build();

    static final String METADATA_SALES_SIZE_LINE =
            "leastpriv: policy size 1,510 of 6,144 characters (managed policy limit, whitespace not counted)\n";

    private static final String AWSDATACATALOG_NOTE = "leastpriv: note: catalog \"AwsDataCatalog\" is granted as"
            + " configured, the spelling OpenMetadata sends; whether Athena also authorizes it as \"awsdatacatalog\" is"
            + " unconfirmed; both-catalog-cases grants both spellings\n";

    private static final String HISTORY_NOTE_START =
            "leastpriv: note: OpenMetadata's usage and lineage read the query history of every ENABLED workgroup";

    private static final String GLUE = "arn:aws:glue:eu-west-1:123456789012:";
    private static final String ATHENA = "arn:aws:athena:eu-west-1:123456789012:";

    private static final String[] PLACEHOLDERS = {"generate", "--connector", "openmetadata", "--placeholders"};

    @TempDir
    Path dir;

    @Test
    void generate_smallConnection_printsGoldenPolicyAndSizeLine() {
        var run = CliRun.of(METADATA_SALES);

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-metadata.json");
        assertThat(Policy.fromJson(run.out()))
                .grantsEverythingFor(SALES, Feature.METADATA)
                .grantsNothingBeyond(SALES, Feature.METADATA)
                .fitsManagedPolicyLimit();
        assertThat(run.err()).isEqualTo(METADATA_SALES_SIZE_LINE);
    }

    @Test
    void generate_compact_printsOneLineEndingInNewline() {
        var pretty = CliRun.of(METADATA_SALES);

        var run = CliRun.of(args(METADATA_SALES, "--compact"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("}\n").containsOnlyOnce("\n").doesNotContain(" ");
        assertThat(run.out()).isEqualTo(pretty.out().replaceAll("\\s", "") + "\n");
        assertThat(run.out()).hasSize(1_510 + 1);
        assertThat(run.err()).isEqualTo(METADATA_SALES_SIZE_LINE);
    }

    @Test
    void generate_formatJson_sameAsDefault() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.of(METADATA_SALES).out());
    }

    @Test
    void generate_sameCommandTwice_printsIdenticalBytes() {
        String[] everything = {
            "generate",
            "--config",
            Path.of("..", "samples", "config", "openmetadata.yaml").toString()
        };

        var first = CliRun.of(everything);
        var second = CliRun.of(everything);

        assertThat(first.exitCode()).isZero();
        assertThat(second.out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));
        assertThat(second.err()).isEqualTo(first.err());
    }

    @Test
    void generate_placeholdersOnly_printsGoldenTemplate() {
        var run = CliRun.of(PLACEHOLDERS);

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-placeholders.json");
        assertThat(run.out())
                .contains(
                        "<<AWS_REGION>>",
                        "<<ACCOUNT_ID>>",
                        "<<WORKGROUP_NAME>>",
                        "<<CATALOG_NAME>>",
                        "<<DATABASE_NAME>>",
                        "<<S3_BUCKET_NAME>>")
                .doesNotContain("<<LAMBDA_FUNCTION_NAME>>", "<<KMS_KEY_ID>>");
        assertThat(run.err())
                .isEqualTo(
                        "leastpriv: policy size 2,291 of 6,144 characters (managed policy limit, whitespace not counted)\n");
    }

    @Test
    void generate_placeholdersWithFederatedQuery_rendersLambdaPlaceholder() {
        var run = CliRun.of(args(PLACEHOLDERS, "--features", "metadata,federated-query"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "<<AWS_REGION>>",
                        "<<ACCOUNT_ID>>",
                        "<<WORKGROUP_NAME>>",
                        "<<CATALOG_NAME>>",
                        "<<DATABASE_NAME>>",
                        "<<S3_BUCKET_NAME>>",
                        "\"arn:aws:lambda:<<AWS_REGION>>:<<ACCOUNT_ID>>:function:<<LAMBDA_FUNCTION_NAME>>\"");
    }

    @Test
    void generate_placeholdersWithKms_rendersKmsKeyPlaceholder() {
        var run = CliRun.of(args(PLACEHOLDERS, "--kms"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("<<S3_BUCKET_NAME>>", "\"arn:aws:kms:<<AWS_REGION>>:<<ACCOUNT_ID>>:key/<<KMS_KEY_ID>>\"");
    }

    @Test
    void generate_placeholdersWithRegion_keepsGivenRegion() {
        var run = CliRun.of(args(PLACEHOLDERS, "--region", "eu-west-1"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("\"arn:aws:athena:eu-west-1:<<ACCOUNT_ID>>:workgroup/<<WORKGROUP_NAME>>\"")
                .doesNotContain("<<AWS_REGION>>");
    }

    @Test
    void generate_sampleOpenmetadataConfig_printsGoldenPolicy() {
        var run = CliRun.of(
                "generate",
                "--config",
                Path.of("..", "samples", "config", "openmetadata.yaml").toString());

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-sample.json");
        assertThat(run.err()).startsWith(HISTORY_NOTE_START).doesNotContain("warning");
    }

    @Test
    void generate_sampleOpenmetadataConfig_sameAsEquivalentFlags() {
        var fromFile = CliRun.of(
                "generate",
                "--config",
                Path.of("..", "samples", "config", "openmetadata.yaml").toString());

        var fromFlags = CliRun.of(
                "generate",
                "--connector",
                "openmetadata",
                "--region",
                "eu-west-1",
                "--account",
                "123456789012",
                "--workgroup",
                "metadata",
                "--history-workgroup",
                "etl",
                "--catalog",
                "awsdatacatalog,dynamodb",
                "--database",
                "sales",
                "--database",
                "marketing",
                "--results",
                "s3://athena-results-123456789012/openmetadata/",
                "--data",
                "s3://company-data-lake/warehouse/",
                "--features",
                "metadata,usage,lineage,profiler,sample-data,tags,federated-query",
                "--lake-formation",
                "--lambda",
                "athena-dynamodb-connector",
                "--spill",
                "s3://athena-spill-123456789012/dynamodb/",
                "--kms-key",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        assertThat(fromFlags.exitCode()).isZero();
        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).isEqualTo(fromFlags.out());
        assertThat(fromFile.err()).isEqualTo(fromFlags.err());
    }

    @Test
    void generate_jsonConfig_sameAsEquivalentFlags() throws IOException {
        Path config = dir.resolve("connection.json");
        Files.writeString(config, """
                {
                  "connector": "datahub",
                  "region": "cn-north-1",
                  "account": "123456789012",
                  "partition": "aws-cn",
                  "workgroup": "datahub",
                  "catalog": ["AwsDataCatalog"],
                  "database": ["sales", "marketing"],
                  "results": "s3://athena-results-cn/datahub/",
                  "data": "s3://lake-cn/warehouse/",
                  "features": ["metadata", "profiler"],
                  "lake-formation": true,
                  "kms-key": ["1234abcd-12ab-34cd-56ef-1234567890ab"],
                  "both-catalog-cases": true
                }
                """);

        var fromFile = CliRun.of("generate", "--config", config.toString());
        var fromFlags = CliRun.of(
                "generate",
                "--connector",
                "datahub",
                "--region",
                "cn-north-1",
                "--account",
                "123456789012",
                "--partition",
                "aws-cn",
                "--workgroup",
                "datahub",
                "--catalog",
                "AwsDataCatalog",
                "--database",
                "sales,marketing",
                "--results",
                "s3://athena-results-cn/datahub/",
                "--data",
                "s3://lake-cn/warehouse/",
                "--features",
                "metadata,profiler",
                "--lake-formation",
                "--kms-key",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                "--both-catalog-cases");

        assertThat(fromFlags.exitCode()).isZero();
        Connection china = Connection.builder()
                .partition("aws-cn")
                .region("cn-north-1")
                .account("123456789012")
                .workgroup("datahub")
                .addCatalog("AwsDataCatalog")
                .addDatabase("sales")
                .addDatabase("marketing")
                .results("s3://athena-results-cn/datahub/")
                .addData("s3://lake-cn/warehouse/")
                .lakeFormation(true)
                .addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab")
                .bothCatalogCases(true)
                .build();
        assertThat(Policy.fromJson(fromFlags.out()))
                .grantsEverythingFor(china, Profile.DATAHUB, Feature.METADATA, Feature.PROFILER)
                .grantsNothingBeyond(china, Profile.DATAHUB, Feature.METADATA, Feature.PROFILER)
                .allows("kms:Decrypt")
                .on("arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(fromFlags.out()).doesNotContain("arn:aws:");
        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).isEqualTo(fromFlags.out());
        assertThat(fromFile.err()).isEqualTo(fromFlags.err());
    }

    @Test
    void generate_flagAndConfigScalar_flagWins() throws IOException {
        Path config = dir.resolve("connection.yaml");
        Files.writeString(config, """
                region: us-east-1
                account: "210987654321"
                workgroup: primary
                database: sales
                results: s3://athena-results-123456789012/openmetadata/
                features: metadata
                """);

        var run = CliRun.of(
                "generate",
                "--config",
                config.toString(),
                "--region",
                "eu-west-1",
                "--account",
                "123456789012",
                "--workgroup",
                "metadata");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.of(METADATA_SALES).out());
    }

    @Test
    void generate_flagAndConfigList_flagListReplacesConfigList() throws IOException {
        Path config = dir.resolve("connection.yaml");
        Files.writeString(config, """
                region: eu-west-1
                account: "123456789012"
                workgroup: metadata
                database: [finance, marketing]
                results: s3://athena-results-123456789012/openmetadata/
                features: [metadata, usage]
                """);

        var run = CliRun.of("generate", "--config", config.toString(), "--database", "sales", "--features", "metadata");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.of(METADATA_SALES).out()).doesNotContain("finance", "marketing");
    }

    @Test
    void generate_noLakeFormationFlag_overridesConfigTrue() throws IOException {
        Path config = dir.resolve("connection.yaml");
        Files.writeString(config, """
                region: eu-west-1
                account: "123456789012"
                workgroup: metadata
                database: sales
                results: s3://athena-results-123456789012/openmetadata/
                data: s3://company-data-lake/warehouse/
                features: [metadata, profiler]
                lake-formation: true
                """);
        var withLakeFormation = CliRun.of("generate", "--config", config.toString());

        var run = CliRun.of("generate", "--config", config.toString(), "--no-lake-formation");

        assertThat(Policy.fromJson(withLakeFormation.out()))
                .allows("lakeformation:GetDataAccess")
                .on("*");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(CliRun.of(args(
                                with(METADATA_SALES, "--features", "metadata,profiler"),
                                "--data",
                                "s3://company-data-lake/warehouse/"))
                        .out());
        assertThat(Policy.fromJson(run.out()))
                .doesNotAllow("lakeformation:GetDataAccess")
                .grantsEverythingFor(
                        salesConnection()
                                .addData("s3://company-data-lake/warehouse/")
                                .build(),
                        Feature.METADATA,
                        Feature.PROFILER);
    }

    @Test
    void generate_invalidInput_exitsWithUsageErrorAndNoOutput() {
        var run = CliRun.of(with(METADATA_SALES, "--database", "sales/*"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidValues")
    void generate_invalidValue_exitsWithUsageErrorNamingFieldAndValue(String flag, String value, String message) {
        var run = CliRun.of(with(METADATA_SALES, flag, value));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("leastpriv generate: error: " + message + "\n");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(
                        "--region",
                        "eu-west-x",
                        "Invalid region \"eu-west-x\": expected an AWS region such as \"us-east-1\", \"eu-west-1\","
                                + " \"cn-north-1\" or \"us-gov-west-1\""),
                Arguments.of("--account", "12345", "Invalid account id \"12345\": expected exactly 12 digits"),
                Arguments.of(
                        "--partition",
                        "aws-cn",
                        "partition \"aws-cn\" does not match region \"eu-west-1\", which is in partition \"aws\""),
                Arguments.of(
                        "--partition",
                        "bogus",
                        "Invalid partition \"bogus\": expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,"
                                + " aws-iso-e, aws-iso-f, aws-eusc"),
                Arguments.of(
                        "--workgroup",
                        "bad wg!",
                        "workgroup \"bad wg!\" is not valid: expected 1-128 letters, digits, '.', '_' or '-'"),
                Arguments.of(
                        "--catalog",
                        "Bad/Cat",
                        "catalog \"Bad/Cat\" is not valid: expected 1-127 letters, digits, '_', '@' or '-'"),
                Arguments.of(
                        "--database",
                        "sales/*",
                        "database \"sales/*\" is not valid: expected 1-255 letters, digits, '_' or '-' (Glue folds"
                                + " names to lowercase), or \"*\" for all databases; '*', '?', '/' and quotes would"
                                + " change the Glue ARN"),
                Arguments.of(
                        "--results",
                        "s3://Bad_Bucket/",
                        "results \"s3://Bad_Bucket/\" is not valid: expected an S3 bucket name: 3-63 characters of"
                                + " lowercase letters, digits, '.' and '-', starting and ending with a letter or digit,"
                                + " without '..', not formatted as an IP address, not starting with xn--, sthree- or"
                                + " amzn-s3-demo- and not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3"),
                Arguments.of(
                        "--data",
                        "http://x",
                        "data \"http://x\" is not valid: expected an S3 URI \"s3://bucket/prefix/\""),
                Arguments.of(
                        "--lambda",
                        "bad lambda!",
                        "lambda \"bad lambda!\" is not valid: expected a function name (1-64 letters, digits, '-' or"
                                + " '_') or a function ARN"
                                + " \"arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]\""),
                Arguments.of(
                        "--kms-key",
                        "alias/mykey",
                        "kms-key \"alias/mykey\" is not valid: an alias never authorizes use of a key: IAM matches"
                                + " kms:Decrypt and kms:GenerateDataKey against the key ARN, and an alias ARN in"
                                + " Resource applies to the alias only. Find the key ARN with"
                                + " `aws kms describe-key --key-id alias/mykey --query KeyMetadata.Arn` and pass that"),
                Arguments.of(
                        "--kms-key",
                        "arn:aws:kms:eu-west-1:123456789012:alias/mykey",
                        "kms-key \"arn:aws:kms:eu-west-1:123456789012:alias/mykey\" is not valid: an alias never"
                                + " authorizes use of a key: IAM matches kms:Decrypt and kms:GenerateDataKey against"
                                + " the key ARN, and an alias ARN in Resource applies to the alias only. Find the key"
                                + " ARN with `aws kms describe-key --key-id"
                                + " arn:aws:kms:eu-west-1:123456789012:alias/mykey --query KeyMetadata.Arn` and pass"
                                + " that"),
                Arguments.of(
                        "--features",
                        "bogus",
                        "features \"bogus\" is not valid: expected one of metadata, usage, lineage, profiler,"
                                + " sample-data, query, tags, federated-query, partition-profiling, models"),
                Arguments.of(
                        "--history-workgroup",
                        "etl*",
                        "history-workgroup \"etl*\" is not valid: expected 1-128 letters, digits, '.', '_' or '-', or"
                                + " \"*\" for every workgroup"),
                Arguments.of(
                        "--session-database",
                        "*",
                        "session-database \"*\" is not valid: expected 1-255 letters, digits, '_' or '-': the one"
                                + " database the tool names on every query"),
                Arguments.of(
                        "--spill",
                        "s3://athena-spill/dynamo*/",
                        "spill \"s3://athena-spill/dynamo*/\" is not valid: the prefix may hold at most 1,024 letters,"
                                + " digits and ! _ . ' ( ) = / - (S3's longest key), with no empty, '.' or '..' folder (a '*', '?' or '$' would act as a"
                                + " wildcard or variable in the policy)"),
                Arguments.of(
                        "--write-location",
                        "s3://lake/$" + "{aws:username}/",
                        "write-location \"s3://lake/$" + "{aws:username}/\" is not valid: the prefix may hold at most"
                                + " 1,024 letters, digits and ! _ . ' ( ) = / - (S3's longest key), with no empty, '.' or '..' folder (a '*', '?' or '$'"
                                + " would act as a wildcard or variable in the policy)"));
    }

    @Test
    void generate_dbtAthenaModels_writeOnlyInTheNamedDatabasesAndUnderTheWriteLocation() {
        String[] dbt = args(
                with(METADATA_SALES, "--features", "metadata,models"),
                "--connector",
                "dbt-athena",
                "--write-location",
                "s3://company-data-lake/dbt/",
                "--data",
                "s3://company-data-lake/raw/");

        var run = CliRun.of(dbt);

        assertThat(run.exitCode()).isZero();
        assertThat(Policy.fromJson(run.out()))
                .allows("glue:CreateTable")
                .on(GLUE + "catalog", GLUE + "database/sales", GLUE + "table/sales/orders")
                .allows("s3:DeleteObject")
                .on("arn:aws:s3:::company-data-lake/dbt/sales/orders/part-0.parquet")
                .doesNotAllow("glue:CreateTable", GLUE + "table/marketing/orders")
                .doesNotAllow("glue:DeleteDatabase", GLUE + "database/sales")
                .doesNotAllow("s3:DeleteObject", "arn:aws:s3:::company-data-lake/raw/x.parquet")
                .doesNotAllow("s3:PutObject", "arn:aws:s3:::company-data-lake/raw/x.parquet");
    }

    @Test
    void generate_writeLocationWithoutModels_exitsWithUsageErrorAndNoOutput() {
        var run = CliRun.of(args(METADATA_SALES, "--write-location", "s3://company-data-lake/dbt/"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: write-location is used only by the models feature"
                        + " (dbt-athena), the only feature that writes; read-only table data goes in data\n");
    }

    @Test
    void generate_sessionDatabaseForOpenMetadata_exitsWithUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--session-database", "scratch"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv generate: error: session-database: OpenMetadata always uses the"
                        + " session database \"default\"");
    }

    @Test
    void generate_sessionDatabaseForSuperset_grantsItReadOnly() {
        var run = CliRun.of(args(METADATA_SALES, "--connector", "superset", "--session-database", "reporting"));

        assertThat(run.exitCode()).isZero();
        assertThat(Policy.fromJson(run.out()))
                .allows("glue:GetDatabase")
                .on(GLUE + "catalog", GLUE + "database/reporting")
                .doesNotAllow("glue:GetDatabase", GLUE + "database/default")
                .doesNotAllow("glue:GetTables", GLUE + "database/reporting");
    }

    @Test
    void generate_historyWorkgroupsAndSpill_fromConfigFile_sameAsFlags() throws IOException {
        Path config = dir.resolve("connection.yaml");
        Files.writeString(config, """
                connector: openmetadata
                region: eu-west-1
                account: "123456789012"
                workgroup: metadata
                history-workgroup: [etl, adhoc]
                catalog: [dynamodb]
                database: sales
                results: s3://athena-results-123456789012/openmetadata/
                lambda: athena-dynamodb-connector
                spill: s3://athena-spill-123456789012/dynamodb/
                features: [usage, federated-query]
                """);
        var fromFile = CliRun.of("generate", "--config", config.toString());
        var fromFlags = CliRun.of(args(
                with(METADATA_SALES, "--features", "usage,federated-query"),
                "--history-workgroup",
                "etl,adhoc",
                "--catalog",
                "dynamodb",
                "--lambda",
                "athena-dynamodb-connector",
                "--spill",
                "s3://athena-spill-123456789012/dynamodb/"));

        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).isEqualTo(fromFlags.out());
        assertThat(Policy.fromJson(fromFile.out()))
                .allows("athena:ListQueryExecutions")
                .on(
                        ATHENA + "workgroup/metadata",
                        ATHENA + "workgroup/primary",
                        ATHENA + "workgroup/etl",
                        ATHENA + "workgroup/adhoc")
                .allows("s3:GetObject")
                .on("arn:aws:s3:::athena-spill-123456789012/dynamodb/q/part-0")
                .doesNotAllow("athena:ListQueryExecutions", ATHENA + "workgroup/other")
                .doesNotAllow("s3:PutObject", "arn:aws:s3:::athena-spill-123456789012/dynamodb/q/part-0");
    }

    @Test
    void generate_historyWorkgroupStar_grantsEveryWorkgroupsHistoryButQueriesOnlyTheConfiguredOne() {
        var run = CliRun.of(args(with(METADATA_SALES, "--features", "metadata,usage"), "--history-workgroup", "*"));

        assertThat(run.exitCode()).isZero();
        assertThat(Policy.fromJson(run.out()))
                .allows("athena:BatchGetQueryExecution")
                .on(ATHENA + "workgroup/anything")
                .doesNotAllow("athena:StartQueryExecution", ATHENA + "workgroup/anything");
        assertThat(run.err()).doesNotContain("every ENABLED workgroup");
    }

    @Test
    void generate_featureTheConnectorLacks_exitsWithUsageError() {
        var run = CliRun.of(args(with(METADATA_SALES, "--features", "tags"), "--connector", "omni"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: features: connector omni has no feature \"tags\"; it supports"
                        + " metadata, query, federated-query\n");
    }

    @Test
    void generate_unknownConnector_exitsWithUsageErrorListingConnectors() {
        var run = CliRun.of(args(METADATA_SALES, "--connector", "bogus"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: connector \"bogus\" is not valid: expected one of openmetadata,"
                        + " omni, datahub, superset, metabase, metabase-simba, dbt-athena, generic\n");
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("requiredFields")
    void generate_missingRequiredField_exitsWithUsageErrorNamingField(String flag, String message) {
        var run = CliRun.of(without(METADATA_SALES, flag));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: " + message
                        + " (or render a documentation template with placeholders)\n");
    }

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                Arguments.of("--region", "region is required, e.g. \"eu-west-1\""),
                Arguments.of("--account", "account is required: the 12-digit AWS account id"),
                Arguments.of(
                        "--results",
                        "results is required: the Athena query result location, e.g."
                                + " \"s3://athena-results/connector/\""),
                Arguments.of(
                        "--database",
                        "database is required: one or more Glue database names, a database-prefix, or \"*\" for all databases"));
    }

    @Test
    void generate_federatedQueryWithoutLambda_exitsWithUsageError() {
        var run = CliRun.of(with(METADATA_SALES, "--features", "metadata,federated-query"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: features: federated-query needs at least one lambda (function"
                        + " name or ARN) (or render a documentation template with placeholders)\n");
    }

    @Test
    void generate_unknownFlag_exitsWithPicocliUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--bogus"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("Unknown option: '--bogus'\nPossible solutions: --both-catalog-cases\n"
                        + "Try 'leastpriv generate --help' for more information.\n");
    }

    @Test
    void generate_unknownFormat_exitsWithPicocliUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "xml"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "Invalid value for option '--format': expected one of [json, terraform, cloudformation,"
                                + " cloudformation-yaml] (case-insensitive) but was 'xml'\nTry 'leastpriv generate --help' for more information.\n");
    }

    @Test
    void generate_out_writesFileAndNothingToStdout() throws IOException {
        Path file = dir.resolve("policy.json");

        var run = CliRun.of(args(METADATA_SALES, "--out", file.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(METADATA_SALES_SIZE_LINE);
        Golden.assertMatches(Files.readString(file), "generate-openmetadata-metadata.json");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void generate_outWithCompact_writesOneLine() throws IOException {
        Path file = dir.resolve("policy.json");

        var run = CliRun.of(args(METADATA_SALES, "--out", file.toString(), "--compact"));

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file))
                .isEqualTo(CliRun.of(args(METADATA_SALES, "--compact")).out());
    }

    @Test
    void generate_outWithInvalidInput_createsNoFile() {
        Path file = dir.resolve("policy.json");

        var run = CliRun.of(args(with(METADATA_SALES, "--results", "s3://Bad_Bucket/"), "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void generate_outWithInvalidInput_leavesExistingFileUnchanged() throws IOException {
        Path file = dir.resolve("policy.json");
        byte[] before = "{\"previous\": \"policy\"}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, before);

        var run = CliRun.of(args(with(METADATA_SALES, "--account", "12345"), "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void generate_outReplacesExistingFile() throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, "old");

        var run = CliRun.of(args(METADATA_SALES, "--out", file.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(CliRun.of(METADATA_SALES).out());
    }

    @Test
    void generate_outIsADirectory_receivesTheSetOfOnePolicyAndAManifest() throws Exception {
        var run = CliRun.of(args(METADATA_SALES, "--out", dir.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("policy-1.json")))
                .isEqualTo(CliRun.of(METADATA_SALES).out());
        assertThat(PolicySetFiles.read(dir, "--policy")).containsExactly(dir.resolve("policy-1.json"));
    }

    @Test
    void generate_outInMissingDirectory_exitsCouldNotRunWithoutStackTrace() {
        Path file = dir.resolve("missing").resolve("policy.json");

        var run = CliRun.of(args(METADATA_SALES, "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv generate: could not run: cannot write \"" + file + "\": ")
                .endsWith("\n")
                .containsOnlyOnce("\n")
                .doesNotContain("\tat ", "Exception");
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void generate_explain_listsEachStatementOnStderrAndKeepsStdout() {
        var run = CliRun.of(args(METADATA_SALES, "--explain"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.of(METADATA_SALES).out());
        assertThat(run.err())
                .startsWith("\nAthenaWorkgroup on arn:aws:athena:eu-west-1:123456789012:workgroup/metadata\n")
                .doesNotContain("athena:ListWorkGroups") // OpenMetadata lists workgroups only for usage and lineage
                .contains(
                        "\n      (source: laughingman7743/PyAthena pyathena/common.py BaseCursor._execute"
                                + " (start_query_execution))\n",
                        "\nGlueSessionDatabase on arn:aws:glue:eu-west-1:123456789012:catalog,"
                                + " arn:aws:glue:eu-west-1:123456789012:database/default\n",
                        "\nAthenaWorkgroup on arn:aws:athena:eu-west-1:123456789012:workgroup/metadata\n",
                        "\n  athena:GetQueryResults  [metadata]\n      Reads query results\n",
                        "\nAthenaCatalog on arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog\n",
                        "\nGlueTables on arn:aws:glue:eu-west-1:123456789012:catalog,"
                                + " arn:aws:glue:eu-west-1:123456789012:database/sales,"
                                + " arn:aws:glue:eu-west-1:123456789012:table/sales/*\n",
                        "\nResultsObjects on arn:aws:s3:::athena-results-123456789012/openmetadata/*\n",
                        "\n  s3:PutObject  [metadata]\n")
                .endsWith("\n\n" + METADATA_SALES_SIZE_LINE);
    }

    @Test
    void generate_explainWithSeveralFeatures_listsEveryFeatureOfAnAction() {
        var run = CliRun.of(args(
                with(METADATA_SALES, "--features", "metadata,usage,lineage,profiler"),
                "--data",
                "s3://company-data-lake/warehouse/",
                "--explain"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err())
                .contains(
                        "\n  athena:ListWorkGroups  [usage, lineage]\n",
                        "\n  athena:GetQueryExecution  [metadata, profiler]\n",
                        "\n  athena:BatchGetQueryExecution  [usage, lineage]\n");
    }

    @Test
    void generate_mixedCaseDefaultCatalog_isGrantedVerbatimWithANote() {
        // OpenMetadata sends a configured catalogId verbatim (connection.py catalog_name=quote_plus(catalogId)).
        var run = CliRun.of(args(METADATA_SALES, "--catalog", "AwsDataCatalog"));

        assertThat(run.exitCode()).isZero();
        assertThat(Policy.fromJson(run.out()))
                .allows("athena:GetTableMetadata")
                .on("arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog")
                .doesNotAllow(
                        "athena:GetTableMetadata", "arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog");
        assertThat(run.err()).startsWith(AWSDATACATALOG_NOTE);
    }

    @Test
    void generate_bothCatalogCases_grantsBothSpellings() {
        var run = CliRun.of(args(METADATA_SALES, "--both-catalog-cases"));

        assertThat(run.exitCode()).isZero();
        assertThat(Policy.fromJson(run.out()))
                .allows("athena:GetTableMetadata")
                .on(
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog",
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog")
                .grantsEverythingFor(salesConnection().bothCatalogCases(true).build(), Feature.METADATA)
                .grantsNothingBeyond(salesConnection().bothCatalogCases(true).build(), Feature.METADATA);
        assertThat(run.err()).doesNotContain("note:");
    }

    @Test
    void generate_defaultFeaturesWithoutData_printsProfilerNote() {
        var run = CliRun.of(without(METADATA_SALES, "--features"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err())
                .startsWith("leastpriv: note: profiler reads table data from S3, but no data location was given, so no"
                        + " data read is granted: add data s3://bucket/prefix/ for each table location, or queries"
                        + " fail with S3 AccessDenied\n" + HISTORY_NOTE_START);
    }

    /** {@return a builder holding the connection of {@link #METADATA_SALES}} */
    private static Connection.Builder salesConnection() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .addDatabase("sales")
                .results("s3://athena-results-123456789012/openmetadata/");
    }

    @Test
    void generate_databasePrefixFlagAndConfigField_grantThePrefixAndSaySo() throws IOException {
        String[] base = {
            "generate",
            "--region",
            "eu-west-1",
            "--account",
            "123456789012",
            "--workgroup",
            "primary",
            "--results",
            "s3://athena-results-123456789012/om/",
            "--features",
            "metadata"
        };
        var flag = CliRun.of(CliRun.args(base, "--database-prefix", "team_a_", "--compact"));
        Path config = Files.writeString(
                dir.resolve("prefix.yaml"),
                "region: eu-west-1\naccount: \"123456789012\"\nworkgroup: primary\n"
                        + "results: s3://athena-results-123456789012/om/\nfeatures: [metadata]\n"
                        + "database-prefix: [team_a_]\n");
        var file = CliRun.of("generate", "--config", config.toString(), "--compact");

        assertThat(flag.exitCode()).isZero();
        assertThat(flag.out())
                .contains("\"arn:aws:glue:eu-west-1:123456789012:database/team_a_*\"")
                .contains("\"arn:aws:glue:eu-west-1:123456789012:table/team_a_*/*\"");
        assertThat(flag.err()).contains("note: database-prefix \"team_a_\" grants database/team_a_*");
        assertThat(file.out()).isEqualTo(flag.out());
        assertThat(CliRun.of(CliRun.args(base, "--database-prefix", "team*")).exitCode())
                .isEqualTo(2);
    }
}

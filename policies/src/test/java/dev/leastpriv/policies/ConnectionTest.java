package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.S3Location;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionTest {

    private static final String ACCOUNT = "123456789012";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Connection.Builder minimal() {
        return Connection.builder().region("eu-west-1").account(ACCOUNT).results("s3://athena-results/leastpriv/");
    }

    // --- account ---

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "000000000000", "999999999999"})
    void account_twelveDigits_isAccepted(String account) {
        var connection = minimal().account(account).build();

        assertThat(connection.account()).isNotNull();
        assertThat(connection.account().value()).isEqualTo(account);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "12345678901",
                "1234567890123",
                "12345678901a",
                "'1234 5678 9012'",
                "1234-5678-9012",
                "''",
                "' 123456789012'",
                "aws",
                "*",
                "١٢٣٤٥٦٧٨٩٠١٢"
            })
    void account_notTwelveDigits_throwsNamingAccount(String account) {
        assertThatThrownBy(() -> Connection.builder().account(account))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account")
                .hasMessageContaining("expected exactly 12 digits");
    }

    @Test
    void account_invalid_quotesValue() {
        assertThatThrownBy(() -> Connection.builder().account("12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid account id \"12345\": expected exactly 12 digits");
    }

    @Test
    void account_controlCharacter_isEscapedInMessage() {
        assertThatThrownBy(() -> Connection.builder().account("12345678901\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"12345678901\\u0000\"")
                .hasMessageNotContaining("\u0000");
    }

    // --- region and partition ---

    @ParameterizedTest
    @CsvSource({
        "eu-west-1, aws",
        "us-east-1, aws",
        "ap-southeast-2, aws",
        "il-central-1, aws",
        "mx-central-1, aws",
        "cn-north-1, aws-cn",
        "cn-northwest-1, aws-cn",
        "us-gov-west-1, aws-us-gov",
        "us-gov-east-1, aws-us-gov",
        "us-iso-east-1, aws-iso",
        "us-isob-east-1, aws-iso-b",
        "eusc-de-east-1, aws-eusc"
    })
    void region_known_setsPartitionOfRegion(String region, String partition) {
        var connection = minimal().region(region).build();

        assertThat(connection.region()).isNotNull();
        assertThat(connection.region().name()).isEqualTo(region);
        assertThat(connection.partition()).isEqualTo(Partition.of(partition));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "eu-west",
                "EU-WEST-1",
                "eu_west_1",
                "eu-west-1a",
                "xx-west-1",
                "eu-west1-1",
                "eu-we5t-1",
                "cn-1",
                "eu-west-*",
                "eu-west-?",
                "${aws:region}",
                "eu-west-1 ",
                "aws-global"
            })
    void region_notARegion_throwsNamingRegion(String region) {
        assertThatThrownBy(() -> Connection.builder().region(region))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region \"" + region + "\"")
                .hasMessageContaining("expected an AWS region such as \"us-east-1\"");
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(
                Arguments.of("\u0000", "\\u0000"),
                Arguments.of("\n", "\\u000A"),
                Arguments.of("\t", "\\u0009"),
                Arguments.of("\u007F", "\\u007F"),
                Arguments.of("\uFFFF", "\\uFFFF"));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void region_controlCharacter_isEscapedInMessage(String character, String escaped) {
        String region = "eu-west-1" + character;

        assertThatThrownBy(() -> Connection.builder().region(region))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region \"eu-west-1" + escaped + "\"")
                .hasMessageNotContaining(character);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"})
    void partition_known_isUsedWithoutRegion(String partition) {
        var connection = Connection.builder().partition(partition).build();

        assertThat(connection.partition()).isEqualTo(Partition.of(partition));
        assertThat(connection.region()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AWS", "aws-xx", "aws-iso-c", "aws-cn ", "arn", "*", "aws-us-gov-west"})
    void partition_unknown_throwsNamingPartition(String partition) {
        assertThatThrownBy(() -> Connection.builder().partition(partition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition \"" + partition + "\"")
                .hasMessageContaining("expected one of aws, aws-cn, aws-us-gov");
    }

    @Test
    void partition_controlCharacter_isEscapedInMessage() {
        assertThatThrownBy(() -> Connection.builder().partition("aws\u0001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition \"aws\\u0001\"");
    }

    @Test
    void build_noPartitionNoRegion_defaultsToAws() {
        var connection = Connection.builder().build();

        assertThat(connection.partition()).isEqualTo(Partition.AWS);
    }

    @ParameterizedTest
    @CsvSource({
        "aws, cn-north-1, aws-cn",
        "aws, us-gov-west-1, aws-us-gov",
        "aws-cn, eu-west-1, aws",
        "aws-us-gov, cn-north-1, aws-cn",
        "aws-cn, us-gov-west-1, aws-us-gov"
    })
    void build_partitionNotOfRegion_throwsNamingBoth(String partition, String region, String regionPartition) {
        var builder = Connection.builder().partition(partition).region(region);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "partition \"%s\" does not match region \"%s\", which is in partition \"%s\"",
                        partition, region, regionPartition);
    }

    @Test
    void build_partitionMatchingRegion_isAccepted() {
        var connection = minimal().partition("aws-cn").region("cn-north-1").build();

        assertThat(connection.partition()).isEqualTo(Partition.AWS_CN);
    }

    // --- workgroup ---

    static Stream<String> validWorkgroups() {
        return Stream.of(
                "primary", "analytics", "Team.Analytics-2024_v1", "a", "A", "0", ".", "-", "_", "a".repeat(128));
    }

    @ParameterizedTest
    @MethodSource("validWorkgroups")
    void workgroup_matchingAthenaPattern_isAccepted(String workgroup) {
        var connection = minimal().workgroup(workgroup).build();

        assertThat(connection.workgroup()).isEqualTo(workgroup);
    }

    static Stream<String> invalidWorkgroups() {
        return Stream.of(
                "",
                "a".repeat(129),
                "*",
                "prim*",
                "prim?ry",
                "${aws:username}",
                "team/analytics",
                "team:analytics",
                "team analytics",
                "\"primary\"",
                "prim\\ary",
                "prim@ry",
                "équipe",
                "tab\there");
    }

    @ParameterizedTest
    @MethodSource("invalidWorkgroups")
    void build_invalidWorkgroup_throwsNamingWorkgroup(String workgroup) {
        var builder = minimal().workgroup(workgroup);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "workgroup %s is not valid: expected 1-128 letters, digits, '.', '_' or '-'",
                        InputRules.quote(workgroup));
    }

    @Test
    void build_wildcardWorkgroup_throwsWithRule() {
        var builder = minimal().workgroup("prim*");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workgroup \"prim*\" is not valid: expected 1-128 letters, digits, '.', '_' or '-'");
    }

    @Test
    void build_noWorkgroup_leavesWorkgroupAbsent() {
        var connection = minimal().build();

        assertThat(connection.workgroup()).isNull();
        assertThat(Connection.DEFAULT_WORKGROUP).isEqualTo("primary");
    }

    @Test
    void workgroup_calledTwice_lastWins() {
        var connection = minimal().workgroup("first").workgroup("second").build();

        assertThat(connection.workgroup()).isEqualTo("second");
    }

    // --- catalog ---

    static Stream<String> validCatalogs() {
        return Stream.of(
                "awsdatacatalog",
                "AwsDataCatalog",
                "dynamo_catalog",
                "my-catalog",
                "team@catalog",
                "a",
                "a".repeat(127));
    }

    @ParameterizedTest
    @MethodSource("validCatalogs")
    void addCatalog_matchingPattern_isAccepted(String catalog) {
        var connection = minimal().addCatalog(catalog).build();

        assertThat(connection.catalogs()).containsExactly(catalog);
    }

    static Stream<String> invalidCatalogs() {
        return Stream.of(
                "",
                "a".repeat(128),
                "*",
                "cat*",
                "c?t",
                "${aws:username}",
                "cat/alog",
                "cat:alog",
                "cat.alog",
                "cat alog",
                "\"cat\"",
                "cat\\alog",
                "catalogé",
                "cat\u0000");
    }

    @ParameterizedTest
    @MethodSource("invalidCatalogs")
    void build_invalidCatalog_throwsNamingCatalog(String catalog) {
        var builder = minimal().addCatalog(catalog);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "catalog %s is not valid: expected 1-127 letters, digits, '_', '@' or '-'",
                        InputRules.quote(catalog));
    }

    @Test
    void build_catalogWithNul_escapesNulInMessage() {
        var builder = minimal().addCatalog("cat\u0000");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("catalog \"cat\\u0000\" is not valid");
    }

    // --- database ---

    static Stream<String> validDatabases() {
        return Stream.of("sales", "Sales", "SALES_2024", "sales-eu", "_staging", "0", "a".repeat(255));
    }

    @ParameterizedTest
    @MethodSource("validDatabases")
    void addDatabase_lettersDigitsUnderscoreHyphen_isAcceptedAsGiven(String database) {
        var connection = minimal().addDatabase(database).build();

        assertThat(connection.databases()).containsExactly(database);
        assertThat(connection.allDatabases()).isFalse();
    }

    static Stream<String> invalidDatabases() {
        return Stream.of(
                "",
                "a".repeat(256),
                "sales*",
                "**",
                "sa?es",
                "${aws:username}",
                "sales${x}",
                "$sales",
                "sales/2024",
                "sales/*",
                "\"sales\"",
                "'sales'",
                "sa\\les",
                "sales.eu",
                "sales:eu",
                "sales eu",
                "ventes_é",
                "sales\u0000",
                "sales\t",
                "sales\uFFFF");
    }

    @ParameterizedTest
    @MethodSource("invalidDatabases")
    void addDatabase_invalidName_throwsNamingDatabase(String database) {
        assertThatThrownBy(() -> Connection.builder().addDatabase(database))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database " + InputRules.quote(database) + " is not valid: expected 1-255"
                        + " letters, digits, '_' or '-' (Glue folds names to lowercase), or \"*\" for all databases");
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void addDatabase_controlOrNonLatin1Character_isEscapedInMessage(String character, String escaped) {
        assertThatThrownBy(() -> Connection.builder().addDatabase("sales" + character))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database \"sales" + escaped + "\" is not valid")
                .hasMessageNotContaining(character);
    }

    @Test
    void allDatabases_alone_selectsEveryDatabase() {
        var connection = minimal().addDatabase("*").build();

        assertThat(minimal().allDatabases().build()).isEqualTo(connection);
    }

    @Test
    void build_starAlone_isAllDatabases() {
        var connection = Connection.builder().allDatabases().build();

        assertThat(connection.allDatabases()).isTrue();
        assertThat(connection.databases()).containsExactly(Connection.ALL_DATABASES);
    }

    @Test
    void build_starMixedWithNames_throwsNamingDatabase() {
        var builder = Connection.builder().addDatabase("sales").allDatabases();

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database \"*\" means every database; do not combine it with names ([*, sales])");
    }

    @Test
    void build_databasesInAnyCase_sortCaseInsensitively() {
        var connection = Connection.builder()
                .addDatabase("sales")
                .addDatabase("Marketing")
                .addDatabase("Sales")
                .addDatabase("finance")
                .build();

        assertThat(connection.databases()).containsExactly("finance", "Marketing", "Sales", "sales");
    }

    // --- results and data ---

    @Test
    void results_validUri_isParsedAsFolder() {
        var connection = minimal().results("s3://athena-results/leastpriv").build();

        assertThat(connection.results()).isEqualTo(new S3Location("athena-results", "leastpriv/"));
    }

    @Test
    void results_invalidUri_throwsNamingResults() {
        assertThatThrownBy(() -> Connection.builder().results("s3://athena-results/x*/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("results \"s3://athena-results/x*/\" is not valid: the prefix may hold");
    }

    @Test
    void addData_invalidUri_throwsNamingData() {
        assertThatThrownBy(() -> Connection.builder().addData("s3://Data-Lake/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data \"s3://Data-Lake/\" is not valid: expected an S3 bucket name");
    }

    @Test
    void addData_sameLocationTwoSpellings_isKeptOnce() {
        var connection = minimal()
                .addData("s3://data-lake/sales")
                .addData("s3://data-lake/sales/")
                .build();

        assertThat(connection.data()).containsExactly(new S3Location("data-lake", "sales/"));
    }

    // --- lambda and kms ---

    @Test
    void build_lambdaArnInConnectionPartition_isAccepted() {
        var connection = minimal()
                .region("cn-north-1")
                .addLambda("arn:aws-cn:lambda:cn-north-1:123456789012:function:connector")
                .build();

        assertThat(connection.lambdas()).extracting(LambdaFunction::name).containsExactly("connector");
    }

    @ParameterizedTest
    @CsvSource({
        "eu-west-1, arn:aws-cn:lambda:cn-north-1:123456789012:function:connector, aws",
        "cn-north-1, arn:aws:lambda:eu-west-1:123456789012:function:connector, aws-cn",
        "us-gov-west-1, arn:aws:lambda:us-east-1:123456789012:function:connector:1, aws-us-gov"
    })
    void build_lambdaArnInOtherPartition_throwsNamingLambda(String region, String lambda, String partition) {
        var builder = minimal().region(region).addLambda(lambda);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "lambda \"%s\" is not valid: expected partition \"%s\", the connection's partition",
                        lambda, partition);
    }

    @Test
    void build_kmsKeyArnInOtherPartition_throwsNamingKmsKey() {
        String key = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/" + KEY_ID;
        var builder = minimal().addKmsKey(key);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kms-key \"%s\" is not valid: expected partition \"aws\", the connection's partition", key);
    }

    @Test
    void build_lambdaNameOrKeyId_isResolvedInAnyPartition() {
        var connection = minimal()
                .region("us-gov-west-1")
                .addLambda("connector")
                .addKmsKey(KEY_ID)
                .build();

        assertThat(connection.partition()).isEqualTo(Partition.AWS_US_GOV);
        assertThat(connection.lambdas()).hasSize(1);
        assertThat(connection.kmsKeys()).hasSize(1);
    }

    @Test
    void build_kmsKeyGiven_impliesKms() {
        var connection = minimal().addKmsKey(KEY_ID).build();

        assertThat(connection.kms()).isTrue();
    }

    @Test
    void build_noKmsKeyNoFlag_isNotKms() {
        var connection = minimal().build();

        assertThat(connection.kms()).isFalse();
        assertThat(connection.kmsKeys()).isEmpty();
    }

    @Test
    void build_flags_areKept() {
        var connection =
                minimal().lakeFormation(true).bothCatalogCases(true).kms(true).build();

        assertThat(connection.lakeFormation()).isTrue();
        assertThat(connection.bothCatalogCases()).isTrue();
        assertThat(connection.kms()).isTrue();
    }

    // --- nulls ---

    static Stream<Arguments> nullSetters() {
        return Stream.of(
                Arguments.of("partition", (Runnable) () -> Connection.builder().partition(null)),
                Arguments.of("region", (Runnable) () -> Connection.builder().region(null)),
                Arguments.of("account", (Runnable) () -> Connection.builder().account(null)),
                Arguments.of("workgroup", (Runnable) () -> Connection.builder().workgroup(null)),
                Arguments.of("catalog", (Runnable) () -> Connection.builder().addCatalog(null)),
                Arguments.of("database", (Runnable) () -> Connection.builder().addDatabase(null)),
                Arguments.of("results", (Runnable) () -> Connection.builder().results(null)),
                Arguments.of("data", (Runnable) () -> Connection.builder().addData(null)),
                Arguments.of("lambda", (Runnable) () -> Connection.builder().addLambda(null)),
                Arguments.of("kms-key", (Runnable) () -> Connection.builder().addKmsKey(null)));
    }

    @ParameterizedTest
    @MethodSource("nullSetters")
    void setter_null_throwsNullPointerNamingField(String field, Runnable setter) {
        assertThatThrownBy(setter::run).isInstanceOf(NullPointerException.class).hasMessage(field);
    }

    @Test
    void addDatabase_kelvinSignThatLowercasesToK_isRejected() {
        // "\u212A".toLowerCase() is "k": a check after folding would accept a name Glue never stores.
        assertThatThrownBy(() -> Connection.builder().addDatabase("\u212Aeys"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database \"\\u212Aeys\" is not valid");
    }
}

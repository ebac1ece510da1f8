package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

    private static final String BUCKET_RULE = "expected an S3 bucket name: 3-63 characters of lowercase letters,"
            + " digits, '.' and '-', starting and ending with a letter or digit";
    private static final String PREFIX_RULE = "the prefix may hold at most 1,024 letters, digits and ! _ . ' ( ) = /"
            + " - (S3's longest key), with no empty, '.' or '..' folder (a '*', '?' or '$' would act as a wildcard or variable in the policy)";

    // --- URI forms ---

    static Stream<Arguments> validUris() {
        return Stream.of(
                Arguments.of("s3://athena-results", "athena-results", ""),
                Arguments.of("s3://athena-results/", "athena-results", ""),
                Arguments.of("s3://athena-results/p", "athena-results", "p/"),
                Arguments.of("s3://athena-results/p/", "athena-results", "p/"),
                Arguments.of("s3://athena-results/a/b/c", "athena-results", "a/b/c/"),
                Arguments.of("s3://athena-results/a/b/c/", "athena-results", "a/b/c/"),
                Arguments.of("s3://data-lake/sales/dt=2024-01-01/", "data-lake", "sales/dt=2024-01-01/"),
                Arguments.of("s3://data-lake/dt=2024-01-01/", "data-lake", "dt=2024-01-01/"),
                Arguments.of("s3://data-lake/Sales_EU/", "data-lake", "Sales_EU/"),
                Arguments.of("s3://data-lake/a!b/c'd/(e)/f.g/", "data-lake", "a!b/c'd/(e)/f.g/"),
                Arguments.of("s3://data-lake/.hidden/", "data-lake", ".hidden/"),
                Arguments.of("s3://data-lake/.../", "data-lake", ".../"));
    }

    @ParameterizedTest
    @MethodSource("validUris")
    void parse_validUri_splitsBucketAndFolderPrefix(String uri, String bucket, String prefix) {
        var location = S3Location.parse("results", uri);

        assertThat(location.bucket()).isEqualTo(bucket);
        assertThat(location.prefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource({
        "s3://athena-results, s3://athena-results/",
        "s3://athena-results/p, s3://athena-results/p/",
        "s3://athena-results/p/q/, s3://athena-results/p/q/"
    })
    void toString_parsedUri_isCanonicalFolderUri(String uri, String canonical) {
        var location = S3Location.parse("data", uri);

        assertThat(location).hasToString(canonical);
        assertThat(S3Location.parse("data", location.toString())).isEqualTo(location);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "athena-results/p/",
                "S3://athena-results/",
                "s3:/athena-results/",
                "s3a://athena-results/",
                "https://athena-results.s3.amazonaws.com/",
                "arn:aws:s3:::athena-results",
                " s3://athena-results/",
                ""
            })
    void parse_notAnS3Uri_throwsWithExpectedForm(String uri) {
        assertThatThrownBy(() -> S3Location.parse("results", uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "results %s is not valid: expected an S3 URI \"s3://bucket/prefix/\"", InputRules.quote(uri));
    }

    // --- bucket ---

    static Stream<String> validBuckets() {
        return Stream.of(
                "abc",
                "a".repeat(63),
                "athena-results",
                "my.bucket.name",
                "0bucket9",
                "123",
                "1.2.3",
                "1.2.3.4.5",
                "bucket-s3alia",
                "xn-bucket",
                "sthree",
                "amzn-s3-demo",
                "bucket-ol-s3",
                "bucket.mrap1",
                "bucket-x-s3",
                "bucket-table-s3",
                "s3alias-bucket");
    }

    @ParameterizedTest
    @MethodSource("validBuckets")
    void parse_validBucket_isAccepted(String bucket) {
        var location = S3Location.parse("data", "s3://" + bucket + "/");

        assertThat(location.bucket()).isEqualTo(bucket);
        assertThat(new S3Location(bucket, "")).isEqualTo(location);
    }

    static Stream<Arguments> invalidBuckets() {
        return Stream.of(
                Arguments.of("ab", "shorter than 3"),
                Arguments.of("a".repeat(64), "longer than 63"),
                Arguments.of("", "empty"),
                Arguments.of("Athena-Results", "uppercase"),
                Arguments.of("athena_results", "underscore"),
                Arguments.of("athena results", "space"),
                Arguments.of("-bucket", "starts with '-'"),
                Arguments.of("bucket-", "ends with '-'"),
                Arguments.of(".bucket", "starts with '.'"),
                Arguments.of("bucket.", "ends with '.'"),
                Arguments.of("my..bucket", "'..'"),
                Arguments.of("192.168.1.1", "IP-formatted"),
                Arguments.of("10.0.0.255", "IP-formatted"),
                Arguments.of("xn--bucket", "prefix xn--"),
                Arguments.of("sthree-bucket", "prefix sthree-"),
                Arguments.of("sthree-configurator", "prefix sthree-"),
                Arguments.of("amzn-s3-demo-bucket", "prefix amzn-s3-demo-"),
                Arguments.of("bucket-s3alias", "suffix -s3alias"),
                Arguments.of("bucket--ol-s3", "suffix --ol-s3"),
                Arguments.of("bucket.mrap", "suffix .mrap"),
                Arguments.of("bucket--x-s3", "suffix --x-s3"),
                Arguments.of("bucket--use1-az4--x-s3", "directory bucket suffix --x-s3"),
                Arguments.of("bucket--table-s3", "suffix --table-s3"),
                Arguments.of("bucket*", "wildcard"),
                Arguments.of("buck?t", "wildcard"),
                Arguments.of("${aws:username}", "policy variable"),
                Arguments.of("bucké", "non-ASCII"),
                Arguments.of("bucket\u0000", "NUL"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidBuckets")
    void parse_invalidBucket_throwsNamingFieldWithBucketRule(String bucket, String why) {
        String uri = "s3://" + bucket + "/prefix/";

        assertThatThrownBy(() -> S3Location.parse("data", uri))
                .as(why)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data " + InputRules.quote(uri) + " is not valid: " + BUCKET_RULE);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidBuckets")
    void constructor_invalidBucket_throwsNamingBucket(String bucket, String why) {
        assertThatThrownBy(() -> new S3Location(bucket, ""))
                .as(why)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bucket " + InputRules.quote(bucket) + " is not valid: " + BUCKET_RULE);
    }

    @ParameterizedTest
    @CsvSource({
        "my..bucket, without '..'",
        "192.168.1.1, not formatted as an IP address",
        "xn--bucket, not starting with xn--, sthree- or amzn-s3-demo-",
        "sthree-bucket, not starting with xn--, sthree- or amzn-s3-demo-",
        "amzn-s3-demo-bucket, not starting with xn--, sthree- or amzn-s3-demo-",
        "bucket-s3alias, 'not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'",
        "bucket--ol-s3, 'not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'",
        "bucket.mrap, 'not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'",
        "bucket--x-s3, 'not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'",
        "bucket--table-s3, 'not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'"
    })
    void parse_reservedBucketName_statesTheBrokenRule(String bucket, String rule) {
        assertThatThrownBy(() -> S3Location.parse("results", "s3://" + bucket))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("results \"s3://" + bucket + "\" is not valid")
                .hasMessageContaining(rule);
    }

    // --- prefix ---

    static Stream<String> invalidPrefixes() {
        return Stream.of(
                "sales*/",
                "*",
                "sales/*",
                "sa?es/",
                "$sales/",
                "${aws:username}/",
                "sales\"/",
                "sales\\/",
                "sales eu/",
                "sales\u0000/",
                "sales\t/",
                "sales\n/",
                "sales\u007F/",
                "ventes_é/",
                "sales\uFFFF/",
                "sales{x}/",
                "sales:eu/",
                "sales@eu/",
                "sales#1/",
                "sales%20/",
                "sales&eu/",
                "sales+eu/",
                "sales,eu/",
                "sales;eu/",
                "sales~eu/",
                "/",
                "//",
                "sales//",
                "sales//2024/",
                "/sales/",
                "./",
                "../",
                "sales/./",
                "sales/../",
                "sales/..",
                "..",
                ".");
    }

    @ParameterizedTest
    @MethodSource("invalidPrefixes")
    void parse_invalidPrefix_throwsNamingFieldWithPrefixRule(String prefix) {
        String uri = "s3://athena-results/" + prefix;

        assertThatThrownBy(() -> S3Location.parse("results", uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("results %s is not valid: %s", InputRules.quote(uri), PREFIX_RULE);
    }

    @ParameterizedTest
    @MethodSource("invalidPrefixes")
    void constructor_invalidPrefix_throwsNamingPrefix(String prefix) {
        assertThatThrownBy(() -> new S3Location("athena-results", prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prefix " + InputRules.quote(prefix) + " is not valid: " + PREFIX_RULE);
    }

    @Test
    void parse_prefixOfS3sLongestKey_isAcceptedAndOneByteMoreIsNot() {
        String longest = "p/".repeat(512); // 1,024 bytes: S3's longest object key

        assertThat(S3Location.parse("results", "s3://athena-results/" + longest).prefix())
                .hasSize(1024);
        assertThatThrownBy(() -> S3Location.parse("results", "s3://athena-results/q" + longest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1,045 characters in all) is not valid: " + PREFIX_RULE);
    }

    @Test
    void constructor_prefixWithoutFinalSlash_throwsAskingForSlash() {
        assertThatThrownBy(() -> new S3Location("athena-results", "sales"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix \"sales\" is not valid: %s, ending with '/'", PREFIX_RULE);
    }

    static Stream<Arguments> escapedCharacters() {
        return Stream.of(
                Arguments.of("\u0000", "\\u0000"),
                Arguments.of("\u001B", "\\u001B"),
                Arguments.of("\r", "\\u000D"),
                Arguments.of("\u0085", "\\u0085"),
                Arguments.of("\uFFFF", "\\uFFFF"),
                Arguments.of("\"", "\\\""),
                Arguments.of("\\", "\\\\"));
    }

    @ParameterizedTest
    @MethodSource("escapedCharacters")
    void parse_controlOrQuoteCharacter_isEscapedInMessage(String character, String escaped) {
        String uri = "s3://athena-results/a" + character + "/";

        assertThatThrownBy(() -> S3Location.parse("data", uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data \"s3://athena-results/a" + escaped + "/\" is not valid");
    }

    @Test
    void parse_fieldName_isUsedInMessage() {
        assertThatThrownBy(() -> S3Location.parse("output-location", "s3://ab/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("output-location \"s3://ab/\" is not valid");
    }

    @Test
    void constructor_validBucketAndFolder_isAccepted() {
        var location = new S3Location("athena-results", "leastpriv/dt=2024-01-01/");

        assertThat(location).hasToString("s3://athena-results/leastpriv/dt=2024-01-01/");
    }
}

package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ArnTest {

    /** Real ARN shapes of the services leastpriv writes policies for (iam-reference.md §4). */
    static Stream<String> realArns() {
        return Stream.of(
                "arn:aws:s3:::b",
                "arn:aws:s3:::athena-results",
                "arn:aws:s3:::athena-results/connector/2024/01/part-0001.csv",
                "arn:aws:iam::123456789012:role/ConnectorRole",
                "arn:aws:iam::123456789012:role/service-role/openmetadata/ConnectorRole",
                "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
                "arn:aws:iam::aws:policy/AmazonAthenaFullAccess",
                "arn:aws:sts::123456789012:assumed-role/ConnectorRole/ingestion-session",
                "arn:aws:glue:eu-west-1:123456789012:catalog",
                "arn:aws:glue:eu-west-1:123456789012:database/sales",
                "arn:aws:glue:eu-west-1:123456789012:table/sales/orders",
                "arn:aws:athena:eu-west-1:123456789012:workgroup/primary",
                "arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog",
                "arn:aws:lambda:us-east-1:123456789012:function:athena-federation",
                "arn:aws:lambda:us-east-1:123456789012:function:athena-federation:1",
                "arn:aws:lambda:us-east-1:123456789012:function:athena-federation:$LATEST",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws-cn:s3:::cn-results",
                "arn:aws-cn:glue:cn-north-1:123456789012:table/sales/orders",
                "arn:aws-us-gov:iam::123456789012:role/GovConnectorRole",
                "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    }

    @ParameterizedTest
    @MethodSource("realArns")
    void parse_realArn_roundTripsThroughToString(String text) {
        Arn arn = Arn.parse(text);

        assertThat(arn.toString()).isEqualTo(text);
        assertThat(Arn.parse(arn.toString())).isEqualTo(arn);
    }

    @ParameterizedTest
    @MethodSource("realArns")
    void toString_realArn_neverContainsNull(String text) {
        String printed = Arn.parse(text).toString();

        assertThat(printed).doesNotContain("null");
    }

    @Test
    void parse_s3Bucket_hasEmptyRegionAndAccount() {
        Arn arn = Arn.parse("arn:aws:s3:::b");

        assertThat(arn).isEqualTo(new Arn(Partition.AWS, "s3", "", "", "b"));
        assertThat(arn.hasRegion()).isFalse();
        assertThat(arn.hasAccount()).isFalse();
    }

    @Test
    void parse_glueTable_splitsAllParts() {
        Arn arn = Arn.parse("arn:aws:glue:eu-west-1:123456789012:table/sales/orders");

        assertThat(arn.partition()).isEqualTo(Partition.AWS);
        assertThat(arn.service()).isEqualTo("glue");
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.account()).isEqualTo("123456789012");
        assertThat(arn.resource()).isEqualTo("table/sales/orders");
    }

    @Test
    void parse_qualifiedLambdaFunction_keepsColonsInResource() {
        Arn arn = Arn.parse("arn:aws:lambda:us-east-1:123456789012:function:f:1");

        assertThat(arn.resource()).isEqualTo("function:f:1");
        assertThat(arn.toString()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f:1");
    }

    @Test
    void parse_awsManagedPolicy_acceptsAwsAsAccount() {
        Arn arn = Arn.parse("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole");

        assertThat(arn.account()).isEqualTo("aws");
        assertThat(arn.hasAccount()).isTrue();
        assertThat(arn.hasRegion()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws-cn:s3:::b,                                         aws-cn",
        "arn:aws-us-gov:iam::123456789012:role/r,                   aws-us-gov",
        "arn:aws-iso-b:glue:us-isob-east-1:123456789012:catalog,    aws-iso-b",
        "arn:aws-eusc:athena:eusc-de-east-1:123456789012:workgroup/w, aws-eusc"
    })
    void parse_otherPartition_readsPartition(String text, String partition) {
        Arn arn = Arn.parse(text);

        assertThat(arn.partition()).isEqualTo(Partition.of(partition));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:s3:::b,                                   false, false",
        "arn:aws:iam::123456789012:role/r,                 false, true",
        "arn:aws:s3:eu-west-1::accesspoint-like,           true,  false",
        "arn:aws:glue:eu-west-1:123456789012:catalog,      true,  true"
    })
    void hasRegionAndHasAccount_arn_reportPresence(String text, boolean hasRegion, boolean hasAccount) {
        Arn arn = Arn.parse(text);

        assertThat(arn.hasRegion()).isEqualTo(hasRegion);
        assertThat(arn.hasAccount()).isEqualTo(hasAccount);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn:aws:s3                                  | Invalid ARN \"arn:aws:s3\": expected 6 colon-separated parts",
                "arn:aws:s3::                                | Invalid ARN \"arn:aws:s3::\": expected 6 colon-separated parts",
                "urn:aws:s3:::b                              | Invalid ARN \"urn:aws:s3:::b\": expected 6",
                "ARN:aws:s3:::b                              | Invalid ARN \"ARN:aws:s3:::b\": expected 6",
                "arn:amazon:s3:::b                           | Invalid partition \"amazon\": expected one of aws,",
                "arn:AWS:s3:::b                              | Invalid partition \"AWS\"",
                "arn::s3:::b                                 | Invalid partition \"\"",
                "arn:aws:S3:::b                              | Invalid service \"S3\" in ARN: expected lowercase",
                "arn:aws::::b                                | Invalid service \"\" in ARN",
                "arn:aws:glue:EU-WEST-1:123456789012:catalog | Invalid region \"EU-WEST-1\" in ARN",
                "arn:aws:iam::12345678901:role/r             | Invalid account \"12345678901\" in ARN: expected 12 digits",
                "arn:aws:iam::1234567890123:role/r           | Invalid account \"1234567890123\" in ARN",
                "arn:aws:iam::1234-5678-9012:role/r          | Invalid account \"1234-5678-9012\" in ARN",
                "arn:aws:s3:::                               | ARN resource must not be empty"
            })
    void parse_malformedArn_throwsWithExpectedForm(String text, String message) {
        assertThatThrownBy(() -> Arn.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> resourcesOutsidePolicyText() {
        return Stream.of(
                arguments("arn:aws:s3:::b/\0"),
                arguments("arn:aws:s3:::b/tab\there"),
                arguments("arn:aws:s3:::b/line\nbreak"),
                arguments("arn:aws:s3:::b/del\u007f"),
                arguments("arn:aws:s3:::b/c1\u0085"),
                arguments("arn:aws:s3:::b/\u0100"),
                arguments("arn:aws:glue:eu-west-1:123456789012:database/\u65e5\u672c"),
                arguments("arn:aws:s3:::b/\uffff"));
    }

    @ParameterizedTest
    @MethodSource("resourcesOutsidePolicyText")
    void parse_resourceOutsidePolicyCharacterSet_throws(String text) {
        assertThatThrownBy(() -> Arn.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ARN resource")
                .hasMessageContaining("only printable characters U+0020 to U+00FF");
    }

    @Test
    void parse_latin1Resource_isAccepted() {
        Arn arn = Arn.parse("arn:aws:s3:::b/caf\u00e9 men\u00fc.csv");

        assertThat(arn.resource()).isEqualTo("b/caf\u00e9 men\u00fc.csv");
    }

    @Test
    void parse_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Arn.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text");
    }

    @Test
    void constructor_nullRegion_throwsNullPointerException() {
        assertThatThrownBy(() -> new Arn(Partition.AWS, "s3", null, "", "b"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("region");
    }

    @Test
    void toString_constructedArn_isCanonicalText() {
        Arn arn = new Arn(Partition.AWS_CN, "glue", "cn-north-1", "123456789012", "catalog");

        assertThat(arn).hasToString("arn:aws-cn:glue:cn-north-1:123456789012:catalog");
    }
}

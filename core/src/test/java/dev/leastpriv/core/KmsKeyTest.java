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

class KmsKeyTest {

    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/" + KEY_ID;
    private static final String RULE = "expected a key id (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or"
            + " mrk- and 32 hex digits) or a key ARN \"arn:<partition>:kms:<region>:<account>:key/<key id>\"";
    private static final String ALIAS_REASON = "an alias never authorizes use of a key: IAM matches kms:Decrypt and"
            + " kms:GenerateDataKey against the key ARN, and an alias ARN in Resource applies to the alias only";

    @ParameterizedTest
    @ValueSource(
            strings = {KEY_ID, MRK_ID, "00000000-0000-0000-0000-000000000000", "mrk-00000000000000000000000000000000"})
    void parse_keyId_hasNoArn(String keyId) {
        var key = KmsKey.parse(keyId);

        assertThat(key.keyId()).isEqualTo(keyId);
        assertThat(key.keyArn()).isEmpty();
        assertThat(key).hasToString(keyId);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, 1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab, mrk-1234abcd12ab34cd56ef1234567890ab",
        "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, 1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, 1234abcd-12ab-34cd-56ef-1234567890ab"
    })
    void parse_keyArn_keepsArnAndKeyId(String text, String keyId) {
        var key = KmsKey.parse(text);

        assertThat(key.keyId()).isEqualTo(keyId);
        assertThat(key.keyArn()).contains(Arn.parse(text));
        assertThat(key).hasToString(text);
        assertThat(KmsKey.parse(key.toString())).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alias/athena",
                "alias/aws/s3",
                "alias/",
                "alias/*",
                "arn:aws:kms:eu-west-1:123456789012:alias/athena",
                "arn:aws-cn:kms:cn-north-1:123456789012:alias/athena",
                "arn:aws:kms:eu-west-1:123456789012:alias/*"
            })
    void parse_alias_throwsExplainingAliasesNeverAuthorizeKeyUse(String alias) {
        assertThatThrownBy(() -> KmsKey.parse(alias))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms-key \"" + alias + "\" is not valid: " + ALIAS_REASON)
                .hasMessageContaining("aws kms describe-key --key-id " + alias + " --query KeyMetadata.Arn");
    }

    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("1234ABCD-12AB-34CD-56EF-1234567890AB", "uppercase UUID"),
                Arguments.of("1234abcd-12ab-34cd-56ef-1234567890a", "short UUID"),
                Arguments.of("1234abcd-12ab-34cd-56ef-1234567890abc", "long UUID"),
                Arguments.of("1234abcd12ab34cd56ef1234567890ab", "UUID without hyphens"),
                Arguments.of("1234abcg-12ab-34cd-56ef-1234567890ab", "non-hex"),
                Arguments.of("mrk-1234abcd12ab34cd56ef1234567890a", "short mrk"),
                Arguments.of("mrk-1234abcd-12ab-34cd-56ef-1234567890ab", "mrk with UUID"),
                Arguments.of("MRK-1234abcd12ab34cd56ef1234567890ab", "uppercase mrk"),
                Arguments.of("*", "wildcard"),
                Arguments.of("1234abcd-12ab-34cd-56ef-*", "wildcard"),
                Arguments.of("1234abcd-12ab-34cd-56ef-1234567890a?", "wildcard"),
                Arguments.of("${aws:username}", "policy variable"),
                Arguments.of("key/" + KEY_ID, "partial ARN"),
                Arguments.of("123456789012:key/" + KEY_ID, "partial ARN"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:key/*", "wildcard key ARN"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:*", "wildcard ARN"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:key/", "ARN without key id"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:key/athena", "ARN with a name"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:" + KEY_ID, "ARN without key/"),
                Arguments.of("arn:aws:kms::123456789012:key/" + KEY_ID, "ARN without region"),
                Arguments.of("arn:aws:kms:eu-west-1::key/" + KEY_ID, "ARN without account"),
                Arguments.of("arn:aws:kms:eu-west-1:aws:key/" + KEY_ID, "ARN with account 'aws'"),
                Arguments.of("arn:aws:s3:::key/" + KEY_ID, "S3 ARN"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:key/" + KEY_ID, "wrong service"),
                Arguments.of("arn:aws:kms:eu-west-1:123456789012:key/" + KEY_ID + "/x", "trailing path"),
                Arguments.of("arn:aws", "truncated ARN"),
                Arguments.of(KEY_ID + "\u0000", "NUL"),
                Arguments.of(KEY_ID + " ", "trailing space"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidKeys")
    void parse_notAKeyIdOrKeyArn_throwsNamingKmsKey(String text, String why) {
        assertThatThrownBy(() -> KmsKey.parse(text))
                .as(why)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kms-key %s is not valid: %s", InputRules.quote(text), RULE);
    }

    @Test
    void parse_nul_isEscapedInMessage() {
        assertThatThrownBy(() -> KmsKey.parse(KEY_ID + "\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms-key \"" + KEY_ID + "\\u0000\" is not valid")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void parse_malformedArn_keepsArnErrorAsCause() {
        assertThatThrownBy(() -> KmsKey.parse("arn:aws"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_arnOfThisKey_isAccepted() {
        var key = new KmsKey(KEY_ID, Arn.parse(KEY_ARN));

        assertThat(key).isEqualTo(KmsKey.parse(KEY_ARN));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:kms:eu-west-1:123456789012:*",
                "arn:aws:kms:eu-west-1:123456789012:key/*",
                "arn:aws:kms:eu-west-1:123456789012:key/" + MRK_ID,
                "arn:aws:kms:eu-west-1:123456789012:alias/athena",
                "arn:aws:s3:::key/" + KEY_ID,
                "arn:aws:kms::123456789012:key/" + KEY_ID,
                "arn:aws:kms:eu-west-1::key/" + KEY_ID
            })
    void constructor_arnNotOfThisKey_throwsNamingKmsKey(String arn) {
        assertThatThrownBy(() -> new KmsKey(KEY_ID, Arn.parse(arn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kms-key \"%s\" is not valid: %s", arn, RULE);
    }

    @Test
    void constructor_invalidKeyId_throwsNamingKmsKey() {
        assertThatThrownBy(() -> new KmsKey("alias/athena", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kms-key \"alias/athena\" is not valid: %s", RULE);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws-us-gov:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    })
    void parse_arnRegionOutsideItsPartition_isRejected(String arn) {
        assertThatThrownBy(() -> KmsKey.parse(arn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms-key \"" + arn + "\" is not valid: expected a key id");
    }
}

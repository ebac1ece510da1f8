package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;

/**
 * {@code Policy.fromJson} on any text: it returns a policy or throws {@link PolicyFormatException}; any other
 * exception fails the test. Seeds: {@code PolicyReaderFuzzTestInputs/fromJson/}. Fuzz with {@code JAZZER_FUZZ=1}
 * (see the README).
 */
class PolicyReaderFuzzTest {

    // The grammar's words, so that mutations build policies and not only broken JSON.
    @DictionaryEntries({
        "\"Version\"",
        "\"2012-10-17\"",
        "\"2008-10-17\"",
        "\"Id\"",
        "\"Statement\"",
        "\"Sid\"",
        "\"Effect\"",
        "\"Allow\"",
        "\"Deny\"",
        "\"Principal\"",
        "\"NotPrincipal\"",
        "\"AWS\"",
        "\"Service\"",
        "\"Federated\"",
        "\"CanonicalUser\"",
        "\"Action\"",
        "\"NotAction\"",
        "\"Resource\"",
        "\"NotResource\"",
        "\"Condition\"",
        "\"StringEquals\"",
        "\"ForAllValues:",
        "\"ForAnyValue:",
        "IfExists\"",
        "\"Null\"",
        "\"*\"",
        "arn:aws:",
        "arn:aws-cn:",
        "s3:::",
        ":123456789012:",
        "${aws:username}",
        "\\u",
        "\uFEFF"
    })
    @FuzzTest(maxDuration = "5m")
    void fromJson(FuzzedDataProvider data) {
        // Jazzer's decoding keeps the string valid UTF-16; lone surrogates come in as \\u escapes (see the seeds).
        String text = data.consumeRemainingAsString();
        Policy policy;
        try {
            policy = Policy.fromJson(text);
        } catch (PolicyFormatException e) {
            assertThat(e.pointer())
                    .satisfiesAnyOf(
                            pointer -> assertThat(pointer).isEmpty(),
                            pointer -> assertThat(pointer).startsWith("/"));
            assertThat(e.line()).isNotNegative();
            assertThat(e.column()).isNotNegative();
            return;
        }
        // What was read must be written so that it reads back to the same policy, in both layouts.
        assertThat(Policy.fromJson(policy.toJson())).isEqualTo(policy);
        assertThat(Policy.fromJson(policy.toCompactJson())).isEqualTo(policy);
    }
}

package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PolicySizeTest {

    private static final Policy SMALL_POLICY = Policy.of(Statement.allow()
            .addAction("s3:GetObject")
            .addResource("arn:aws:s3:::b/*")
            .build());

    /** The compact JSON of {@link #SMALL_POLICY}, written out by hand. */
    private static final String SMALL_POLICY_JSON = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/*\"]}]}";

    /**
     * Length of {@link #SMALL_POLICY_JSON} without the final {@code *} of the resource: {@code {"Version":"2012-10-17",}
     * 24 + {@code "Statement":[} 13 + {@code {"Effect":"Allow",} 18 + {@code "Action":["s3:GetObject"],} 26 +
     * {@code "Resource":["arn:aws:s3:::b/"]} 30 + <code>}]}</code> 3.
     */
    private static final int PADDING_OVERHEAD = 114;

    /** {@return a policy whose compact JSON is exactly {@code characters} long, none of them whitespace} */
    private static Policy policyOfSize(int characters) {
        String padding = "x".repeat(characters - PADDING_OVERHEAD);
        return Policy.of(Statement.allow()
                .addAction("s3:GetObject")
                .addResource("arn:aws:s3:::b/" + padding)
                .build());
    }

    @Test
    void of_smallPolicy_countsCompactJsonCharacters() {
        PolicySize size = PolicySize.of(SMALL_POLICY);

        assertThat(SMALL_POLICY_JSON).hasSize(115);
        assertThat(size.characters()).isEqualTo(115);
        assertThat(size.withoutAnyWhitespace()).isEqualTo(115);
    }

    @Test
    void of_prettyFormatting_doesNotCount() {
        PolicySize size = PolicySize.of(SMALL_POLICY);

        assertThat(SMALL_POLICY.toJson().length()).isGreaterThan(115);
        assertThat(size.characters()).isEqualTo(SMALL_POLICY.toCompactJson().length());
    }

    @Test
    void of_spacesInsideStrings_countOnlyInCharacters() {
        // 1 space in the resource, 2 in the condition value
        Policy policy = Policy.of(Statement.allow()
                .addAction("s3:GetObject")
                .addResource("arn:aws:s3:::b/my report.csv")
                .addCondition(Condition.of("StringLike", "s3:prefix", "a b c"))
                .build());
        String compact =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                        + "\"Resource\":[\"arn:aws:s3:::b/my report.csv\"],"
                        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"a b c\"]}}}]}";

        PolicySize size = PolicySize.of(policy);

        assertThat(compact).hasSize(178);
        assertThat(size.characters()).isEqualTo(178);
        assertThat(size.withoutAnyWhitespace()).isEqualTo(175);
    }

    @Test
    void policyOfSize_helper_buildsExactSize() {
        PolicySize size = PolicySize.of(policyOfSize(115));

        assertThat(SMALL_POLICY_JSON.length() - 1).isEqualTo(PADDING_OVERHEAD);
        assertThat(size.characters()).isEqualTo(115);
    }

    @ParameterizedTest
    @CsvSource({"MANAGED, 6144", "ROLE_INLINE, 10240", "TRUST, 2048"})
    void characters_limit_isIamQuota(PolicyLimit limit, int characters) {
        assertThat(limit.characters()).isEqualTo(characters);
        assertThat(limit.description()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(PolicyLimit.class)
    void fits_policyExactlyAtLimit_fits(PolicyLimit limit) {
        PolicySize size = PolicySize.of(policyOfSize(limit.characters()));

        assertThat(size.characters()).isEqualTo(limit.characters());
        assertThat(size.fits(limit)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PolicyLimit.class)
    void fits_policyOneOverLimit_doesNotFit(PolicyLimit limit) {
        PolicySize size = PolicySize.of(policyOfSize(limit.characters() + 1));

        assertThat(size.characters()).isEqualTo(limit.characters() + 1);
        assertThat(size.fits(limit)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(PolicyLimit.class)
    void fits_overLimitOnlyBecauseOfSpacesInStrings_doesNotFit(PolicyLimit limit) {
        PolicySize size = new PolicySize(limit.characters() + 1, limit.characters() - 10);

        assertThat(size.fits(limit)).isFalse();
    }

    @Test
    void fits_managedSizedPolicy_fitsLargerLimitsButNotTrust() {
        PolicySize size = PolicySize.of(policyOfSize(PolicyLimit.MANAGED.characters()));

        assertThat(size.fits(PolicyLimit.MANAGED)).isTrue();
        assertThat(size.fits(PolicyLimit.ROLE_INLINE)).isTrue();
        assertThat(size.fits(PolicyLimit.TRUST)).isFalse();
    }

    @Test
    void constructor_negativeCharacters_throws() {
        assertThatThrownBy(() -> new PolicySize(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("characters must not be negative: -1");
    }

    @Test
    void constructor_moreNonWhitespaceThanCharacters_throws() {
        assertThatThrownBy(() -> new PolicySize(10, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withoutAnyWhitespace must be between 0 and characters (10): 11");
    }

    @Test
    void constructor_negativeWithoutAnyWhitespace_throws() {
        assertThatThrownBy(() -> new PolicySize(10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withoutAnyWhitespace must be between 0 and characters (10): -1");
    }
}

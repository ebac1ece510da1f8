package dev.leastpriv.assertj;

import static dev.leastpriv.assertj.Fixtures.GLUE;
import static dev.leastpriv.assertj.Fixtures.METADATA;
import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.PolicySet;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The entry points, AssertJ's descriptions and overriding messages, and soft assertions. */
class LeastPrivAssertionsTest {

    @Test
    void assertThat_policy_actualIsASetOfThatPolicy() {
        Assertions.assertThat(assertThat(METADATA).actual()).isEqualTo(PolicySet.of(METADATA));
    }

    @Test
    void assertThat_nullPolicy_failsEveryAssertionAsNull() {
        assertThatThrownBy(() -> assertThat((Policy) null).allows("glue:GetTables"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
        assertThatThrownBy(() -> assertThat((PolicySet) null).fitsManagedPolicyLimit())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void assertThat_policySet_evaluatesThePoliciesTogether() {
        Policy glue = Policy.of(METADATA.statements().stream()
                .filter(s -> s.sid() != null && s.sid().startsWith("Glue"))
                .toList());
        Policy deny = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': {'Sid': 'NoFinance', 'Effect': 'Deny', 'Action': 'glue:*',
                 'Resource': 'arn:aws:glue:eu-west-1:123456789012:table/sales/salaries'}}
                """);
        PolicySet set = new PolicySet(ImmutableList.of(glue, deny));

        assertThat(set).allows("glue:GetTable").on(GLUE + "catalog", GLUE + "database/sales", GLUE + "table/sales/x");
        assertThatThrownBy(() -> assertThat(set).allows("glue:GetTable").on(GLUE + "table/sales/salaries"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but it was explicitly denied: explicit deny in an identity-based policy"
                        + " (Deny in identity policy 1, statement 0 (Sid NoFinance))");
    }

    @Test
    void as_description_prefixesTheFailure() {
        assertThatThrownBy(() -> assertThat(METADATA).as("openmetadata role").allows("glue:GetTabels"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[openmetadata role] \nExpecting policy:\n");
    }

    @Test
    void overridingErrorMessage_replacesTheFailure() {
        assertThatThrownBy(() -> assertThat(METADATA)
                        .overridingErrorMessage("connector cannot write results")
                        .doesNotAllow("s3:PutObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("connector cannot write results");
    }

    @Test
    void softAssertions_check_collectsEveryFailure() {
        SoftAssertions softly = new SoftAssertions();

        softly.check(() -> assertThat(METADATA).allows("glue:GetTabels"));
        softly.check(() -> assertThat(METADATA).allows("glue:GetTables").on(GLUE + "table/finance/x"));
        softly.check(() -> assertThat(METADATA).doesNotAllow("glue:DeleteTable"));
        softly.check(() -> assertThat(METADATA).doesNotAllow("s3:PutObject"));

        Assertions.assertThat(softly.errorsCollected())
                .extracting(Throwable::getMessage)
                .satisfiesExactly(
                        first -> Assertions.assertThat(first).contains("glue:GetTabels on at least one resource"),
                        second ->
                                Assertions.assertThat(second).contains("glue:GetTables on " + GLUE + "table/finance/x"),
                        third -> Assertions.assertThat(third).contains("s3:PutObject on any resource"));
    }
}

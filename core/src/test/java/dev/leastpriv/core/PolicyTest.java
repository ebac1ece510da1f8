package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.json.PolicyJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {

    // athena:ListWorkGroups has no resource types, so "*" is the only resource it accepts
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonathena.html).
    private static final Statement LIST_WORKGROUPS = Statement.allow()
            .sid("AthenaGlobal")
            .addAction("athena:ListWorkGroups")
            .addResource(Resource.ALL)
            .build();

    private static final Statement READ_RESULTS = Statement.allow()
            .sid("ResultsObjects")
            .addAction("s3:GetObject")
            .addResource("arn:aws:s3:::athena-results/connector/*")
            .build();

    private static final Policy MINIMAL_POLICY = Policy.of(LIST_WORKGROUPS);

    @Test
    void of_oneStatement_usesCurrentVersionAndNoId() {
        assertThat(MINIMAL_POLICY.version()).isEqualTo("2012-10-17").isEqualTo(Policy.VERSION_2012);
        assertThat(MINIMAL_POLICY.id()).isNull();
        assertThat(MINIMAL_POLICY.statements()).containsExactly(LIST_WORKGROUPS);
    }

    @Test
    void of_varargs_keepsStatementOrder() {
        Policy policy = Policy.of(READ_RESULTS, LIST_WORKGROUPS);

        assertThat(policy.statements()).containsExactly(READ_RESULTS, LIST_WORKGROUPS);
        assertThat(policy).isEqualTo(Policy.of(List.of(READ_RESULTS, LIST_WORKGROUPS)));
    }

    @Test
    void builder_legacyVersion_isAccepted() {
        Policy policy = Policy.builder()
                .version("2008-10-17")
                .addStatement(READ_RESULTS)
                .build();

        assertThat(policy.version()).isEqualTo(Policy.VERSION_2008);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012-10-18", "2012-10-17 ", "", "2024-01-01", "latest"})
    void build_unknownVersion_throwsNamingBothVersions(String version) {
        Policy.Builder builder = Policy.builder().version(version).addStatement(READ_RESULTS);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid policy version \"" + version + "\"")
                .hasMessageContaining("expected \"2012-10-17\" (or the legacy \"2008-10-17\")");
    }

    @Test
    void build_noStatements_throws() {
        Policy.Builder builder = Policy.builder();

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A policy needs at least one statement");
    }

    @Test
    void of_emptyIterable_throws() {
        List<Statement> none = List.of();

        assertThatThrownBy(() -> Policy.of(none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A policy needs at least one statement");
    }

    @Test
    void build_emptyId_throws() {
        Policy.Builder builder = Policy.builder().id("").addStatement(READ_RESULTS);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Policy Id must not be empty; omit it instead");
    }

    @Test
    void version_null_throwsNullPointerException() {
        Policy.Builder builder = Policy.builder();

        assertThatThrownBy(() -> builder.version(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("version");
    }

    @Test
    void statements_afterAddStatement_replacesThem() {
        Policy policy = Policy.builder()
                .addStatement(READ_RESULTS)
                .statements(List.of(LIST_WORKGROUPS))
                .addStatement(READ_RESULTS)
                .build();

        assertThat(policy.statements()).containsExactly(LIST_WORKGROUPS, READ_RESULTS);
    }

    @Test
    void idAndVersion_calledTwice_lastCallWins() {
        Policy policy = Policy.builder()
                .id("First")
                .id("Second")
                .version(Policy.VERSION_2008)
                .version(Policy.VERSION_2012)
                .addStatement(READ_RESULTS)
                .build();

        assertThat(policy.id()).isEqualTo("Second");
        assertThat(policy.version()).isEqualTo(Policy.VERSION_2012);
    }

    @Test
    void toBuilder_policyWithIdAndLegacyVersion_buildsEqualPolicy() {
        Policy policy = Policy.builder()
                .version(Policy.VERSION_2008)
                .id("BucketPolicy")
                .addStatement(READ_RESULTS)
                .addStatement(LIST_WORKGROUPS)
                .build();

        Policy copy = policy.toBuilder().build();

        assertThat(copy).isEqualTo(policy).hasSameHashCodeAs(policy);
    }

    @Test
    void toBuilder_idRemoved_leavesOriginalUnchanged() {
        Policy policy = Policy.builder().id("P").addStatement(READ_RESULTS).build();

        Policy changed = policy.toBuilder().id(null).build();

        assertThat(changed.id()).isNull();
        assertThat(policy.id()).isEqualTo("P");
    }

    @Test
    void toJson_policy_isPrettyJsonOfPolicyJson() {
        String json = MINIMAL_POLICY.toJson();

        assertThat(json).isEqualTo(PolicyJson.writePretty(MINIMAL_POLICY)).endsWith("}\n");
    }

    @Test
    void toCompactJson_policy_isOneLineWithoutWhitespace() {
        String json = MINIMAL_POLICY.toCompactJson();

        assertThat(json)
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AthenaGlobal\",\"Effect\":\"Allow\","
                        + "\"Action\":[\"athena:ListWorkGroups\"],\"Resource\":[\"*\"]}]}");
    }

    @Test
    void fromJson_toJsonOutput_returnsEqualPolicy() {
        Policy policy = Policy.of(READ_RESULTS, LIST_WORKGROUPS);

        assertThat(Policy.fromJson(policy.toJson())).isEqualTo(policy);
        assertThat(Policy.fromJson(policy.toCompactJson())).isEqualTo(policy);
    }

    @Test
    void fromJson_invalidDocument_throwsPolicyFormatException() {
        assertThatThrownBy(() -> Policy.fromJson("[]"))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("A policy must be a JSON object");
    }
}

package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.policies.check.PolicyCheck;
import dev.leastpriv.policies.check.PolicyInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code database-prefix}: the one deliberate way a wildcard enters a Glue database ARN. */
class DatabasePrefixTest {

    private static final String GLUE = "arn:aws:glue:eu-west-1:123456789012:";

    private static Connection.Builder connection() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("primary")
                .results("s3://athena-results-123456789012/om/");
    }

    private static RenderedPolicy render(Connection connection) {
        return PolicyRenderer.render(PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.METADATA)));
    }

    private static boolean allows(RenderedPolicy rendered, String action, String resource) {
        return Evaluator.compile(Policies.identity(List.of(rendered.policy())))
                .evaluate(Request.builder().action(action).resource(resource).build())
                .decision()
                .isAllowed();
    }

    @Test
    void prefix_grantsItsDatabasesAndTablesOnly_foldedToLowercase() {
        RenderedPolicy rendered =
                render(connection().addDatabasePrefix("Team_A_").build());

        assertThat(allows(rendered, "glue:GetDatabase", GLUE + "database/team_a_sales"))
                .isTrue();
        assertThat(allows(rendered, "glue:GetTables", GLUE + "table/team_a_sales/orders"))
                .isTrue();
        assertThat(allows(rendered, "glue:GetTables", GLUE + "table/team_a_new_later/t"))
                .isTrue();
        assertThat(allows(rendered, "glue:GetDatabase", GLUE + "database/team_b_sales"))
                .isFalse();
        assertThat(allows(rendered, "glue:GetTable", GLUE + "table/team_b_sales/orders"))
                .isFalse();
        assertThat(allows(rendered, "glue:GetTable", GLUE + "table/xteam_a_/orders"))
                .isFalse();
        assertThat(rendered.notes())
                .contains("database-prefix \"team_a_\" grants database/team_a_* and table/team_a_*/*: every database"
                        + " whose name starts with it, including databases created later");
    }

    @Test
    void prefix_withNamedDatabases_leavesOutTheNamesItCovers() {
        String json = render(connection()
                        .addDatabasePrefix("team_a_")
                        .addDatabase("team_a_sales")
                        .addDatabase("finance")
                        .build())
                .policy()
                .toJson();

        assertThat(json)
                .contains(GLUE + "database/finance\"")
                .contains(GLUE + "database/team_a_*\"")
                .doesNotContain("database/team_a_sales");
    }

    @Test
    void prefix_coveringTheSessionDatabase_needsNoStatementOfItsOwn() {
        assertThat(render(connection().addDatabasePrefix("def").build())
                        .policy()
                        .toJson())
                .doesNotContain("GlueSessionDatabase");
        assertThat(render(connection().addDatabasePrefix("team_").build())
                        .policy()
                        .toJson())
                .contains("GlueSessionDatabase");
    }

    @Test
    void prefix_alone_satisfiesTheDatabaseRequirement() {
        assertThat(render(connection().addDatabasePrefix("team_").build())
                        .policy()
                        .statements())
                .isNotEmpty();
    }

    @Test
    void prefix_generatedPolicyPassesItsOwnCheck() {
        Connection connection = connection().addDatabasePrefix("team_a_").build();
        PolicyRequest request = PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.METADATA));

        var report = PolicyCheck.create(dev.leastpriv.core.catalog.ActionCatalog.standard())
                .check(
                        List.of(new PolicyInput(
                                "p.json", render(connection).policy().toJson())),
                        null,
                        RequirementSet.of(request).requirements());

        assertThat(report.missing()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"team*", "team?", "team/a", "", "a b", "${aws:username}", "x\n"})
    void prefix_thatIsNoNameFragment_isRefused(String prefix) {
        assertThatThrownBy(() -> connection().addDatabasePrefix(prefix).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database-prefix ")
                .hasMessageContaining("is not valid: expected 1-254 letters, digits, '_' or '-'");
    }

    @Test
    void prefix_withAllDatabases_isRefused() {
        assertThatThrownBy(() ->
                        connection().addDatabasePrefix("team_").allDatabases().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not combine it with database-prefix");
    }
}

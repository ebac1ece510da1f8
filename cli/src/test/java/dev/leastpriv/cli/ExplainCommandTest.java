package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leastpriv.policies.explain.AccessDeniedParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[] OPENMETADATA = {
        "explain",
        "--region",
        "eu-west-1",
        "--account",
        "123456789012",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/"
    };

    /** The message issue 14 opens with, wrapped as it was pasted. */
    static final String ISSUE = """
            An error occurred (AccessDeniedException) when calling the GetTables operation: User:
            arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion is not authorized to perform: glue:GetTables on
            resource: arn:aws:glue:eu-west-1:123456789012:catalog because no identity-based policy allows the glue:GetTables action""";

    private static final String SCP = "User: arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion is not"
            + " authorized to perform: athena:StartQueryExecution on resource:"
            + " arn:aws:athena:eu-west-1:123456789012:workgroup/primary with an explicit deny in a service control"
            + " policy: arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-abc";

    @Test
    void readme_whenIngestionFailsExample_isTheRealOutput() throws Exception {
        // The README pastes the output of the issue's message against the example config: it must stay true.
        String pasted = ReadmeExample.textAfter("## When ingestion fails: `leastpriv explain`");

        CliRun run = CliRun.of("explain", "--config", "../samples/config/openmetadata.yaml", ISSUE);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(pasted);
    }

    @Test
    void explain_issueMessage_textNamesFeatureRoleAndStatement_exit0() {
        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, ISSUE));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("1. glue:GetTables on arn:aws:glue:eu-west-1:123456789012:catalog")
                .contains("needed by: metadata  glue:GetTables")
                .contains("arn:aws:iam::123456789012:role/openmetadata")
                .contains("\"arn:aws:glue:eu-west-1:123456789012:table/sales/*\"")
                .contains("EXPLAINED: 1 distinct AccessDenied message");
    }

    @Test
    void explain_json_parsesAndCarriesEveryField_exit1ForScp() throws Exception {
        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "--format", "json", ISSUE, SCP));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("explained").asBoolean()).isFalse();
        JsonNode denials = report.get("denials");
        assertThat(denials).hasSize(2);
        assertThat(denials.get(0).get("outcome").asText()).isEqualTo("grant");
        assertThat(denials.get(0).get("role").asText()).isEqualTo("arn:aws:iam::123456789012:role/openmetadata");
        assertThat(denials.get(0)
                        .get("statements")
                        .get("Statement")
                        .get(0)
                        .get("Action")
                        .get(0)
                        .asText())
                .isEqualTo("glue:GetTables");
        assertThat(denials.get(1).get("outcome").asText()).isEqualTo("elsewhere");
        assertThat(denials.get(1).get("cause").asText()).isEqualTo("scp-deny");
        assertThat(denials.get(1).get("fixLocation").asText()).isEqualTo("organization-policy");
        assertThat(denials.get(1).get("policyArn").asText()).endsWith("p-abc");
        assertThat(denials.get(1).has("statements")).isFalse();
        assertThat(denials.get(1).get("requirements").get(0).get("feature").asText())
                .isNotEmpty();
    }

    @Test
    void explain_scpText_summaryIsFixElsewhere_exit1() {
        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, ISSUE, SCP));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("FIX ELSEWHERE: 2 distinct AccessDenied messages; 1 grant, 0 not needed, 1 to fix elsewhere,"
                        + " 0 undetermined");
    }

    @Test
    void explain_moreDistinctMessagesThanTheReportShows_saysSoAndExits1(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i <= AccessDeniedParser.MAX_DENIALS; i++) {
            log.append(ISSUE.replace("assumed-role/openmetadata/ingestion", "assumed-role/openmetadata/s" + i))
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.log"), log, StandardCharsets.UTF_8);

        CliRun text = CliRun.of(CliRun.args(OPENMETADATA, "--file", file.toString()));
        CliRun json = CliRun.of(CliRun.args(OPENMETADATA, "--format", "json", "--file", file.toString()));

        // Every message read is a grant, but one was not read: no exit 0.
        assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
        assertThat(text.out())
                .contains("more than 1,000 distinct AccessDenied messages")
                .contains("NOT EXPLAINED: 1000 distinct AccessDenied messages; 1000 grant,");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("truncated").asBoolean()).isTrue();
        assertThat(report.get("explained").asBoolean()).isFalse();
        assertThat(report.get("denials")).hasSize(AccessDeniedParser.MAX_DENIALS);
    }

    @Test
    void explain_logFile_reportsEachDistinctOnce(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(
                dir.resolve("ingestion.log"),
                "INFO start\n" + ISSUE + "\nINFO retry\n" + ISSUE + "\n" + SCP + "\n",
                StandardCharsets.UTF_8);

        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "--format", "json", "--file", log.toString()));

        assertThat(JSON.readTree(run.out()).get("denials")).hasSize(2);
    }

    @Test
    void explain_stdin_isRead() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(ISSUE.getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "--file", "-"));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            assertThat(run.out()).contains("glue:GetTables");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void explain_noAccessDenied_exit2WithMessage() {
        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "INFO everything is fine"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no AccessDenied message");
    }

    @Test
    void explain_noInput_exit2() {
        CliRun run = CliRun.of(OPENMETADATA);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--file");
    }

    @Test
    void explain_notNeeded_isExplained_exit0() {
        String dataRead = "User: arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion is not authorized to"
                + " perform: glue:DeleteTable on resource: arn:aws:glue:eu-west-1:123456789012:table/sales/orders"
                + " because no identity-based policy allows the glue:DeleteTable action";

        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, dataRead));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("NOT-NEEDED")
                .contains("nothing to grant")
                .doesNotContain("statements to add");
    }

    @Test
    void explain_oversizedFile_exit2(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.log");
        Files.write(big, new byte[InputFiles.LOG_LIMIT + 1]);

        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "--file", big.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("larger than");
    }

    @Test
    void explain_missingFile_exit2() {
        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, "--file", "/nonexistent/ingestion.log"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void explain_hostileMessage_neverStartsALineOfItsOwn() throws Exception {
        // A principal and a resource carrying a newline with a forged verdict, an escape code and a bidi override:
        // what the log says must stay inside the line that quotes it.
        String hostile = "User: arn:aws:iam::123456789012:role/r\u001b[2J\u202e is not authorized to perform:"
                + " glue:GetTables on resource: arn:aws:glue:eu-west-1:123456789012:catalog\u0085EXPLAINED:\u2028PASS"
                + " because no identity-based policy allows the glue:GetTables action\n::error::x\nPASS";

        CliRun run = CliRun.of(CliRun.args(OPENMETADATA, hostile));

        for (String line : run.out().split("\n", -1)) {
            assertThat(line).doesNotStartWith("PASS").doesNotStartWith("::error::");
            assertThat(line)
                    .doesNotContain("\u001b")
                    .doesNotContain("\u202e")
                    .doesNotContain("\u0085")
                    .doesNotContain("\u2028");
        }
        assertThat(run.out()
                        .lines()
                        .filter(l -> l.startsWith("EXPLAINED")
                                || l.startsWith("NOT EXPLAINED")
                                || l.startsWith("FIX ELSEWHERE")))
                .hasSize(1);
        CliRun json = CliRun.of(CliRun.args(OPENMETADATA, "--format", "json", hostile));
        assertThat(JSON.readTree(json.out()).get("denials")).isNotEmpty();
    }
}

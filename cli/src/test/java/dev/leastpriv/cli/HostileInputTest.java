package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input a hostile or careless user gives (issue 12): every case is refused with exit 2 and a short message naming
 * the field, or reported without letting the input reshape the report.
 */
class HostileInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[] GENERATE = {
        "generate",
        "--connector",
        "openmetadata",
        "--region",
        "eu-west-1",
        "--account",
        "123456789012",
        "--workgroup",
        "primary",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/"
    };

    /** A valid policy whose Sid holds a newline, an escape code and a CI workflow command. */
    private static final String INJECTING_SID = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Sid\":\"x\\n::error::forged\\u001b[2J\\nPASS: 19 of 19\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::other-bucket/*\"}]}";

    /** An invalid policy whose action and resource hold newlines: the parser's message quotes them. */
    private static final String INJECTING_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"s3:Get\\r\\nPASS\",\"Resource\":\"arn:aws:s3:::b/\\n::error file=a::b\"}]}";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertRefused(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message);
        assertThat(run.err().lines()).hasSize(1);
    }

    // ---- empty and out-of-range settings ---------------------------------------------------------------------

    @Test
    void generate_emptyFeatureFlag_isRefusedNotTheDefaults() {
        assertRefused(CliRun.of(CliRun.args(GENERATE, "--features", "")), "error: features is empty: name at least");
    }

    @Test
    void generate_emptyFeatureListInConfig_isRefusedNotTheDefaults() throws IOException {
        Path config = write(
                "c.yaml",
                "connector: openmetadata\nregion: eu-west-1\naccount: \"123456789012\"\nworkgroup: primary\n"
                        + "database: sales\nresults: s3://athena-results-123456789012/om/\nfeatures: []\n");

        assertRefused(CliRun.of("generate", "--config", config.toString()), "error: features is empty");
    }

    @Test
    void generate_moreThanIamsTwentyManagedPolicies_isRefused() {
        assertRefused(
                CliRun.of(CliRun.args(GENERATE, "--max-policies", "21")),
                "--max-policies \"21\" is not valid: expected 1 to 20");
        assertThat(CliRun.of(CliRun.args(GENERATE, "--max-policies", "20")).exitCode())
                .isZero();
    }

    @Test
    void generate_resultsPrefixLongerThanS3sLongestKey_isRefused() {
        String[] args = CliRun.with(GENERATE, "--results", "s3://athena-results-123456789012/" + "p/".repeat(513));

        assertRefused(CliRun.of(args), "(1,059 characters in all) is not valid: the prefix may hold at most 1,024");
    }

    @Test
    void generate_hugeRegion_isRefusedQuotingOnlyItsStart() {
        CliRun run = CliRun.of(CliRun.with(GENERATE, "--region", "eu-" + "w".repeat(200) + "-1"));

        assertRefused(run, "(205 characters in all)");
        assertThat(run.err().length()).isLessThan(500);
    }

    @Test
    void generate_megabyteDatabaseName_messageQuotesAtMost200Characters() {
        CliRun run = CliRun.of(CliRun.with(GENERATE, "--database", "d".repeat(1_000_000)));

        assertRefused(run, "d".repeat(200) + "\"... (1,000,000 characters in all) is not valid");
        assertThat(run.err().length()).isLessThan(800);
    }

    @Test
    void simulate_principalThatIsNoArnNorServiceName_isRefused() throws IOException {
        Path policy = write(
                "p.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\"}]}");

        assertRefused(
                CliRun.of(
                        "simulate",
                        "--policy",
                        policy.toString(),
                        "--action",
                        "s3:GetObject",
                        "--resource",
                        "arn:aws:s3:::b/k",
                        "--principal",
                        "notarn"),
                "error: Invalid principal \"notarn\": expected an ARN");
    }

    // ---- notes for settings the request does not use ---------------------------------------------------------

    @Test
    void generate_dataWithoutAFeatureThatReadsData_saysItIsUnused() {
        CliRun run = CliRun.of(CliRun.args(GENERATE, "--features", "metadata", "--data", "s3://lake-data/x/"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("lake-data");
        assertThat(run.err())
                .contains("note: data locations are not used: no requested feature reads table data (profiler,"
                        + " sample-data do)");
    }

    @Test
    void generate_lambdaOfAnotherAccountAndRegion_saysSo() {
        CliRun run = CliRun.of(CliRun.args(
                GENERATE,
                "--features",
                "metadata,federated-query",
                "--lambda",
                "arn:aws:lambda:us-east-1:999999999999:function:ddb",
                "--spill",
                "s3://spill-123456789012/ddb/"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err())
                .contains("note: lambda \"arn:aws:lambda:us-east-1:999999999999:function:ddb\" is in account"
                        + " 999999999999, not the connection's account 123456789012")
                .contains("is in region us-east-1, not the connection's region eu-west-1");
    }

    @Test
    void generate_lambdaOfTheConnectionsAccountAndRegion_hasNoSuchNote() {
        CliRun run = CliRun.of(CliRun.args(
                GENERATE,
                "--features",
                "metadata,federated-query",
                "--lambda",
                "arn:aws:lambda:eu-west-1:123456789012:function:ddb",
                "--spill",
                "s3://spill-123456789012/ddb/"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("not the connection's");
    }

    // ---- files: directories, size caps, encodings -------------------------------------------------------------

    @Test
    void simulate_batchIsADirectory_isRefusedNamingIt() {
        assertRefused(
                CliRun.of("simulate", "--batch", dir.toString()),
                "--batch file \"" + dir + "\" is a directory; expected a file");
    }

    @Test
    void config_isADirectory_isRefusedNamingIt() {
        assertRefused(
                CliRun.of("generate", "--config", dir.toString()),
                "--config file \"" + dir + "\" is a directory; expected a file");
    }

    @Test
    void config_overTheSizeCap_isRefusedBeforeParsing() throws IOException {
        Path config = write("big.yaml", "database: " + "a".repeat(InputFiles.CONFIG_LIMIT) + "\n");

        assertRefused(
                CliRun.of("generate", "--config", config.toString()),
                "is larger than 2,097,152 bytes; --config files are read whole");
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "simulate"})
    void policy_overTheSizeCap_isRefusedBeforeParsing(String command) throws IOException {
        Path policy = write("big.json", " ".repeat(InputFiles.POLICY_LIMIT) + "{}");

        CliRun run = command.equals("check")
                ? CliRun.of("check", "--policy", policy.toString())
                : CliRun.of("simulate", "--policy", policy.toString(), "--action", "s3:GetObject", "--resource", "*");

        assertRefused(run, "--policy file \"" + policy + "\" is larger than 1,048,576 bytes");
    }

    @Test
    void check_notUtf8_isAFindingAtTheByteLikeMalformedJson() throws IOException {
        Path policy = dir.resolve("latin1.json");
        Files.write(
                policy,
                ("{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Sid\":\"caf\u00e9\",\"Effect\":\"Allow\"}]}")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Path malformed = write("malformed.json", "{\"Version\": ");

        CliRun run = CliRun.of("check", "--policy", policy.toString(), "--policy", malformed.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("  error INVALID_POLICY  " + policy + ":2:25 /  Not UTF-8 text: byte 0xE9 at line 2,"
                        + " column 25 is not part of a UTF-8 character\n")
                .contains("  error INVALID_POLICY  " + malformed + ":1:13 /  Invalid JSON: ");
    }

    @Test
    void simulate_notUtf8Policy_isRefusedLikeMalformedJson() throws IOException {
        Path policy = dir.resolve("latin1.json");
        Files.write(policy, "{\"Sid\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertRefused(
                CliRun.of("simulate", "--policy", policy.toString(), "--action", "s3:GetObject", "--resource", "*"),
                "--policy file \"" + policy + "\" is not UTF-8 text: byte 0xE9 at line 1, column 12");
    }

    // ---- simulate --batch: line numbers, encodings, long lines -------------------------------------------------

    @Test
    void batch_badLines_carryTheirLineNumberAndTheRestIsEvaluated() throws IOException {
        Path batch = dir.resolve("batch.jsonl");
        byte[] notUtf8 = {'{', '"', 'i', 'd', '"', ':', (byte) 0xff, '}', '\n'};
        String request = "{\"id\":%d,\"action\":\"s3:GetObject\",\"resource\":\"*\"}\n";
        try (var out = Files.newOutputStream(batch)) {
            out.write(request.formatted(1).getBytes(StandardCharsets.UTF_8));
            out.write(notUtf8);
            out.write("\n".getBytes(StandardCharsets.UTF_8)); // a blank line 3 is skipped
            out.write(("{\"id\":4,\"action\":\"s3:Get" + "t".repeat(InputFiles.POLICY_LIMIT) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write("{\"action\":\"nope\",\"resource\":\"*\"}\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(request.formatted(6).getBytes(StandardCharsets.UTF_8));
        }

        CliRun run = CliRun.of("simulate", "--batch", batch.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        List<String> lines = run.out().lines().toList();
        assertThat(lines)
                .containsExactly(
                        "{\"id\":1,\"decision\":\"implicitDeny\"}",
                        "{\"line\":2,\"error\":\"line 2 is not UTF-8 text: byte 0xFF at column 7 is not part of a"
                                + " UTF-8 character\"}",
                        "{\"line\":4,\"error\":\"line 4 is longer than 1,048,576 bytes; no request is that large\"}",
                        lines.get(3),
                        "{\"id\":6,\"decision\":\"implicitDeny\"}");
        assertThat(lines.get(3)).startsWith("{\"line\":5,\"error\":\"Invalid action \\\"nope\\\"");
    }

    // ---- text injection ---------------------------------------------------------------------------------------

    @Test
    void check_valuesWithNewlinesAndEscapes_neverStartALineOrReachTheTerminal() throws IOException {
        Path sid = write("sid.json", INJECTING_SID);
        Path policy = write("inject.json", INJECTING_POLICY);

        CliRun run = CliRun.of(CliRun.args(
                new String[] {"check", "--policy", sid.toString(), "--policy", policy.toString()},
                "--connector",
                "openmetadata",
                "--region",
                "eu-west-1",
                "--account",
                "123456789012",
                "--workgroup",
                "primary",
                "--database",
                "sales",
                "--results",
                "s3://athena-results-123456789012/om/",
                "--features",
                "metadata"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\r");
        // Every line is one the report itself starts: a header, an indented entry, or the verdict, once.
        assertThat(run.out().lines())
                .allMatch(line -> line.startsWith("  ")
                        || line.startsWith("Coverage")
                        || line.startsWith("Findings")
                        || line.startsWith("Over-grant")
                        || line.startsWith("FAIL: "));
        assertThat(run.out().lines().filter(line -> line.contains("PASS") && !line.startsWith("  ")))
                .isEmpty();
        assertThat(run.out())
                .contains("(Sid x\\u000A::error::forged\\u001B[2J\\u000APASS: 19 of 19): s3:GetObject on")
                .contains("Invalid action \"s3:Get\\u000D\\u000APASS\"");
    }

    @Test
    void check_valuesWithNewlines_stayValidJsonAndSarif() throws IOException {
        Path sid = write("sid.json", INJECTING_SID);
        Path policy = write("inject.json", INJECTING_POLICY);

        for (String format : List.of("json", "sarif")) {
            CliRun run =
                    CliRun.of("check", "--policy", sid.toString(), "--policy", policy.toString(), "--format", format);
            JsonNode root = JSON.readTree(run.out());
            assertThat(root.isObject()).isTrue();
            assertThat(run.out().lines()).noneMatch(line -> line.startsWith("::"));
        }
    }

    @Test
    void errorMessages_withNewlinesInTheValue_areOneLine() {
        CliRun run = CliRun.of(CliRun.with(GENERATE, "--database", "sales\n::error::forged"));

        assertRefused(run, "database \"sales\\u000A::error::forged\" is not valid");
    }

    @Test
    void usageErrors_withNewlinesInTheArgument_areOneLinePlusTheHint() {
        CliRun run = CliRun.of("generate", "--no-such-flag\n::error::forged");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).noneMatch(line -> line.startsWith("::"));
        assertThat(run.err()).contains("\\u000A::error::forged");
    }
}

package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.leastpriv.core.json.SimulationBatch;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace('\'', '"'));
        return file;
    }

    private Path readOnlyPolicy() throws IOException {
        return write(
                "identity.json",
                "{'Version':'2012-10-17','Statement':[{'Sid':'Read','Effect':'Allow',"
                        + "'Action':'s3:GetObject','Resource':'arn:aws:s3:::results/*',"
                        + "'Condition':{'Bool':{'aws:SecureTransport':'true'}}}]}");
    }

    @Test
    void simulate_allowedRequest_printsDecisionAndMatchedStatementAndExitsZero() throws IOException {
        var run = CliRun.of(
                "simulate",
                "--policy",
                readOnlyPolicy().toString(),
                "--action",
                "s3:GetObject",
                "--resource",
                "arn:aws:s3:::results/a.csv",
                "--context",
                "aws:SecureTransport=true");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "decision: allowed\nreason: allowed\nmatched: Allow in identity policy 0, statement 0 (Sid Read)\n");
    }

    @Test
    void simulate_missingContextKey_isDeniedAndNamesTheKey() throws IOException {
        var run = CliRun.of(
                "simulate",
                "--policy",
                readOnlyPolicy().toString(),
                "--action",
                "s3:GetObject",
                "--resource",
                "arn:aws:s3:::results/a.csv");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .isEqualTo("decision: implicitDeny\nreason: no identity-based policy allows the action\n"
                        + "missing context keys: aws:SecureTransport\n");
    }

    @Test
    void simulate_scpDeny_isExplicitDeny() throws IOException {
        Path scp = write(
                "scp.json", "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'s3:*','Resource':'*'}]}");

        var run = CliRun.of(
                "simulate",
                "--policy",
                readOnlyPolicy().toString(),
                "--scp",
                scp.toString(),
                "--action",
                "s3:GetObject",
                "--resource",
                "arn:aws:s3:::results/a.csv",
                "--context",
                "aws:SecureTransport=true");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("decision: explicitDeny\nreason: explicit deny in a service control policy");
    }

    @Test
    void simulate_badPolicyFile_exitsTwoWithPointer() throws IOException {
        Path bad = write(
                "bad.json",
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3-GetObject','Resource':'*'}]}");

        var run = CliRun.of("simulate", "--policy", bad.toString(), "--action", "s3:GetObject", "--resource", "*");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo(
                        "leastpriv simulate: error: --policy file \"" + bad + "\": Invalid action \"s3-GetObject\":"
                                + " expected \"<service>:<action>\", e.g. \"athena:GetQueryExecution\" at /Statement/0/Action\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Effect\":\"Allow\",\"Action\":\"glue:GetTables\"} | /Statement/0",
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"glue:GetTables\",\"Resource\":\"*\"}"
                        + " | /Statement/0/Principal"
            })
    void simulate_identityPolicyIamRefuses_exitsTwoNamingTheStatement(String statement, String pointer)
            throws IOException {
        Path policy = dir.resolve("refused.json");
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");

        var run = CliRun.of(
                "simulate",
                "--policy",
                policy.toString(),
                "--action",
                "glue:GetTables",
                "--resource",
                "arn:aws:glue:eu-west-1:123456789012:catalog");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv simulate: error: --policy file \"" + policy + "\": ")
                .contains(pointer)
                .contains("IAM refuses the policy");
    }

    @ParameterizedTest
    @CsvSource({"'not an action', arn:aws:glue:eu-west-1:123456789012:catalog", "glue:GetTables, 'not an arn'"})
    void simulate_badActionOrResource_exitsTwoNotInternalError(String action, String resource) throws IOException {
        Path policy = dir.resolve("p.json");
        Files.writeString(
                policy,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}");

        var run = CliRun.of("simulate", "--policy", policy.toString(), "--action", action, "--resource", resource);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leastpriv simulate: error: ").doesNotContain("internal error", "\tat ");
    }

    @Test
    void simulate_badContextOrMissingAction_exitsTwo() throws IOException {
        assertThat(CliRun.of(
                                "simulate",
                                "--policy",
                                readOnlyPolicy().toString(),
                                "--action",
                                "s3:GetObject",
                                "--resource",
                                "*",
                                "--context",
                                "novalue")
                        .err())
                .isEqualTo("leastpriv simulate: error: --context \"novalue\" is not valid: expected KEY=VALUE\n");
        assertThat(CliRun.of("simulate", "--policy", readOnlyPolicy().toString())
                        .exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("simulate", "--action", "s3:Get*", "--resource", "*")
                        .err())
                .contains("must be one action");
    }

    @Test
    void simulateBatch_linesInOrder_withErrorLinesAndContinuing() throws IOException {
        String allow = "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'glue:Get*','Resource':'*'}}";
        Path batch = write(
                "requests.jsonl",
                String.join(
                                "\n",
                                "{'id':1,'action':'glue:GetTables','resource':'arn:aws:glue:eu-west-1:123456789012:catalog','identityPolicies':["
                                        + allow + "]}",
                                "",
                                "{'id':'x','action':'glue:DeleteTable','resource':'*','identityPolicies':[" + allow
                                        + "]}",
                                "{not json",
                                "{'id':3,'action':'glue:GetTable','resource':'nope'}",
                                "{'id':4,'action':'glue:GetTable','resource':'*','identityPolicies':[" + allow + "]}")
                        + "\n");

        var run = CliRun.of("simulate", "--batch", batch.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines().toList())
                .hasSize(5)
                .startsWith("{\"id\":1,\"decision\":\"allowed\"}", "{\"id\":\"x\",\"decision\":\"implicitDeny\"}")
                .endsWith("{\"id\":4,\"decision\":\"allowed\"}");
        assertThat(run.out().lines().toList().get(2)).startsWith("{\"line\":4,\"error\":\"Invalid JSON: ");
        assertThat(run.out().lines().toList().get(3))
                .isEqualTo("{\"id\":3,\"line\":5,\"error\":\"Invalid ARN \\\"nope\\\": expected 6 colon-separated parts"
                        + " \\\"arn:<partition>:<service>:<region>:<account>:<resource>\\\" at /resource\"}");
    }

    @Test
    void simulateBatch_allLinesValid_exitsZero() throws IOException {
        Path batch = write("ok.jsonl", "{'id':1,'action':'kms:Decrypt','resource':'*'}\n");

        var run = CliRun.of("simulate", "--batch", batch.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\"id\":1,\"decision\":\"implicitDeny\"}\n");
    }

    @Test
    void simulateBatch_missingFileOrCombinedFlags_exitsTwo() {
        assertThat(CliRun.of("simulate", "--batch", dir.resolve("none.jsonl").toString())
                        .err())
                .isEqualTo("leastpriv simulate: error: --batch file \"" + dir.resolve("none.jsonl")
                        + "\" does not exist\n");
        assertThat(CliRun.of("simulate", "--batch", "x", "--action", "s3:GetObject")
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void simulateBatch_manyChunksOnSeveralThreads_answersInInputOrderAsEachLineAlone() throws IOException {
        Random random = new Random(20261202L);
        String[] actions = {"glue:GetTable", "glue:DeleteTable", "s3:GetObject", "s3:Get-Object"};
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        int lines = 5_000; // about 20 chunks of 256 lines
        for (int n = 1; n <= lines; n++) {
            if (random.nextInt(50) == 0) {
                input.writeBytes(new byte[] {'{', (byte) 0xFF, '}', '\n'});
                expected.add("{\"line\":" + n + ",\"error\":\"line " + n
                        + " is not UTF-8 text: byte 0xFF at column 2 is not part of a UTF-8 character\"}");
                continue;
            }
            if (random.nextInt(50) == 0) {
                input.writeBytes("  \n".getBytes(StandardCharsets.UTF_8)); // blank: no answer
                continue;
            }
            // Some lines carry a large policy (slow chunks), most a small one, so chunks finish out of order.
            int statements = random.nextInt(20) == 0 ? 400 : 1 + random.nextInt(3);
            StringBuilder policy = new StringBuilder("{'Version':'2012-10-17','Statement':[");
            for (int s = 0; s < statements; s++) {
                policy.append(s == 0 ? "" : ",")
                        .append("{'Effect':'Allow','Action':'glue:Get*','Resource':'arn:aws:glue:*:*:table/db")
                        .append(s)
                        .append("/*'}");
            }
            String line = ("{'id':" + n + ",'action':'" + actions[random.nextInt(actions.length)]
                            + "','resource':'arn:aws:glue:eu-west-1:123456789012:table/db" + random.nextInt(4)
                            + "/t','identityPolicies':[" + policy + "]}]}")
                    .replace('\'', '"');
            input.writeBytes((line + (random.nextBoolean() ? "\n" : "\r\n")).getBytes(StandardCharsets.UTF_8));
            expected.add(SimulationBatch.alone(line, n).json()); // as the command answered before
        }
        Path batch = dir.resolve("many.jsonl");
        Files.write(batch, input.toByteArray());

        var run = CliRun.of("simulate", "--batch", batch.toString());

        assertThat(run.out().lines().toList()).containsExactlyElementsOf(expected);
        assertThat(run.exitCode()).isEqualTo(2); // some lines were errors
        assertThat(expected).anyMatch(line -> line.contains("\"allowed\""));
    }

    @Test
    void simulateBatch_fromAPipe_answersEachLineBeforeTheNextArrives() throws Exception {
        PipedOutputStream requests = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(requests, 1 << 16);
        PipedWriter answersOut = new PipedWriter();
        BufferedReader answers = new BufferedReader(new PipedReader(answersOut, 1 << 16));
        InputStream savedIn = System.in;
        System.setIn(stdin);
        try {
            ExecutorService cli = Executors.newSingleThreadExecutor();
            Future<Integer> exit = cli.submit(() -> Main.execute(
                    new PrintWriter(answersOut), new PrintWriter(new StringWriter()), "simulate", "--batch", "-"));
            // A program that sends a request and waits for its answer: no answer would mean a hang, so a timeout.
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                for (int id = 1; id <= 3; id++) {
                    requests.write(("{\"id\":" + id + ",\"action\":\"kms:Decrypt\",\"resource\":\"*\"}\n")
                            .getBytes(StandardCharsets.UTF_8));
                    requests.flush();
                    assertThat(answers.readLine()).isEqualTo("{\"id\":" + id + ",\"decision\":\"implicitDeny\"}");
                }
                requests.close();
                assertThat(exit.get()).isZero();
                assertThat(answers.ready()).isFalse(); // nothing more than the three answers
            });
            cli.shutdownNow();
        } finally {
            System.setIn(savedIn);
        }
    }
}

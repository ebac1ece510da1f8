package dev.leastpriv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not API: the training run {@code bin/leastpriv} starts once per jar with {@code -XX:ArchiveClassesAtExit} to
 * write its AppCDS archive. It runs every offline command on made-up input, so the archive holds the classes of
 * {@code generate}, {@code trust-policy}, {@code check}, {@code simulate} and {@code explain} whichever command the user runs first.
 * It writes only to a temporary directory it deletes, reads no user file and makes no network call; the launcher
 * discards its output.
 *
 * <p>It leaves out the AWS SDK of {@code preflight}: building the clients here tripled the archive (12 → 45 MB) and
 * the one-off training (about 2 → 5 s of CPU on the project machine) to save about 0.3 s of CPU in a command that
 * waits on IAM for longer than that.
 */
final class CdsTraining {

    /** Connection flags of a connection with every feature (as samples/config/openmetadata.yaml). */
    private static final List<String> CONNECTION = List.of(("--region eu-west-1 --account 123456789012"
                    + " --workgroup metadata --catalog AwsDataCatalog --database sales --database marketing"
                    + " --results s3://athena-results-123456789012/openmetadata/"
                    + " --data s3://company-data-lake/warehouse/"
                    + " --features metadata,usage,lineage,profiler,sample-data,tags,federated-query --lake-formation"
                    + " --lambda athena-dynamodb-connector"
                    + " --kms-key arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .split(" "));

    private static final String CONFIG = """
            connector: omni
            region: us-east-1
            account: "123456789012"
            database: [analytics]
            results: s3://athena-query-results-123456789012/omni/
            data: [s3://analytics-data/]
            trusted-account: "210987654321"
            external-id: omni-7f3a9c2e-connection-42
            """;

    private static final String DOCS_POLICY = """
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["athena:*", "glue:GetTables", "s3:GetObject"],
                        "Resource": ["arn:aws:athena:eu-west-1:123456789012:workgroup/*", "*"]
                    }
                ]
            }
            """;

    private static final String BATCH = """
            {"id":1,"action":"s3:GetObject","resource":"arn:aws:s3:::b/k","identityPolicies":[{"Version":"2012-10-17",\
            "Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":\
            {"aws:SourceIp":"203.0.113.0/24"}}}]}],"context":{"aws:SourceIp":"203.0.113.7"}}
            {"id":2,"action":"not an action"}
            """;

    /** The message issue 14 opens with: a missing identity grant, explained with the statement to add. */
    private static final String EXPLAIN_MESSAGE = "An error occurred (AccessDeniedException) when calling the GetTables"
            + " operation: User: arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion is not authorized to"
            + " perform: glue:GetTables on resource: arn:aws:glue:eu-west-1:123456789012:catalog because no"
            + " identity-based policy allows the glue:GetTables action";

    /** A log with an SCP deny and S3's bare 403: the other kinds of answer. */
    private static final String EXPLAIN_LOG = """
            ERROR User: arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion is not authorized to perform:             athena:StartQueryExecution on resource: arn:aws:athena:eu-west-1:123456789012:workgroup/metadata with an             explicit deny in a service control policy
            ERROR An error occurred (AccessDenied) when calling the GetObject operation: Access Denied
            """;

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("leastpriv-cds-training");
        try {
            List<Integer> unused = train(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Runs the training commands with their files in {@code dir}; {@return each command's exit code, in order} (a
     * test pins them, so a renamed flag cannot quietly shrink the archive to the classes of a usage error).
     */
    static List<Integer> train(Path dir) throws IOException {
        Path policy = dir.resolve("policy.json");
        Path config = Files.writeString(dir.resolve("omni.yaml"), CONFIG, StandardCharsets.UTF_8);
        Path docs = Files.writeString(dir.resolve("docs.json"), DOCS_POLICY, StandardCharsets.UTF_8);
        Path batch = Files.writeString(dir.resolve("batch.jsonl"), BATCH, StandardCharsets.UTF_8);
        Path log = Files.writeString(dir.resolve("ingestion.log"), EXPLAIN_LOG, StandardCharsets.UTF_8);
        List<Integer> codes = new ArrayList<>();
        codes.add(run(args(CONNECTION, "generate", "--explain", "--out", policy.toString())));
        codes.add(run("generate", "--config", config.toString(), "--compact"));
        codes.add(run("generate", "--connector", "openmetadata", "--placeholders"));
        codes.add(run("trust-policy", "--config", config.toString()));
        for (String format : List.of("text", "json", "sarif")) {
            codes.add(run(args(CONNECTION, "check", "--policy", docs.toString(), "--format", format)));
        }
        codes.add(run(args(CONNECTION, "check", "--policy", policy.toString())));
        codes.add(run("check", "--policy", docs.toString(), "--config", config.toString()));
        codes.add(run(
                "simulate",
                "--policy",
                policy.toString(),
                "--action",
                "glue:GetTables",
                "--resource",
                "arn:aws:glue:eu-west-1:123456789012:catalog"));
        codes.add(run("simulate", "--batch", batch.toString()));
        codes.add(run(args(CONNECTION, "explain", EXPLAIN_MESSAGE)));
        codes.add(run(args(CONNECTION, "explain", "--format", "json", "--file", log.toString())));
        codes.add(run("generate", "--region", "eu-west-1", "--database", "*"));
        codes.add(run("check", "--help"));
        codes.add(run("--version"));
        return codes;
    }

    private static int run(String... args) {
        try {
            return Main.execute(discard(), discard(), args);
        } catch (RuntimeException e) {
            // A failed step only makes the archive smaller; the launcher never depends on the training.
            return -1;
        }
    }

    private static PrintWriter discard() {
        return new PrintWriter(Writer.nullWriter());
    }

    private static String[] args(List<String> connection, String... more) {
        return Stream.concat(Stream.of(more), connection.stream()).toArray(String[]::new);
    }
}

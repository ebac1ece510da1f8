package dev.leastpriv.policies.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccessDeniedParserTest {

    /** One corpus entry: where the message was published, what must be read, and the message. */
    record Entry(String source, List<String> expect, String message) {
        @Override
        public String toString() {
            return source;
        }
    }

    static String corpusText() {
        try (InputStream in = AccessDeniedParserTest.class.getResourceAsStream("/explain/access-denied-corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> corpus() {
        List<Entry> entries = new ArrayList<>();
        String source = null;
        List<String> expect = null;
        StringBuilder message = new StringBuilder();
        for (String line : corpusText().split("\n", -1)) {
            if (line.startsWith("# source: ")) {
                source = line.substring("# source: ".length());
            } else if (line.startsWith("# expect: ")) {
                expect = List.of(line.substring("# expect: ".length()).split(" \\| ", -1));
            } else if (line.equals("%%")) {
                entries.add(new Entry(source, expect, message.toString()));
                source = null;
                expect = null;
                message.setLength(0);
            } else if (!line.startsWith("#") && source != null) {
                message.append(line).append('\n');
            }
        }
        return entries;
    }

    static Stream<Entry> entries() {
        return corpus().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void parse_corpusEntry_readsActionResourceCausePrincipalPolicyCodeOperation(Entry entry) {
        assertThat(entry.expect()).as("expect line of %s", entry.source()).hasSize(7);

        ImmutableList<AccessDenied> denials = AccessDeniedParser.parse(entry.message());

        assertThat(denials).as(entry.source()).hasSize(1);
        AccessDenied d = denials.get(0);
        assertThat(field(d.action() == null ? null : d.action().toString()))
                .isEqualTo(entry.expect().get(0));
        assertThat(field(d.resource())).isEqualTo(entry.expect().get(1));
        assertThat(d.cause().id()).isEqualTo(entry.expect().get(2));
        assertThat(field(d.principal())).isEqualTo(entry.expect().get(3));
        assertThat(field(d.policyArn())).isEqualTo(entry.expect().get(4));
        assertThat(field(d.errorCode())).isEqualTo(entry.expect().get(5));
        assertThat(field(d.operation())).isEqualTo(entry.expect().get(6));
        assertThat(d.text()).doesNotContain("\n").isNotEmpty();
        assertThat(entry.message().replaceAll("\\s+", " ")).contains(d.text());
    }

    private static String field(String value) {
        return value == null ? "-" : value;
    }

    @Test
    void corpus_coversEveryCause() {
        List<String> causes = new ArrayList<>();
        for (Entry entry : corpus()) {
            causes.add(entry.expect().get(2));
        }
        for (DenialCause cause : DenialCause.values()) {
            if (cause == DenialCause.SCP || cause == DenialCause.RCP || cause == DenialCause.RCP_DENY) {
                continue; // no published message found: covered by the synthetic test below
            }
            assertThat(causes).as("a real message with cause %s", cause.id()).contains(cause.id());
        }
    }

    @Test
    void parse_causesWithoutPublishedExample_followAwsTemplate() {
        // AWS's template: "because no <type> policy allows the <action> action", "with an explicit deny in a <type>"
        // (IAM User Guide, troubleshoot_access-denied); these three types are in the template's list
        String principal = "User: arn:aws:iam::123456789012:role/r is not authorized to perform: s3:GetObject";
        assertThat(AccessDeniedParser.parse(
                                principal + " because no service control policy allows the s3:GetObject" + " action")
                        .get(0)
                        .cause())
                .isEqualTo(DenialCause.SCP);
        assertThat(AccessDeniedParser.parse(principal + " with an explicit deny in a resource control policy")
                        .get(0)
                        .cause())
                .isEqualTo(DenialCause.RCP_DENY);
        assertThat(AccessDeniedParser.parse(
                                principal + " because no resource control policy allows the s3:GetObject" + " action")
                        .get(0)
                        .cause())
                .isEqualTo(DenialCause.RCP);
    }

    @Test
    void parse_wholeCorpusAsOneLog_returnsEachEntryOnceInOrder() {
        List<Entry> corpus = corpus();

        ImmutableList<AccessDenied> denials = AccessDeniedParser.parse(corpusText());

        assertThat(denials).hasSize(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            assertThat(denials.get(i).cause().id())
                    .as(corpus.get(i).source())
                    .isEqualTo(corpus.get(i).expect().get(2));
        }
    }

    @Test
    void parse_repeatedDenials_reportsEachDistinctOnce() {
        String getTables = "2026-12-02 ERROR An error occurred (AccessDeniedException) when calling the GetTables"
                + " operation: User: arn:aws:sts::123456789012:assumed-role/om/s is not authorized to perform:"
                + " glue:GetTables on resource: arn:aws:glue:eu-west-1:123456789012:catalog because no identity-based"
                + " policy allows the glue:GetTables action\n";
        String start = "User: arn:aws:sts::123456789012:assumed-role/om/s is not authorized to perform:"
                + " athena:StartQueryExecution on resource: arn:aws:athena:eu-west-1:123456789012:workgroup/primary"
                + " because no identity-based policy allows the athena:StartQueryExecution action\n";
        String log = getTables + "INFO retrying\n" + getTables + start + getTables.replace("om/s", "om/t") + start;

        ImmutableList<AccessDenied> denials = AccessDeniedParser.parse(log);

        assertThat(denials)
                .extracting(d -> d.action() + " " + d.principal())
                .containsExactly(
                        "glue:GetTables arn:aws:sts::123456789012:assumed-role/om/s",
                        "athena:StartQueryExecution arn:aws:sts::123456789012:assumed-role/om/s",
                        "glue:GetTables arn:aws:sts::123456789012:assumed-role/om/t");
    }

    @Test
    void parse_sameActionOtherCause_isAnotherDenial() {
        String implicit = "User: arn:aws:iam::123456789012:role/r is not authorized to perform: glue:GetTables on"
                + " resource: arn:aws:glue:eu-west-1:123456789012:catalog because no identity-based policy allows the"
                + " glue:GetTables action\n";
        String scp = implicit.replace(
                "because no identity-based policy allows the glue:GetTables action",
                "with an explicit deny in a service control policy");

        assertThat(AccessDeniedParser.parse(implicit + scp + implicit))
                .extracting(AccessDenied::cause)
                .containsExactly(DenialCause.NO_IDENTITY_POLICY, DenialCause.SCP_DENY);
    }

    @Test
    void parse_textWithoutAccessDenied_findsNothing() {
        assertThat(AccessDeniedParser.parse("")).isEmpty();
        assertThat(AccessDeniedParser.parse("INFO all good\nWARN the user is not authorized to perform this operation"
                        + "\nAccess Denied by the reception desk\nForbidden fruit"))
                .isEmpty();
    }

    @Test
    void role_ofSessionArn_isTheRoleAtPathSlash() {
        AccessDenied denial =
                AccessDeniedParser.parse(corpus().get(0).message()).get(0);

        assertThat(denial.role()).hasValue("arn:aws:iam::123456789012:role/openmetadata");
        assertThat(denial.roleFromSession()).isTrue();
        assertThat(denial.principalAccount()).hasValue("123456789012");
    }

    @Test
    void role_ofUserOrRedactedPrincipal_isAbsent() {
        assertThat(AccessDeniedParser.parse(corpus().get(1).message()).get(0).role())
                .isEmpty();
        AccessDenied redacted = AccessDeniedParser.parse(
                        "User: arn:aws:sts::XXXXX:assumed-role/r/s is not authorized to perform: glue:GetTables")
                .get(0);
        assertThat(redacted.role()).hasValue("arn:aws:iam::XXXXX:role/r");
        assertThat(redacted.principalAccount()).isEmpty();
    }

    @Test
    void parse_hugeLine_keepsTextWithinLimit() {
        String message = "User: arn:aws:iam::123456789012:role/r is not authorized to perform: glue:GetTables on"
                + " resource: arn:aws:glue:eu-west-1:123456789012:" + "x".repeat(1 << 20)
                + " because no identity-based policy allows the glue:GetTables action";

        ImmutableList<AccessDenied> denials = AccessDeniedParser.parse(message);

        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).resource()).hasSize(AccessDenied.ARN_LIMIT);
        assertThat(denials.get(0).text().length()).isLessThanOrEqualTo(AccessDenied.TEXT_LIMIT);
    }

    @Test
    void parse_manyDistinctDenials_keepsAtMostTheLimit() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < AccessDeniedParser.MAX_DENIALS + 50; i++) {
            log.append("User: arn:aws:iam::123456789012:role/r")
                    .append(i)
                    .append(" is not authorized to perform: glue:GetTables\n");
        }

        assertThat(AccessDeniedParser.parse(log)).hasSize(AccessDeniedParser.MAX_DENIALS);
        // one more than a report shows tells that there were more; the first ones are the same
        assertThat(AccessDeniedParser.parse(log, AccessDeniedParser.MAX_DENIALS + 1))
                .hasSize(AccessDeniedParser.MAX_DENIALS + 1)
                .startsWith(AccessDeniedParser.parse(log).toArray(AccessDenied[]::new));
        assertThat(AccessDeniedParser.parse(log, 3))
                .extracting(AccessDenied::principal)
                .containsExactly(
                        "arn:aws:iam::123456789012:role/r0",
                        "arn:aws:iam::123456789012:role/r1",
                        "arn:aws:iam::123456789012:role/r2");
    }

    /** Fragments of real messages, recombined at random with noise: the parser must never throw. */
    private static final String[] FRAGMENTS = {
        "User: ",
        "arn:aws:sts::123456789012:assumed-role/r/s",
        " is not authorized to perform: ",
        "not authorized",
        "authorized to perform:",
        "glue:GetTables",
        "s3:",
        ":",
        " on resource: ",
        "\"arn:aws:s3:::b/k\"",
        " on the resource",
        " because no ",
        "identity-based policy",
        " allows the ",
        " action",
        " with an explicit deny in a ",
        "service control policy",
        ": arn:aws:organizations::1:policy/p",
        "An error occurred (",
        "AccessDenied",
        ") when calling the ",
        "GetObject",
        " operation: ",
        "Access Denied",
        " (Service: Amazon S3;",
        "(403)",
        "Forbidden",
        "Insufficient Lake Formation permission",
        "(s) on ",
        "Insufficient permissions to execute the query",
        "\n",
        "\t",
        "   ",
        "\u202e",
        "\u0000",
        "\ud800",
        "é",
        "MetadataException",
        "Error Code: ",
        "'",
        "\"",
        ")",
        "("
    };

    @Test
    void parse_randomRecombinations_neverThrow() {
        Random random = new Random(20261202L);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(40);
            for (int i = 0; i < parts; i++) {
                if (random.nextInt(5) == 0) {
                    text.append((char) random.nextInt(0x3000));
                } else {
                    text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
            }
            String input = text.toString();
            assertThatCode(() -> AccessDeniedParser.parse(input)).as(input).doesNotThrowAnyException();
        }
    }

    @Test
    void parse_tenMegabytesOfHostileText_finishes() {
        // A hang guard, not a performance assertion: a quadratic scan of these inputs would run for hours.
        String[] hostile = {
            "authorized to perform: ".repeat(450_000),
            "User: not authorized to perform: a:b on resource: ".repeat(200_000),
            "Access Denied ".repeat(700_000),
            "(403) when calling the ".repeat(400_000),
            " ".repeat(10_000_000) + "is not authorized to perform: glue:GetTables",
            "x".repeat(10_000_000),
            "User: " + "a".repeat(5_000_000) + " is not authorized to perform: glue:GetTables on resource: "
                    + "b".repeat(5_000_000)
        };
        for (String input : hostile) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AccessDeniedParser.parse(input));
        }
    }
}

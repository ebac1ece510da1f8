package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No accepted input ever produces a wildcard the user did not ask for (iam-reference.md §6): hostile values go into
 * one field of an otherwise valid connection; a rejection must be a readable {@code IllegalArgumentException}, and
 * an accepted value must render a policy whose every Resource is {@code *} in {@code UnscopedActions} or an ARN whose
 * only {@code *} are the intended ones.
 *
 * <p>Plain JUnit with a fixed-seed {@link Random}, so a failure reproduces exactly; the seed is {@link #SEED}.
 */
class HostileInputTest {

    private static final long SEED = 0x1EA5_7B21_7E5FL;
    private static final int RANDOM_INPUTS_PER_FIELD = 6_000;
    private static final String ACCOUNT = "123456789012";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + KEY_ID;
    private static final String LAMBDA_ARN = "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:athena-connector";
    private static final String UNSCOPED_SID = "UnscopedActions";
    /** One ARN name segment with no wildcard and no '/'. */
    private static final Pattern NAME = Pattern.compile("[^*?/]+");

    /** The hostile alphabet: wildcards, variables, quotes, separators, controls, non-Latin-1, letters, digits. */
    private static final String ALPHABET =
            "*?${}\"\\/:.-_= \u0000\t\uFFFF\u00E9" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final ImmutableList<String> NASTY = ImmutableList.of(
            "*",
            "**",
            "*/*",
            "${aws:username}",
            "${*}",
            "${?}",
            "${$}",
            "$",
            "${",
            "a*",
            "*a",
            "sales*",
            "sales/*",
            "sales/",
            "a?b",
            "?",
            "..",
            ".",
            "/",
            "//",
            "\"",
            "\\",
            "\\\"",
            "\"},{\"Effect\":\"Allow\",\"Resource\":\"*",
            ":",
            "a:b",
            ":*",
            "a b",
            " ",
            "",
            "\u0000",
            "\t",
            "\n",
            "\r\n",
            "\u0085",
            "\u007F",
            "\uFFFF",
            "\u00E9",
            "\u212A",
            "\uD83D\uDE00",
            "null",
            "NULL",
            "arn:aws:s3:::*",
            "arn:*",
            "key/*",
            "function:*",
            "alias/*",
            "$LATEST",
            "s3://*",
            "s3://athena-results/*",
            "%2A",
            "&#42;");

    /** A field of the connection, its valid seeds, and how a value is given to the builder. */
    enum Field {
        WORKGROUP(
                "workgroup",
                ImmutableList.of("analytics", "primary", "Team.Analytics-2024_v1"),
                Connection.Builder::workgroup),
        CATALOG(
                "catalog",
                ImmutableList.of("awsdatacatalog", "AwsDataCatalog", "dynamo_catalog", "team@catalog-1"),
                Connection.Builder::addCatalog),
        DATABASE("database", ImmutableList.of("sales", "Sales_2024", "sales-eu", "*"), Connection.Builder::addDatabase),
        RESULTS(
                "results",
                ImmutableList.of(
                        "s3://athena-results/leastpriv/",
                        "s3://athena-results",
                        "s3://my.results-bucket/a/dt=2024-01-01/"),
                Connection.Builder::results),
        DATA(
                "data",
                ImmutableList.of("s3://data-lake/sales/", "s3://data-lake", "s3://data-lake/sales/dt=2024-01-01"),
                Connection.Builder::addData),
        LAMBDA(
                "lambda",
                ImmutableList.of(
                        "athena-connector",
                        LAMBDA_ARN,
                        LAMBDA_ARN + ":PROD",
                        LAMBDA_ARN + ":$LATEST",
                        LAMBDA_ARN + ":1"),
                Connection.Builder::addLambda),
        KMS_KEY(
                "kms-key",
                ImmutableList.of(KEY_ID, "mrk-1234abcd12ab34cd56ef1234567890ab", KEY_ARN),
                Connection.Builder::addKmsKey);

        private final String id;
        private final ImmutableList<String> seeds;
        private final BiFunction<Connection.Builder, String, Connection.Builder> setter;

        Field(
                String id,
                ImmutableList<String> seeds,
                BiFunction<Connection.Builder, String, Connection.Builder> setter) {
            this.id = id;
            this.seeds = seeds;
            this.setter = setter;
        }
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void render_hostileInput_neverAddsAnUnintendedWildcard(Field field) {
        List<String> inputs = inputs(field);
        int accepted = 0;
        int rejected = 0;

        for (String input : inputs) {
            PolicyRequest request;
            try {
                Connection connection = field.setter.apply(base(field), input).build();
                request = PolicyRequest.of(connection, Profile.GENERIC, Profile.GENERIC.features());
            } catch (IllegalArgumentException e) {
                assertReadableRejection(field, input, e);
                rejected++;
                continue;
            }
            RenderedPolicy rendered = PolicyRenderer.render(request);
            String what = field.id + " " + InputRules.quote(input);
            assertOnlyIntendedWildcards(rendered.policy(), field == Field.DATABASE && input.equals("*"), what);
            assertThat(allResources(rendered.policy())).as(what).contains(expectedResource(field, input));
            accepted++;
        }

        assertThat(inputs).hasSizeGreaterThanOrEqualTo(5_000);
        assertThat(accepted).as("%s inputs accepted", field.id).isPositive();
        assertThat(rejected).as("%s inputs rejected", field.id).isPositive();
        assertThat(accepted + rejected).isEqualTo(inputs.size());
    }

    @ParameterizedTest
    @EnumSource(value = Field.class, names = "DATABASE", mode = EnumSource.Mode.EXCLUDE)
    void build_bareStar_isRejectedForEveryFieldButDatabase(Field field) {
        var builder = base(field);

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> field.setter.apply(builder, "*").build())
                .withMessageContaining(field.id)
                .withMessageContaining("\"*\"");
    }

    @Test
    void render_databaseStar_grantsEveryDatabaseOnly() {
        var connection = base(Field.DATABASE).allDatabases().build();

        var rendered = PolicyRenderer.render(PolicyRequest.of(connection, Profile.GENERIC, Profile.GENERIC.features()));

        assertThat(allResources(rendered.policy()))
                .contains(
                        "arn:aws:glue:eu-west-1:123456789012:database/*",
                        "arn:aws:glue:eu-west-1:123456789012:table/*/*");
        assertOnlyIntendedWildcards(rendered.policy(), true, "database \"*\"");
    }

    // --- the oracle must catch what it is there to catch ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:glue:eu-west-1:123456789012:database/*",
                "arn:aws:glue:eu-west-1:123456789012:database/sa*",
                "arn:aws:glue:eu-west-1:123456789012:table/*/*",
                "arn:aws:glue:eu-west-1:123456789012:table/sales/orders*",
                "arn:aws:glue:eu-west-1:123456789012:table/sa/les/*",
                "arn:aws:glue:eu-west-1:123456789012:*",
                "arn:aws:athena:eu-west-1:123456789012:workgroup/*",
                "arn:aws:athena:eu-west-1:123456789012:datacatalog/a?",
                "arn:aws:s3:::*",
                "arn:aws:s3:::athena-*",
                "arn:aws:s3:::athena-results/*/x/*",
                "arn:aws:s3:::athena-results/x*/",
                "arn:aws:s3:::athena-results/${aws:username}/*",
                "arn:aws:lambda:eu-west-1:123456789012:function:*",
                "arn:aws:lambda:eu-west-1:123456789012:function:f*",
                "arn:aws:lambda:eu-west-1:123456789012:function:f:*:*",
                "arn:aws:lambda:eu-west-1:123456789012:function:f:a*",
                "arn:aws:kms:eu-west-1:123456789012:key/*",
                "arn:aws:kms:eu-west-1:123456789012:alias/athena",
                "arn:aws:iam::123456789012:role/x"
            })
    void assertOnlyIntendedWildcards_widenedResource_fails(String resource) {
        var policy = Policy.of(Statement.allow()
                .sid("GlueTables")
                .addAction("glue:GetTable")
                .addResource(resource)
                .build());

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertOnlyIntendedWildcards(policy, false, "oracle"));
    }

    @Test
    void assertOnlyIntendedWildcards_starOutsideUnscopedActions_fails() {
        var policy = Policy.of(Statement.allow()
                .sid("AthenaWorkgroup")
                .addAction("athena:StartQueryExecution")
                .addResource(Resource.ALL)
                .build());

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertOnlyIntendedWildcards(policy, false, "oracle"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:glue:eu-west-1:123456789012:catalog",
                "arn:aws:glue:eu-west-1:123456789012:database/sales",
                "arn:aws:glue:eu-west-1:123456789012:table/sales/*",
                "arn:aws:s3:::athena-results",
                "arn:aws:s3:::athena-results/*",
                "arn:aws:s3:::athena-results/leastpriv/dt=2024-01-01/*",
                "arn:aws:lambda:eu-west-1:123456789012:function:f",
                "arn:aws:lambda:eu-west-1:123456789012:function:f:*",
                "arn:aws:lambda:eu-west-1:123456789012:function:f:$LATEST",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:athena:eu-west-1:123456789012:workgroup/primary"
            })
    void assertOnlyIntendedWildcards_intendedResource_passes(String resource) {
        var policy = Policy.of(Statement.allow()
                .sid("GlueTables")
                .addAction("glue:GetTable")
                .addResource(resource)
                .build());

        assertOnlyIntendedWildcards(policy, false, "oracle");

        assertThat(allResources(policy)).containsExactly(resource);
    }

    // --- inputs ---

    /** The corpus, the corpus spliced into every seed, then seeded random strings, mutations and splices. */
    private static List<String> inputs(Field field) {
        Set<String> inputs = new LinkedHashSet<>(NASTY);
        for (String seed : field.seeds) {
            inputs.add(seed);
            int middle = seed.length() / 2;
            for (String nasty : NASTY) {
                inputs.add(seed + nasty);
                inputs.add(nasty + seed);
                inputs.add(seed.substring(0, middle) + nasty + seed.substring(middle));
                inputs.add(seed + ":" + nasty);
                inputs.add(seed + "/" + nasty);
            }
        }
        Random random = new Random(SEED + field.ordinal());
        List<String> generated = new ArrayList<>(inputs);
        for (int i = 0; i < RANDOM_INPUTS_PER_FIELD; i++) {
            String seed = field.seeds.get(random.nextInt(field.seeds.size()));
            generated.add(
                    switch (i % 3) {
                        case 0 -> randomString(random, random.nextInt(25));
                        case 1 -> mutate(random, seed);
                        default -> splice(random, seed);
                    });
        }
        return generated;
    }

    private static String randomString(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(randomChar(random));
        }
        return out.toString();
    }

    private static char randomChar(Random random) {
        return ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }

    /** One to three single-character replacements, insertions or deletions. */
    private static String mutate(Random random, String seed) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, randomChar(random));
                case 1 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, randomChar(random));
                    }
                }
                default -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Replaces a random slice of the seed with a short random string. */
    private static String splice(Random random, String seed) {
        int from = random.nextInt(seed.length() + 1);
        int to = from + random.nextInt(seed.length() - from + 1);
        return seed.substring(0, from) + randomString(random, random.nextInt(6)) + seed.substring(to);
    }

    /** A valid connection with every field set except {@code field}, which the test supplies. */
    private static Connection.Builder base(Field field) {
        var builder = Connection.builder()
                .region("eu-west-1")
                .account(ACCOUNT)
                .lakeFormation(true)
                .bothCatalogCases(true);
        if (field != Field.WORKGROUP) {
            builder.workgroup("analytics");
        }
        if (field != Field.CATALOG) {
            builder.addCatalog("dynamo_catalog");
        }
        if (field != Field.DATABASE) {
            builder.addDatabase("sales");
        }
        if (field != Field.RESULTS) {
            builder.results("s3://athena-results/leastpriv/");
        }
        if (field != Field.DATA) {
            builder.addData("s3://data-lake/sales/");
        }
        if (field != Field.LAMBDA) {
            builder.addLambda(LAMBDA_ARN);
        }
        if (field != Field.KMS_KEY) {
            builder.addKmsKey(KEY_ARN);
        }
        return builder;
    }

    // --- checks ---

    private static void assertReadableRejection(Field field, String input, IllegalArgumentException e) {
        String message = e.getMessage();
        String what = field.id + " " + InputRules.quote(input);
        assertThat(message).as(what).isNotBlank().contains(field.id);
        if (!input.toLowerCase(Locale.ROOT).contains("null")) {
            assertThat(message).as(what).doesNotContain("null");
        }
        assertThat(isPolicyText(message))
                .as("%s: control or non-Latin-1 character in message %s", what, message)
                .isTrue();
    }

    /**
     * Fails unless every Resource, after a JSON round trip, is {@code *} in {@code UnscopedActions} or an ARN whose
     * resource part has only the intended {@code *}: {@code table/<db>/*}, a trailing {@code *} after an S3 folder,
     * the {@code :*} of a Lambda function, and {@code database/*} / {@code table/*}{@code /*} when every database was
     * asked for. No {@code ?}, no {@code ${}, nothing outside printable Latin-1.
     */
    private static void assertOnlyIntendedWildcards(Policy policy, boolean allDatabases, String what) {
        String json = policy.toJson();
        Policy reparsed = Policy.fromJson(json);
        assertThat(reparsed).as(what).isEqualTo(policy);
        assertThat(json).as(what).doesNotContain("?", "${");
        for (Statement statement : reparsed.statements()) {
            for (Resource resource : statement.resources()) {
                String pattern = resource.pattern();
                String where = what + " → " + statement.sid() + " " + pattern;
                assertThat(pattern).as(where).doesNotContain("?", "${");
                assertThat(isPolicyText(pattern)).as(where).isTrue();
                if (pattern.equals("*")) {
                    assertThat(statement.sid()).as(where).isEqualTo(UNSCOPED_SID);
                    continue;
                }
                assertThat(statement.sid()).as(where).isNotEqualTo(UNSCOPED_SID);
                Arn arn = Arn.parse(pattern);
                assertThat(arn.resource()).as(where).matches(allowed(arn.service(), allDatabases));
            }
        }
    }

    private static Pattern allowed(String service, boolean allDatabases) {
        String name = NAME.pattern();
        String star = "\\*";
        return Pattern.compile(
                switch (service) {
                    case "athena" -> "(workgroup|datacatalog)/" + name;
                    case "glue" ->
                        allDatabases
                                ? "catalog|database/" + star + "|table/" + star + "/" + star
                                : "catalog|database/" + name + "|table/" + name + "/" + star;
                    case "s3" -> name + "|" + name + "/([^*?]*/)?" + star;
                    case "lambda" -> "function:[^*?:/]+(:([^*?:/]+|" + star + "))?";
                    case "kms" -> "key/" + name;
                    default -> "(?!)";
                });
    }

    /** The resource the field's value must appear in, literally (database folded to lowercase). */
    private static String expectedResource(Field field, String input) {
        String regional = ":eu-west-1:" + ACCOUNT + ":";
        return switch (field) {
            case WORKGROUP -> "arn:aws:athena" + regional + "workgroup/" + input;
            case CATALOG -> "arn:aws:athena" + regional + "datacatalog/" + input;
            case DATABASE -> "arn:aws:glue" + regional + "database/" + input.toLowerCase(Locale.ROOT);
            case RESULTS, DATA -> "arn:aws:s3:::" + folder(input.substring("s3://".length())) + "*";
            case LAMBDA -> input.startsWith("arn:") ? input : "arn:aws:lambda" + regional + "function:" + input;
            case KMS_KEY -> input.startsWith("arn:") ? input : "arn:aws:kms" + regional + "key/" + input;
        };
    }

    private static String folder(String bucketAndPrefix) {
        return bucketAndPrefix.endsWith("/") ? bucketAndPrefix : bucketAndPrefix + "/";
    }

    private static List<String> allResources(Policy policy) {
        List<String> resources = new ArrayList<>();
        policy.statements().forEach(s -> s.resources().forEach(r -> resources.add(r.pattern())));
        return resources;
    }

    /** Printable Latin-1: U+0020..U+007E and U+00A0..U+00FF, as IAM accepts in a policy. */
    private static boolean isPolicyText(String text) {
        return text.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff));
    }
}

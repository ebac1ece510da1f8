package dev.leastpriv.cli;

import static dev.leastpriv.cli.CliRun.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leastpriv.assertj.LeastPrivAssertions;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.policies.PolicySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} over the managed-policy limit: a policy set on stdout, in a directory, in templates. */
class GeneratePolicySetTest {

    private static final String[] DATABASES_150 = with(
            GenerateCommandTest.METADATA_SALES,
            "--database",
            IntStream.rangeClosed(1, 150)
                    .mapToObj(i -> String.format("db%03d", i))
                    .collect(Collectors.joining(",")));

    private static List<Policy> array(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.isArray()).as("a JSON array").isTrue();
        List<Policy> policies = new ArrayList<>();
        root.forEach(node -> policies.add(Policy.fromJson(node.toString())));
        return policies;
    }

    @Test
    void generate_150Databases_printsAnArrayOfPoliciesEachWithinTheLimit() throws Exception {
        CliRun run = CliRun.of(DATABASES_150);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Policy> policies = array(run.out());
        assertThat(policies)
                .hasSizeBetween(3, 4)
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(6144));
        assertThat(run.out()).contains("database/db001", "table/db150/*");
        // Together, the policies grant GetTables on every level Glue checks, and fit the limit one by one.
        LeastPrivAssertions.assertThat(new PolicySet(com.google.common.collect.ImmutableList.copyOf(policies)))
                .fitsManagedPolicyLimit()
                .allows("glue:GetTables")
                .on(
                        "arn:aws:glue:eu-west-1:123456789012:catalog",
                        "arn:aws:glue:eu-west-1:123456789012:database/db001",
                        "arn:aws:glue:eu-west-1:123456789012:table/db150/*");
        assertThat(run.err())
                .matches("leastpriv: policy size 25,052 characters exceeds 6,144 \\(managed policy limit, whitespace"
                        + " not counted\\): split into " + policies.size() + " managed policies of [0-9, ]+"
                        + " characters \\(at least 3 needed\\)\n");
    }

    @Test
    void generate_outDirectory_writesTheSetAndAManifestThatCheckReads(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of(CliRun.args(DATABASES_150, "--out", dir.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<Path> files = PolicySetFiles.read(dir, "--policy");
        assertThat(files).hasSize(array(CliRun.of(DATABASES_150).out()).size());
        String[] check = CliRun.args(
                new String[] {"check", "--policy", dir.toString()},
                java.util.Arrays.copyOfRange(DATABASES_150, 1, DATABASES_150.length));
        CliRun checked = CliRun.of(check);
        assertThat(checked.exitCode()).as(checked.out()).isZero();
        assertThat(checked.out()).contains("Over-grant: none");
    }

    @Test
    void generate_splitSetToAFile_isBadUsageAndWritesNothing(@TempDir Path dir) {
        Path file = dir.resolve("policy.json");

        CliRun run = CliRun.of(CliRun.args(DATABASES_150, "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the policy is split into ").contains("--out must name an existing directory");
        assertThat(file).doesNotExist();
    }

    @Test
    void generate_maxSize_splitsASmallPolicyAndEveryPartFits() throws Exception {
        CliRun run = CliRun.of(with(GenerateCommandTest.METADATA_SALES, "--max-size", "600"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(array(run.out()))
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(600));
    }

    @Test
    void generate_moreThanMaxPolicies_isBadInputNamingTheNumbers() {
        CliRun run = CliRun.of(CliRun.args(DATABASES_150, "--max-policies", "2"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("more than --max-policies 2").contains("at least 3");
    }

    @Test
    void generate_maxSizeAboveTheManagedLimit_isBadInput() {
        CliRun run = CliRun.of(with(GenerateCommandTest.METADATA_SALES, "--max-size", "7000"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("max-size \"7000\" is not valid: expected 200 to 6144 characters");
    }

    @Test
    void generate_terraformOfASplitSet_declaresEveryPolicyWithTheSameDocuments() throws Exception {
        List<Policy> policies = array(CliRun.of(DATABASES_150).out());

        CliRun run = CliRun.of(CliRun.args(DATABASES_150, "--format", "terraform"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode declared =
                new ObjectMapper().readTree(run.out()).path("resource").path("aws_iam_policy");
        assertThat(declared.size()).isEqualTo(policies.size());
        List<Policy> documents = new ArrayList<>();
        declared.forEach(
                resource -> documents.add(Policy.fromJson(resource.get("policy").asText())));
        assertThat(documents).isEqualTo(policies);
    }

    @Test
    void generate_outDirectoryAgainWithOneMoreDatabase_rewritesOnlyThePoliciesThatReceiveIt(@TempDir Path dir)
            throws Exception {
        CliRun first = CliRun.of(CliRun.args(DATABASES_150, "--out", dir.toString()));
        List<String> before = new ArrayList<>();
        for (Path file : PolicySetFiles.read(dir, "--policy")) {
            before.add(Files.readString(file));
        }
        String[] grown = CliRun.args(DATABASES_150, "--database", "db075a");

        CliRun second = CliRun.of(CliRun.args(grown, "--out", dir.toString()));

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        List<String> after = new ArrayList<>();
        for (Path file : PolicySetFiles.read(dir, "--policy")) {
            after.add(Files.readString(file));
        }
        long changed = IntStream.range(0, Math.max(before.size(), after.size()))
                .filter(i -> i >= before.size()
                        || i >= after.size()
                        || !before.get(i).equals(after.get(i)))
                .count();
        assertThat(changed).isBetween(1L, 2L);
        assertThat(String.join("", after)).contains("table/db075a/*");
        String[] check = CliRun.args(
                new String[] {"check", "--policy", dir.toString()},
                java.util.Arrays.copyOfRange(grown, 1, grown.length));
        assertThat(CliRun.of(check).exitCode()).isZero();
    }

    /** {@return every file of {@code dir} by name, with its content} */
    private static java.util.Map<String, String> contents(Path dir) throws Exception {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.isRegularFile(file) ? Files.readString(file) : "<dir>");
            }
        }
        return files;
    }

    @Test
    void generate_outDirectoryWithPolicyFilesButNoManifest_isBadUsageAndChangesNothing(@TempDir Path dir)
            throws Exception {
        // Somebody else's policies, in the names generate would use: not ours to replace or delete.
        Files.writeString(dir.resolve("policy-1.json"), "{\"mine\": 1}\n");
        Files.writeString(dir.resolve("policy-7.json"), "{\"mine\": 7}\n");
        var before = contents(dir);

        CliRun run = CliRun.of(CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", dir.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --out \"" + dir + "\" holds policy-1.json, policy-7.json but"
                        + " no manifest.json, so leastpriv did not write them; name an empty directory, or move"
                        + " them away\n");
        assertThat(contents(dir)).isEqualTo(before);
    }

    @Test
    void generate_outDirectoryAgainWithASmallerSet_deletesOnlyTheFilesItsManifestListed(@TempDir Path dir)
            throws Exception {
        CliRun first = CliRun.of(CliRun.args(DATABASES_150, "--out", dir.toString()));
        int written = PolicySetFiles.read(dir, "--policy").size();
        // A file the manifest does not list, in a name a larger set would have used.
        Path foreign = dir.resolve("policy-9.json");
        Files.writeString(foreign, "{\"mine\": 9}\n");

        CliRun second = CliRun.of(CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", dir.toString()));

        assertThat(first.exitCode()).isZero();
        assertThat(written).isGreaterThan(1);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(PolicySetFiles.read(dir, "--policy")).containsExactly(dir.resolve("policy-1.json"));
        assertThat(contents(dir).keySet()).containsExactly("manifest.json", "policy-1.json", "policy-9.json");
        assertThat(Files.readString(foreign)).isEqualTo("{\"mine\": 9}\n");
    }

    @Test
    void generate_outDirectoryWhereTheSetWouldReplaceAnUnlistedFile_isBadUsageAndChangesNothing(@TempDir Path dir)
            throws Exception {
        CliRun first = CliRun.of(CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", dir.toString()));
        Files.writeString(dir.resolve("policy-2.json"), "{\"mine\": 2}\n");
        var before = contents(dir);

        CliRun second = CliRun.of(CliRun.args(DATABASES_150, "--out", dir.toString()));

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err())
                .isEqualTo("leastpriv generate: error: --out \"" + dir + "\" holds policy-2.json, which its"
                        + " manifest.json does not list, so leastpriv did not write it; move it away\n");
        assertThat(contents(dir)).isEqualTo(before);
    }

    @Test
    void generate_outDirectoryWhoseManifestListsAPathOutside_isBadUsageAndDeletesNothing(@TempDir Path root)
            throws Exception {
        Path dir = Files.createDirectory(root.resolve("set"));
        Path outside = Files.writeString(root.resolve("policy-5.json"), "{\"outside\": 5}\n");
        Files.writeString(dir.resolve("policy-1.json"), "{}");
        Files.writeString(
                dir.resolve("manifest.json"),
                "{\"maxSize\": 6144, \"policies\": [{\"file\": \"policy-1.json\"}, {\"file\": \"../policy-5.json\"}]}");
        var before = contents(dir);

        CliRun run = CliRun.of(CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", dir.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("manifest.json lists file \"../policy-5.json\"; expected names like");
        assertThat(contents(dir)).isEqualTo(before);
        assertThat(Files.readString(outside)).isEqualTo("{\"outside\": 5}\n");
    }

    @Test
    void generate_outEmpty_isBadUsageAndWritesNothing() {
        CliRun run = CliRun.of(CliRun.args(GenerateCommandTest.METADATA_SALES, "--out", ""));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --out \"\" names no file; expected a file or directory"
                        + " (use --out . for the current directory)\n");
        assertThat(Path.of("manifest.json")).doesNotExist();
        assertThat(Path.of("policy-1.json")).doesNotExist();
    }

    @Test
    void generate_moreDatabasesThanTwentyPoliciesHold_isBadUsageSayingHowManyFit() {
        String databases = IntStream.range(0, 3000)
                .mapToObj(i -> String.format("db%04d", i))
                .collect(Collectors.joining(","));
        CliRun run = CliRun.of(
                with(with(GenerateCommandTest.METADATA_SALES, "--database", databases), "--max-policies", "20"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("more than --max-policies 20")
                .containsPattern("the first [1-9][0-9]{3} of 3000 databases \\(in name order\\) fit")
                .contains("name fewer");
    }

    @Test
    void generate_thousandDatabases_fitsTwentyPolicies() throws Exception {
        String databases = IntStream.range(0, 1000)
                .mapToObj(i -> String.format("db%04d", i))
                .collect(Collectors.joining(","));
        CliRun run = CliRun.of(
                with(with(GenerateCommandTest.METADATA_SALES, "--database", databases), "--max-policies", "20"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(array(run.out())).hasSizeLessThanOrEqualTo(20);
    }
}

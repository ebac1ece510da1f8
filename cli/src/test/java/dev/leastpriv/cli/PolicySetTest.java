package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy set on disk, as {@code generate --out DIR} writes it and {@code check --policy DIR} reads it. */
class PolicySetTest {

    private static final String DATABASES =
            IntStream.range(0, 1000).mapToObj(i -> String.format("db%04d", i)).collect(Collectors.joining(","));
    private static final String[] CONNECTION = {
        "--region", "eu-west-1",
        "--account", "123456789012",
        "--workgroup", "metadata",
        "--database", DATABASES,
        "--results", "s3://athena-results-123456789012/openmetadata/"
    };

    private static PolicySet packed() {
        // Rendered through the library: the 1,000-database policy is over the 131,072-character document cap that
        // Policy.fromJson enforces, which is why it must be packed at all.
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/");
        for (String database : DATABASES.split(",")) {
            connection.addDatabase(database);
        }
        Policy policy = PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()))
                .policy();
        return PolicyPacking.pack(policy, PolicyLimit.MANAGED.characters(), PolicyPacking.DEFAULT_MAX_POLICIES * 10);
    }

    @Test
    void write_manifest_hasTheLayoutOfThePoliciesBesideIt(@TempDir Path dir) throws Exception {
        PolicySet set = packed();
        PolicySetFiles.write(dir, set, PolicyLimit.MANAGED.characters(), false);

        String manifest = Files.readString(dir.resolve(PolicySetFiles.MANIFEST));
        String policy = Files.readString(dir.resolve("policy-1.json"));

        // AWS's documentation layout everywhere: 4 spaces and "Key": value, as Policy.toJson() writes.
        assertThat(manifest).startsWith("{\n    \"maxSize\": 6144,\n    \"policies\": [\n        {\n");
        assertThat(policy).startsWith("{\n    \"Version\": \"2012-10-17\",\n");
        assertThat(manifest).endsWith("}\n").doesNotContain("\" : ");
    }

    @Test
    void checkDirectory_ofAPackedThousandDatabaseSet_fullCoverageNoOverGrant(@TempDir Path dir) {
        PolicySet set = packed();
        PolicySetFiles.write(dir, set, PolicyLimit.MANAGED.characters(), false);

        CliRun run = CliRun.of(CliRun.args(new String[] {"check", "--policy", dir.toString()}, CONNECTION));

        assertThat(set.policies()).hasSizeGreaterThan(10);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Over-grant: none").containsPattern("PASS: (\\d+) of \\1 requirements");
    }

    @Test
    void checkDirectory_withOnePolicyMissing_failsTheRequirementsItHeld(@TempDir Path dir) throws Exception {
        PolicySetFiles.write(dir, packed(), PolicyLimit.MANAGED.characters(), false);
        Files.writeString(dir.resolve("policy-2.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");

        CliRun run = CliRun.of(CliRun.args(new String[] {"check", "--policy", dir.toString()}, CONNECTION));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("MISSING");
    }

    @Test
    void write_filesFitTheLimitAndTheManifestListsThem_staleFilesRemoved(@TempDir Path dir) throws Exception {
        PolicySet set = packed();
        // an earlier, larger set: its last file is ours (its manifest lists it), so it goes
        PolicySet larger = new PolicySet(com.google.common.collect.ImmutableList.<Policy>builder()
                .addAll(set.policies())
                .add(set.policies().get(0))
                .build());
        PolicySetFiles.write(dir, larger, PolicyLimit.MANAGED.characters(), true);
        Path stale = dir.resolve(PolicySet.fileName(set.policies().size()));
        assertThat(stale).exists();

        PolicySetFiles.write(dir, set, PolicyLimit.MANAGED.characters(), true);

        assertThat(PolicySetFiles.read(dir, "--policy"))
                .hasSize(set.policies().size())
                .allSatisfy(file -> {
                    Policy policy = Policy.fromJson(Files.readString(file));
                    assertThat(PolicySize.of(policy).characters()).isLessThanOrEqualTo(6144);
                });
        assertThat(stale).doesNotExist();
        assertThat(Policy.fromJson(Files.readString(dir.resolve("policy-1.json"))))
                .isEqualTo(set.policies().get(0));
    }

    @Test
    void checkDirectory_manifestPointingOutside_isBadInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"policies\":[{\"file\":\"../etc/passwd\"}]}");

        CliRun run = CliRun.of(CliRun.args(new String[] {"check", "--policy", dir.toString()}, CONNECTION));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("manifest.json lists file \"../etc/passwd\"; expected names like");
    }
}

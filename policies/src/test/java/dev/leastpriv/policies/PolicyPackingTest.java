package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Packing a connector's policy into managed policies: within the limit, never wider, near the lower bound. */
class PolicyPackingTest {

    private static final int LIMIT = PolicyLimit.MANAGED.characters();

    static RenderedPolicy render(int databases) {
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/")
                .addData("s3://company-data-lake/warehouse/");
        IntStream.range(0, databases).forEach(i -> connection.addDatabase(String.format("database_%04d", i)));
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()));
    }

    @Test
    void pack_policyThatFits_isTheSamePolicyAlone() {
        Policy policy = render(1).policy();

        PolicySet set = PolicyPacking.pack(policy, LIMIT, 10);

        assertThat(set.policies()).containsExactly(policy);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 5000})
    void pack_largeConnection_everyPolicyFitsAndTheCountIsNearTheLowerBound(int databases) {
        RenderedPolicy rendered = render(databases);

        PolicySet set = PolicyPacking.pack(rendered.policy(), LIMIT, 1000);

        assertThat(set.policies())
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(LIMIT));
        Policy compacted = PolicyPacking.compact(rendered.policy());
        int lowerBound = PolicyPacking.lowerBound(PolicySize.of(compacted).characters(), LIMIT);
        // Each split repeats a statement's actions: with thousands of databases that alone is a few policies, so
        // the aim is the bound that counts it (with the smallest statement's part; the split ones are larger).
        int splitLowerBound = PolicyPacking.splitLowerBound(compacted, LIMIT);
        assertThat(splitLowerBound).isGreaterThanOrEqualTo(lowerBound);
        assertThat(set.policies().size()).isBetween(splitLowerBound, splitLowerBound + 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void pack_grantsEveryRequirementTogether(int databases) {
        RenderedPolicy rendered = render(databases);

        PolicySet set = PolicyPacking.pack(rendered.policy(), LIMIT, 1000);

        Evaluator union = Evaluator.compile(Policies.identity(set.policies()));
        for (Requirement requirement : rendered.requirements().requirements()) {
            for (Resource resource : requirement.resources()) {
                assertThat(union.evaluate(Request.of(requirement.action().toString(), resource.pattern()))
                                .decision()
                                .isAllowed())
                        .as("%s on %s", requirement.action(), resource)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void pack_neverWidens_everyPackedPairIsAnOriginalPairOrNamesNoRequest(int databases) {
        Policy original = render(databases).policy();

        PolicySet set = PolicyPacking.pack(original, LIMIT, 1000);

        for (Policy part : set.policies()) {
            for (Statement packed : part.statements()) {
                for (Action action : packed.actions()) {
                    for (Resource resource : packed.resources()) {
                        assertThat(original.statements().stream()
                                                .anyMatch(s -> s.effect() == packed.effect()
                                                        && s.conditions().equals(packed.conditions())
                                                        && s.actions().contains(action)
                                                        && s.resources().contains(resource))
                                        || namesNoRequest(action, resource))
                                .as("%s on %s", action, resource)
                                .isTrue();
                    }
                }
            }
        }
    }

    /** A pair type-aware merging may add: no request of the action is authorized against such an ARN. */
    private static boolean namesNoRequest(Action action, Resource resource) {
        ActionCatalog catalog = ActionCatalog.standard();
        return !catalog.canMatch(catalog.action(action).orElseThrow(), resource);
    }

    @Test
    void pack_sameInput_sameSet() {
        Policy policy = render(1000).policy();

        assertThat(PolicyPacking.pack(policy, LIMIT, 100)).isEqualTo(PolicyPacking.pack(policy, LIMIT, 100));
    }

    @Test
    void pack_lowerMaxSize_makesMorePoliciesEachWithinIt() {
        Policy policy = render(100).policy();

        PolicySet set = PolicyPacking.pack(policy, 2048, 100);

        assertThat(set.policies())
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(2048));
        assertThat(set.policies().size())
                .isGreaterThan(PolicyPacking.pack(policy, LIMIT, 100).policies().size());
    }

    @Test
    void pack_moreThanMaxPolicies_failsNamingTheNumbers() {
        Policy policy = render(1000).policy();

        assertThatThrownBy(() -> PolicyPacking.pack(policy, LIMIT, 10))
                .isInstanceOf(PolicyPacking.PolicySetTooLargeException.class)
                .hasMessageContaining("more than the policy count limit 10")
                .hasMessageMatching("the policy needs (at least )?\\d+ managed policies of at most 6144 characters .*");
    }

    @Test
    void pack_maxSizeOutOfRange_isRejected() {
        Policy policy = render(1).policy();

        assertThatThrownBy(() -> PolicyPacking.pack(policy, 6145, 10))
                .hasMessage(
                        "policy size limit \"6145\" is not valid: expected 200 to 6144 characters (the managed policy"
                                + " limit)");
        assertThatThrownBy(() -> PolicyPacking.pack(policy, LIMIT, 0))
                .hasMessage("policy count limit \"0\" is not valid: expected at least 1");
    }

    @Test
    void compact_mergesSameResourcesThenSameActions_andNothingElse() {
        Policy policy = Policy.of(
                Statement.allow()
                        .sid("A")
                        .addAction("glue:GetTable")
                        .addResource("arn:aws:glue:eu-west-1:1:x")
                        .build(),
                Statement.allow()
                        .sid("B")
                        .addAction("glue:GetTables")
                        .addResource("arn:aws:glue:eu-west-1:1:x")
                        .build(),
                Statement.allow()
                        .sid("C")
                        .addAction("s3:GetObject")
                        .addResource("arn:aws:s3:::a/*")
                        .build(),
                Statement.allow()
                        .sid("D")
                        .addAction("s3:GetObject")
                        .addResource("arn:aws:s3:::b/*")
                        .build(),
                Statement.deny()
                        .sid("E")
                        .addAction("s3:GetObject")
                        .addResource("arn:aws:s3:::c/*")
                        .build());

        Policy compacted = PolicyPacking.compact(policy);

        assertThat(compacted.statements()).hasSize(3);
        assertThat(compacted.statements().get(0).sid()).isEqualTo("A");
        assertThat(compacted.statements().get(0).actions()).hasSize(2);
        assertThat(compacted.statements().get(1).resources()).hasSize(2);
        assertThat(compacted.statements().get(2).sid()).isEqualTo("E");
    }

    @Test
    void policySetJson_isAnArrayOfTheDocuments() throws Exception {
        PolicySet set = PolicyPacking.pack(render(100).policy(), LIMIT, 100);

        com.fasterxml.jackson.databind.JsonNode pretty =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(set.toJson());
        com.fasterxml.jackson.databind.JsonNode compact =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(set.toCompactJson());

        assertThat(pretty).isEqualTo(compact);
        assertThat(pretty.size()).isEqualTo(set.policies().size());
        for (int i = 0; i < set.policies().size(); i++) {
            assertThat(Policy.fromJson(pretty.get(i).toString()))
                    .isEqualTo(set.policies().get(i));
        }
        assertThat(set.toJson()).startsWith("[\n{\n    \"Version\"").endsWith("}\n]\n");
    }

    private static RenderedPolicy renderWith(int databases, String extra) {
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/")
                .addData("s3://company-data-lake/warehouse/");
        IntStream.range(0, databases).forEach(i -> connection.addDatabase(String.format("database_%04d", i)));
        if (extra != null) {
            connection.addDatabase(extra);
        }
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()));
    }

    private static long changed(PolicySet before, PolicySet after) {
        return IntStream.range(
                        0, Math.max(before.policies().size(), after.policies().size()))
                .filter(i -> i >= before.policies().size()
                        || i >= after.policies().size()
                        || !before.policies().get(i).equals(after.policies().get(i)))
                .count();
    }

    @Test
    void repack_oneMoreDatabase_changesOnlyThePoliciesThatReceiveIt() {
        PolicySet before = PolicyPacking.pack(renderWith(1000, null).policy(), LIMIT, 1000);
        RenderedPolicy grown = renderWith(1000, "database_0500a");

        PolicySet after = PolicyPacking.repack(before, grown.policy(), LIMIT, 1000);

        assertThat(changed(PolicyPacking.pack(grown.policy(), LIMIT, 1000), before))
                .isGreaterThan(10);
        assertThat(changed(before, after)).isBetween(1L, 3L);
        assertThat(after.policies())
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(LIMIT));
        Evaluator union = Evaluator.compile(Policies.identity(after.policies()));
        for (Requirement requirement : grown.requirements().requirements()) {
            for (Resource resource : requirement.resources()) {
                assertThat(union.evaluate(Request.of(requirement.action().toString(), resource.pattern()))
                                .decision()
                                .isAllowed())
                        .as("%s on %s", requirement.action(), resource)
                        .isTrue();
            }
        }
        for (Policy part : after.policies()) {
            for (Statement packed : part.statements()) {
                for (Action action : packed.actions()) {
                    for (Resource resource : packed.resources()) {
                        assertThat(grown.policy().statements().stream()
                                                .anyMatch(s -> s.actions().contains(action)
                                                        && s.resources().contains(resource))
                                        || namesNoRequest(action, resource))
                                .as("%s on %s", action, resource)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void repack_sameInput_keepsTheSet_andARemovedDatabaseLeavesOnlyItsPolicies() {
        PolicySet before = PolicyPacking.pack(renderWith(1000, null).policy(), LIMIT, 1000);

        assertThat(PolicyPacking.repack(before, renderWith(1000, null).policy(), LIMIT, 1000))
                .isEqualTo(before);
        PolicySet shrunk = PolicyPacking.repack(before, renderWith(999, null).policy(), LIMIT, 1000);
        assertThat(changed(before, shrunk)).isBetween(1L, 3L);
        assertThat(shrunk.toJson()).doesNotContain("database_0999");
    }

    // ---- Issue 13: type-aware merging, linear packing, refusal from the lower bound ----

    /** The connection: 1,000 databases named db0000 … (28 managed policies before type-aware merging). */
    static RenderedPolicy renderShort(int databases) {
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/");
        IntStream.range(0, databases).forEach(i -> connection.addDatabase(String.format("db%04d", i)));
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()));
    }

    @Test
    void pack_thousandDatabases_fitsTwentyPolicies_andIsTheSameEachTime() {
        PolicySet set = PolicyPacking.pack(renderShort(1000).policy(), LIMIT, PolicyPacking.MAX_POLICIES);

        assertThat(set.policies().size()).isLessThanOrEqualTo(PolicyPacking.MAX_POLICIES);
        assertThat(set.policies())
                .allSatisfy(p -> assertThat(PolicySize.of(p).characters()).isLessThanOrEqualTo(LIMIT));
        assertThat(PolicyPacking.pack(renderShort(1000).policy(), LIMIT, PolicyPacking.MAX_POLICIES))
                .isEqualTo(set);
    }

    @Test
    void compact_glueDatabasesAndTables_becomeOneStatementNamingEachDatabaseOnce() {
        Policy compacted = PolicyPacking.compact(renderShort(3).policy());

        List<Statement> glue = compacted.statements().stream()
                .filter(s ->
                        s.resources().contains(Resource.parse("arn:aws:glue:eu-west-1:123456789012:database/db0001")))
                .toList();
        assertThat(glue).hasSize(1);
        assertThat(glue.get(0).actions().stream().map(Action::toString))
                .contains("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables");
        assertThat(glue.get(0).resources().stream().map(Resource::pattern))
                .contains("arn:aws:glue:eu-west-1:123456789012:table/db0001/*");
    }

    @Test
    void compact_mergesByTypeOnlyWhereNoNewPairCanMatch() {
        Statement buckets = Statement.allow()
                .sid("Buckets")
                .addAction("s3:ListBucket")
                .addResource("arn:aws:s3:::a")
                .build();
        Statement objects = Statement.allow()
                .sid("Objects")
                .addAction("s3:GetObject")
                .addResource("arn:aws:s3:::a")
                .addResource("arn:aws:s3:::a/*")
                .build();
        // ListBucket on a/* can never match (a bucket ARN has no "/"); GetObject on "a" neither: merged.
        assertThat(PolicyPacking.compact(Policy.of(buckets, objects)).statements())
                .hasSize(1);
        // Objects' "*" would give ListBucket every bucket: not merged.
        Statement everything = objects.toBuilder().addResource("*").build();
        assertThat(PolicyPacking.compact(Policy.of(buckets, everything)).statements())
                .hasSize(2);
        // A wildcard action has no single definition: not merged.
        Statement wildcard =
                buckets.toBuilder().actions(List.of(Action.parse("s3:List*"))).build();
        assertThat(PolicyPacking.compact(Policy.of(wildcard, objects)).statements())
                .hasSize(2);
    }

    /**
     * Never wider: for every request that can occur (the catalog says the action is authorized against a resource
     * of that form), the packed set allows it exactly when the rendered policy does. Requests are the requirements'
     * pairs and denied probes: other databases and tables, other Glue and S3 actions.
     */
    @Test
    void pack_randomConnections_allowExactlyWhatTheRenderedPolicyAllows() {
        java.util.Random random = new java.util.Random(13);
        ActionCatalog catalog = ActionCatalog.standard();
        List<String> otherActions = List.of(
                "glue:GetDatabase",
                "glue:GetDatabases",
                "glue:GetTable",
                "glue:GetTables",
                "glue:GetPartitions",
                "glue:BatchGetPartition",
                "glue:GetPartition",
                "glue:DeleteTable",
                "glue:GetTableVersions",
                "glue:CreateTable",
                "glue:DeleteDatabase",
                "glue:GetUserDefinedFunction",
                "s3:GetObject",
                "s3:PutObject",
                "s3:ListBucket",
                "athena:GetQueryExecution");
        for (int round = 0; round < 30; round++) {
            Profile profile = Profile.values()[random.nextInt(Profile.values().length)];
            int databases = 1 + random.nextInt(120);
            Connection.Builder connection = Connection.builder()
                    .region("eu-west-1")
                    .account("123456789012")
                    .workgroup("wg" + random.nextInt(5))
                    .results("s3://results-" + random.nextInt(100) + "/p/")
                    .addData("s3://data-" + random.nextInt(100) + "/warehouse/");
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < databases; i++) {
                String name = "d" + Integer.toString(random.nextInt(1_000_000), 36);
                names.add(name);
                connection.addDatabase(name);
            }
            RenderedPolicy rendered = PolicyRenderer.render(PolicyRequest.of(connection.build(), profile, List.of()));
            int maxSize = 1000 + random.nextInt(5145);
            PolicySet set = PolicyPacking.pack(rendered.policy(), maxSize, 10_000);
            Evaluator before = Evaluator.compile(Policies.identity(rendered.policy()));
            Evaluator after = Evaluator.compile(Policies.identity(set.policies()));

            java.util.Set<String> resources = new java.util.TreeSet<>();
            java.util.Set<String> actions = new java.util.TreeSet<>(otherActions);
            for (Requirement requirement : rendered.requirements().requirements()) {
                actions.add(requirement.action().toString());
                requirement.resources().stream()
                        .filter(r -> !r.equals(Resource.ALL))
                        .forEach(r -> resources.add(r.pattern().replace("*", "t1")));
            }
            String glue = "arn:aws:glue:eu-west-1:123456789012:";
            for (String name : List.of(names.get(0), names.get(names.size() - 1), "other", names.get(0) + "x")) {
                resources.add(glue + "database/" + name);
                resources.add(glue + "table/" + name + "/orders");
                resources.add(glue + "userDefinedFunction/" + name + "/f");
            }
            resources.add(glue + "catalog");
            resources.add("arn:aws:s3:::elsewhere/key");
            int compared = 0;
            for (String action : actions) {
                ActionDefinition definition =
                        catalog.action(Action.parse(action)).orElseThrow();
                for (String resource : resources) {
                    if (!catalog.canMatch(definition, Resource.parse(resource))) {
                        continue; // no request of this action is authorized against such an ARN
                    }
                    compared++;
                    assertThat(after.evaluate(Request.of(action, resource))
                                    .decision()
                                    .isAllowed())
                            .as(
                                    "round %s (%s, %s databases, max size %s): %s on %s",
                                    round, profile, databases, maxSize, action, resource)
                            .isEqualTo(before.evaluate(Request.of(action, resource))
                                    .decision()
                                    .isAllowed());
                }
            }
            assertThat(compared).isGreaterThan(100);
        }
    }

    @Test
    void pack_work_growsLinearlyWithTheResources() {
        long[] visits = new long[2];
        int[] resources = new int[2];
        int[] databases = {1000, 5000};
        for (int i = 0; i < 2; i++) {
            Policy policy = render(databases[i]).policy();
            PolicyPacking.Work work = new PolicyPacking.Work();
            PolicyPacking.pack(policy, LIMIT, 10_000, work);
            visits[i] = work.visits();
            resources[i] = policy.statements().stream()
                    .mapToInt(s -> s.resources().size())
                    .sum();
            assertThat(work.packed()).isTrue();
            // Each resource is visited a bounded number of times, however many parts its statement is cut into.
            assertThat(visits[i]).isLessThanOrEqualTo(4L * resources[i]);
        }
        assertThat((double) visits[1] / visits[0]).isLessThan(1.2 * resources[1] / resources[0]);
    }

    @Test
    void pack_farOverTheLimit_isRefusedFromTheLowerBoundBeforePacking() {
        Policy policy = renderShort(20_000).policy();
        PolicyPacking.Work work = new PolicyPacking.Work();

        assertThatThrownBy(() -> PolicyPacking.pack(policy, LIMIT, PolicyPacking.MAX_POLICIES, work))
                .isInstanceOf(PolicyPacking.PolicySetTooLargeException.class)
                .hasMessageContaining("needs at least ")
                .hasMessageContaining("more than the policy count limit 20")
                .hasMessageContaining("characters of distinct ARNs alone");
        assertThat(work.compacted()).isFalse();
        assertThat(work.packed()).isFalse();
        assertThat(work.visits()).isZero();
    }

    @Test
    void packRendered_tooManyDatabases_saysHowManyFit() {
        RenderedPolicy rendered = renderShort(1500);

        assertThatThrownBy(() -> PolicyPacking.pack(rendered, LIMIT, PolicyPacking.MAX_POLICIES))
                .isInstanceOf(PolicyPacking.PolicySetTooLargeException.class)
                .hasMessageContaining("name fewer")
                .satisfies(e -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                                    "the first (\\d+) of 1500 databases \\(in name order\\) fit")
                            .matcher(e.getMessage());
                    assertThat(m.find()).as(e.getMessage()).isTrue();
                    int fit = Integer.parseInt(m.group(1));
                    assertThat(fit).isBetween(1000, 1499);
                    assertThat(PolicyPacking.pack(renderShort(fit).policy(), LIMIT, PolicyPacking.MAX_POLICIES)
                                    .policies())
                            .hasSizeLessThanOrEqualTo(PolicyPacking.MAX_POLICIES);
                    assertThatThrownBy(() -> PolicyPacking.pack(
                                    renderShort(fit + 1).policy(), LIMIT, PolicyPacking.MAX_POLICIES))
                            .isInstanceOf(PolicyPacking.PolicySetTooLargeException.class);
                });
    }
}

package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
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
    void pack_neverWidens_everyPackedPairIsAnOriginalPair(int databases) {
        Policy original = render(databases).policy();

        PolicySet set = PolicyPacking.pack(original, LIMIT, 1000);

        for (Policy part : set.policies()) {
            for (Statement packed : part.statements()) {
                for (Action action : packed.actions()) {
                    for (Resource resource : packed.resources()) {
                        assertThat(original.statements())
                                .as("%s on %s", action, resource)
                                .anyMatch(s -> s.effect() == packed.effect()
                                        && s.conditions().equals(packed.conditions())
                                        && s.actions().contains(action)
                                        && s.resources().contains(resource));
                    }
                }
            }
        }
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
                .hasMessageMatching("the policy needs \\d+ managed policies of at most 6144 characters .*");
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
                        assertThat(grown.policy().statements())
                                .as("%s on %s", action, resource)
                                .anyMatch(s -> s.actions().contains(action)
                                        && s.resources().contains(resource));
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
}

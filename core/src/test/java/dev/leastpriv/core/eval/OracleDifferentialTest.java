package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.json.SimulationJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * leastpriv's evaluator against an independent one, {@code @cloud-copilot/iam-simulate} (AGPL; installed at test
 * time into {@code .oracle/}, never committed): thousands of random requests with identity policies, boundaries,
 * SCP levels, resource policies and conditions of every operator family. Any disagreement fails the test unless
 * {@code oracle/known-differences.txt} lists its case id with a reason.
 */
class OracleDifferentialTest {

    static final long SEED = 20261122L;
    static final int CASES = 3_000;
    private static final Pattern SHORT_ARN = Pattern.compile("\"arn(:[^\":]*){2,4}\\*\"");

    private static Oracle oracle;

    @BeforeAll
    static void startOracle() {
        oracle = Oracle.start();
    }

    @AfterAll
    static void stopOracle() {
        oracle.close();
    }

    static List<DifferentialCases.ActionSpec> actions() {
        return ActionSpecs.fromCatalog();
    }

    @Test
    void evaluate_randomCases_agreeWithTheOracle() throws IOException {
        List<String> lines = new DifferentialCases(SEED, actions()).generate(CASES);
        List<String> expected = oracle.evaluate(lines);
        Map<String, String> known = knownDifferences();

        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        Map<String, Integer> decisions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String oracleDecision =
                    DifferentialCases.parse(expected.get(i)).path("decision").asText("");
            if (oracleDecision.isEmpty()) {
                continue; // the oracle rejected the case (e.g. an ARN it does not map to a resource type)
            }
            SimulationJson.Case request = SimulationJson.parse(line);
            String ours = Evaluator.compile(request.policies())
                    .evaluate(request.request())
                    .decision()
                    .jsonValue();
            compared++;
            decisions.merge(oracleDecision, 1, Integer::sum);
            String id = String.valueOf(i);
            if (!ours.equals(oracleDecision) && !known.containsKey(id)) {
                disagreements.add("case " + id + ": ours " + ours + ", oracle " + oracleDecision + "\n  " + line);
            }
        }

        assertThat(compared).as("cases the oracle evaluated").isGreaterThanOrEqualTo(2_000);
        // Short ARNs ending with "*" (arn:aws:glue:us-east-1:1234*), which IAM accepts: a string of 2 to 4 colons.
        assertThat(lines.stream().filter(l -> SHORT_ARN.matcher(l).find()).count())
                .as("cases with a short ARN pattern")
                .isGreaterThanOrEqualTo(200);
        assertThat(decisions.keySet()).as("decisions seen").contains("allowed", "implicitDeny", "explicitDeny");
        assertThat(disagreements)
                .as("disagreements not listed in oracle/known-differences.txt")
                .isEmpty();
    }

    /**
     * Policy variables the request cannot resolve (absent, array-valued, other tags) in Resource, NotResource and
     * condition values, in Allow and Deny statements, in separate policies and boundaries: both engines agree.
     */
    @Test
    void evaluate_unresolvedVariableCases_agreeWithTheOracle() throws IOException {
        List<String> lines;
        try (InputStream in = OracleDifferentialTest.class.getResourceAsStream("/oracle/unresolved-variables.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        List<String> expected = oracle.evaluate(lines);

        assertThat(lines).hasSizeGreaterThanOrEqualTo(13);
        for (int i = 0; i < lines.size(); i++) {
            SimulationJson.Case request = SimulationJson.parse(lines.get(i));
            String ours = Evaluator.compile(request.policies())
                    .evaluate(request.request())
                    .decision()
                    .jsonValue();
            assertThat(ours)
                    .as(lines.get(i))
                    .isEqualTo(DifferentialCases.parse(expected.get(i))
                            .path("decision")
                            .asText());
        }
    }

    /** {@code <case id> <reason>} per line; {@code #} starts a comment. */
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        try (InputStream in = OracleDifferentialTest.class.getResourceAsStream("/oracle/known-differences.txt")) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int space = trimmed.indexOf(' ');
                known.put(
                        space < 0 ? trimmed : trimmed.substring(0, space),
                        space < 0 ? "" : trimmed.substring(space + 1));
            }
        }
        return known;
    }
}

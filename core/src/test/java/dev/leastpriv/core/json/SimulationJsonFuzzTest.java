package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;

/**
 * One line of {@code leastpriv simulate --batch}, as the command handles it: {@link SimulationJson#parse} returns a
 * case or throws {@link PolicyFormatException}, a parsed case evaluates, the output line is a JSON object, and
 * {@link SimulationBatch} answers it alike.
 * Seeds: {@code SimulationJsonFuzzTestInputs/parseLine/}.
 */
class SimulationJsonFuzzTest {

    private static final ObjectMapper OUTPUT = new ObjectMapper();

    private static final SimulationBatch BATCH = new SimulationBatch();

    // The format's field names and the policy grammar's words, so that mutations build requests.
    @DictionaryEntries({
        "\"id\"",
        "\"principal\"",
        "\"action\"",
        "\"resource\"",
        "\"context\"",
        "\"identityPolicies\"",
        "\"permissionsBoundary\"",
        "\"serviceControlPolicies\"",
        "\"resourcePolicy\"",
        "\"resourceAccount\"",
        "\"Statement\"",
        "\"Effect\"",
        "\"Allow\"",
        "\"Deny\"",
        "\"Principal\"",
        "\"Action\"",
        "\"NotAction\"",
        "\"Resource\"",
        "\"NotResource\"",
        "\"Condition\"",
        "\"StringLike\"",
        "\"IpAddress\"",
        "\"DateLessThan\"",
        "\"NumericEquals\"",
        "\"Bool\"",
        "\"ArnLike\"",
        "\"ForAllValues:",
        "IfExists\"",
        "\"*\"",
        "arn:aws:iam::",
        "arn:aws:s3:::",
        ":123456789012:",
        "${aws:",
        "aws:SourceIp",
        "aws:CurrentTime",
        "::/0",
        "/32"
    })
    @FuzzTest(maxDuration = "5m")
    void parseLine(FuzzedDataProvider data) throws Exception {
        String line = data.consumeRemainingAsString();
        String output;
        try {
            SimulationJson.Case parsed = SimulationJson.parse(line);
            Evaluation evaluation = Evaluator.compile(parsed.policies()).evaluate(parsed.request());
            output = SimulationJson.decision(parsed.id(), evaluation);
        } catch (PolicyFormatException e) {
            assertThat(e.pointer())
                    .satisfiesAnyOf(
                            pointer -> assertThat(pointer).isEmpty(),
                            pointer -> assertThat(pointer).startsWith("/"));
            output = SimulationJson.error(SimulationJson.idOf(line), 1, e.getMessage());
        }
        JsonNode written = OUTPUT.readTree(output);
        assertThat(written.isObject()).as(output).isTrue();
        assertThat(written.has("decision") || written.has("error")).as(output).isTrue();
        // A batch (its cache filled by the inputs before) answers as the line alone.
        assertThat(BATCH.decide(line, 1)).isEqualTo(SimulationBatch.alone(line, 1));
    }
}

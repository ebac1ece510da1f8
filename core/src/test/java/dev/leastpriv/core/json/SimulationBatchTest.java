package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulationBatchTest {

    private static final String[] POLICIES = {
        "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}}",
        "{'Version':'2012-10-17','Statement':[{'Sid':'A','Effect':'Allow','Action':['s3:*','glue:Get*'],"
                + "'Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'true'}}},{'Effect':'Deny',"
                + "'Action':'s3:DeleteObject','Resource':'arn:aws:s3:::b/${aws:username}/*'}]}",
        "{'Statement':{'Effect':'Allow','NotAction':'iam:*','Resource':'*','Condition':{'IpAddress':"
                + "{'aws:SourceIp':'10.0.0.0/8'},'StringLike':{'aws:PrincipalTag/team':'data*'}}}}",
        "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}",
    };

    private static final String[] ACTIONS = {
        "s3:GetObject", "s3:DeleteObject", "s3:PutObject", "glue:GetTable", "iam:PassRole", "kms:Decrypt"
    };

    private static final String[] RESOURCES = {
        "arn:aws:s3:::b/alice/k",
        "arn:aws:s3:::other/k",
        "arn:aws:glue:eu-west-1:123456789012:table/db/t",
        "arn:aws:iam::123456789012:role/r",
        "*"
    };

    private static String json(String text) {
        return text.replace('\'', '"');
    }

    /** A valid line: a random request against random policies from a small set, so that they repeat. */
    private static String line(Random random, int id) {
        StringBuilder line = new StringBuilder("{'id':" + id);
        line.append(",'action':'")
                .append(ACTIONS[random.nextInt(ACTIONS.length)])
                .append("'");
        line.append(",'resource':'")
                .append(RESOURCES[random.nextInt(RESOURCES.length)])
                .append("'");
        if (random.nextBoolean()) {
            line.append(",'principal':'arn:aws:iam::123456789012:user/alice'");
        }
        if (random.nextBoolean()) {
            line.append(",'context':{'aws:username':'alice','aws:SecureTransport':")
                    .append(random.nextBoolean())
                    .append(",'aws:SourceIp':'10.1.2.3','aws:PrincipalTag/team':['data-eng']}");
        }
        line.append(",'identityPolicies':[").append(POLICIES[random.nextInt(2)]);
        if (random.nextInt(3) == 0) {
            line.append(',').append(POLICIES[2]);
        }
        line.append(']');
        switch (random.nextInt(5)) {
            case 0 -> line.append(",'permissionsBoundary':").append(POLICIES[3]);
            case 1 ->
                line.append(",'serviceControlPolicies':[").append(POLICIES[3]).append("]");
            case 2 -> line.append(",'resourcePolicy':null");
            default -> {}
        }
        return json(line.append('}').toString());
    }

    /** A line broken in one of many ways, or left valid. */
    private static String mutated(Random random, String line) {
        return switch (random.nextInt(26)) { // half of them valid
            case 0 -> line.substring(0, random.nextInt(line.length())); // truncated JSON
            case 1 -> line.replace("\"action\"", "\"actions\""); // unknown field
            case 2 -> line + " {}"; // a second value
            case 3 -> line.replaceFirst("\\{", "{\"id\":0,"); // a duplicate field
            case 4 -> line.replace("\"Effect\":\"Allow\"", "\"Effect\":\"Alow\""); // invalid policy
            case 5 -> line.replace("s3:GetObject", "s3-GetObject"); // invalid action
            case 6 -> line.replace("\"identityPolicies\":[", "\"identityPolicies\":[\"x\","); // not a policy object
            case 7 -> line.replace("\"identityPolicies\":", "\"permissionsBoundary\":\"x\",\"identityPolicies\":");
            case 8 -> "\uFEFF" + line; // byte order mark
            case 9 -> line.replace("\"Resource\":\"*\"", "\"Principal\":\"*\",\"Resource\":\"*\""); // IAM refuses
            case 10 -> "[" + line + "]";
            case 11 -> line.replace("\"identityPolicies\":[", "\"identityPolicies\":null,\"x\":[");
            case 12 -> line.replace("\"Effect\":", "\"Effect\":\"Deny\",\"Effect\":"); // duplicate in a policy
            case 13 -> line.replace("\"aws:username\":", "\"aws:username\":\"bob\",\"aws:username\":"); // in context
            default -> line;
        };
    }

    @Test
    void decide_samePolicyTextInManyLines_compilesItOnce() {
        SimulationBatch batch = new SimulationBatch();
        String policy = json(POLICIES[1]);
        for (int i = 1; i <= 500; i++) {
            String line = "{\"id\":" + i + ",\"action\":\"" + ACTIONS[i % ACTIONS.length] + "\",\"resource\":\""
                    + RESOURCES[i % RESOURCES.length] + "\",\"identityPolicies\":[" + policy + "]}";
            assertThat(batch.decide(line, i).evaluated()).isTrue();
        }
        assertThat(batch.compilations()).isEqualTo(1);

        batch.decide(json("{'action':'s3:GetObject','resource':'*','identityPolicies':[" + POLICIES[0] + "]}"), 501);
        batch.decide(json("{'action':'s3:GetObject','resource':'*','permissionsBoundary':" + POLICIES[0] + "}"), 502);
        assertThat(batch.compilations()).isEqualTo(3); // another text, and the same text in another role
    }

    @Test
    void decide_randomLines_answerAsEachLineAlone() {
        Random random = new Random(20261202L);
        SimulationBatch cached = new SimulationBatch();
        SimulationBatch tiny = new SimulationBatch(600); // evicts all the time
        int errors = 0;
        for (int n = 1; n <= 3_000; n++) {
            String line = mutated(random, line(random, n));
            SimulationBatch.Answer expected = SimulationBatch.alone(line, n);
            assertThat(cached.decide(line, n)).as(line).isEqualTo(expected);
            assertThat(tiny.decide(line, n)).as(line).isEqualTo(expected);
            errors += expected.evaluated() ? 0 : 1;
        }
        // The batch exercised both paths: many error lines, and many valid ones from a few compilations.
        assertThat(errors).isBetween(600, 1_800);
        assertThat(cached.compilations()).isLessThan(60);
    }

    @Test
    void decide_onManyThreads_answersAsAloneAndCompilesEachTextOnce() throws Exception {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= 2_000; n++) {
            lines.add(line(random, n));
        }
        SimulationBatch batch = new SimulationBatch();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SimulationBatch.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                int n = i + 1;
                String line = lines.get(i);
                answers.add(pool.submit(() -> batch.decide(line, n)));
            }
            SimulationBatch sequential = new SimulationBatch();
            for (int i = 0; i < lines.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(SimulationBatch.alone(lines.get(i), i + 1));
                sequential.decide(lines.get(i), i + 1);
            }
            assertThat(batch.compilations()).isEqualTo(sequential.compilations());
        } finally {
            pool.shutdownNow();
        }
    }
}

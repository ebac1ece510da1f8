package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A statement with many resource entries is matched through an index of their literal starts; it must decide
 * exactly as the same entries do one statement each (no index), for patterns with wildcards anywhere.
 */
class ResourceIndexTest {

    private static final String[] HEADS = {
        "arn:aws:glue:eu-west-1:123456789012:",
        "arn:aws:glue:*:123456789012:",
        "arn:aws:s3:::",
        "arn:aws:glue:eu-west-1:*:"
    };
    private static final String[] PARTS = {"table/", "database/", "db", "sales", "Sales", "*", "?", "/", "a", "b"};

    private static String pattern(Random random) {
        if (random.nextInt(40) == 0) {
            return "*";
        }
        StringBuilder text = new StringBuilder(HEADS[random.nextInt(HEADS.length)]);
        for (int i = random.nextInt(5); i >= 0; i--) {
            text.append(PARTS[random.nextInt(PARTS.length)]);
        }
        return text.toString();
    }

    private static String request(Random random) {
        String text =
                pattern(random).replace("*", random.nextBoolean() ? "" : "xy").replace("?", "q");
        return text.isEmpty() ? "arn:aws:glue:eu-west-1:123456789012:catalog" : text;
    }

    /** {@return a request for {@code resource}, or null when it is no valid ARN (requests name real resources)} */
    private static Request request(String resource) {
        try {
            return Request.of("glue:GetTable", resource);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void indexedStatement_decidesAsOneStatementPerEntry() {
        Random random = new Random(20261122);
        int allowed = 0;
        int compared = 0;
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 16 + random.nextInt(40); i > 0; i--) {
                patterns.add(pattern(random));
            }
            Statement.Builder many = Statement.allow().addAction("glue:GetTable");
            patterns.forEach(many::addResource);
            List<Statement> single = patterns.stream()
                    .map(p -> Statement.allow()
                            .addAction("glue:GetTable")
                            .addResource(p)
                            .build())
                    .toList();
            Evaluator indexed = Evaluator.compile(Policies.identity(Policy.of(many.build())));
            Evaluator scanned = Evaluator.compile(Policies.identity(Policy.of(single)));
            for (int i = 0; i < 40; i++) {
                String resource =
                        random.nextBoolean() ? request(random) : patterns.get(random.nextInt(patterns.size()));
                Request request = request(resource);
                if (request == null) {
                    continue;
                }
                assertThat(indexed.evaluate(request).decision())
                        .as("%s against %s", resource, patterns)
                        .isEqualTo(scanned.evaluate(request).decision());
                compared++;
                allowed += scanned.evaluate(request).decision().isAllowed() ? 1 : 0;
            }
        }
        // Both outcomes were exercised, many times.
        assertThat(compared).isGreaterThan(5000);
        assertThat(allowed).isBetween(compared / 10, compared - compared / 10);
    }

    @Test
    void indexedNotResource_decidesAsTheScan() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            Statement.Builder deny = Statement.deny().addAction("glue:GetTable");
            List<String> patterns = new ArrayList<>();
            for (int i = 20; i > 0; i--) {
                patterns.add(pattern(random));
            }
            Statement.Builder allowAll =
                    Statement.allow().addAction("glue:GetTable").addResource("*");
            Policy indexedPolicy = Policy.of(
                    allowAll.build(),
                    deny.notResources(patterns.stream()
                                    .map(dev.leastpriv.core.Resource::parse)
                                    .toList())
                            .build());
            Evaluator indexed = Evaluator.compile(Policies.identity(indexedPolicy));
            for (int i = 0; i < 30; i++) {
                String resource = request(random);
                if (request(resource) == null) {
                    continue;
                }
                boolean listed = patterns.stream()
                        .anyMatch(p -> Evaluator.compile(Policies.identity(Policy.of(Statement.allow()
                                        .addAction("glue:GetTable")
                                        .addResource(p)
                                        .build())))
                                .evaluate(Request.of("glue:GetTable", resource))
                                .decision()
                                .isAllowed());
                assertThat(indexed.evaluate(Request.of("glue:GetTable", resource))
                                .decision()
                                .isAllowed())
                        .as("%s against NotResource %s", resource, patterns)
                        .isEqualTo(listed);
            }
        }
    }
}

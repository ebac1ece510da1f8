package dev.leastpriv.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.core.json.SimulationJson;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.Requirement;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The requests of {@link EvaluatorBenchmark}, shared with the oracle's throughput run (tools/oracle/bench.mjs): each
 * scenario is one identity policy and a fixed list of requests, deterministic on every run.
 *
 * <ul>
 *   <li>{@code openmetadata}: the policy {@code leastpriv generate} renders for OpenMetadata (default features, one
 *       data location, 10 databases); every requirement's (action, resource) pair, which must be allowed,
 *       interleaved with as many probes that must be denied (another workgroup, bucket, prefix, database, region or
 *       account; a write or delete action on a granted resource).
 *   <li>{@code conditions50}: 50 statements built from a fixed seed, with conditions of every operator family
 *       (String, Numeric, Date, Bool, IpAddress, Arn, Null, {@code IfExists}, {@code ForAnyValue:}/{@code
 *       ForAllValues:}), Allow and Deny, wildcards, {@code NotAction}/{@code NotResource} and a policy variable; the
 *       requests carry the context keys the conditions test, so conditions are evaluated and decide many requests.
 * </ul>
 *
 * <p>Only global {@code aws:} context keys, concrete resource ARNs, ISO dates and services whose evaluation the
 * oracle models as leastpriv does (no KMS keys, no role trust), so both evaluators answer the same
 * (tools/oracle/README.md).
 *
 * <p>Command line, from the shaded jar ({@code java -cp bench/target/benchmarks.jar dev.leastpriv.bench.BenchRequests
 * …}):
 *
 * <ul>
 *   <li>{@code SCENARIO}: the requests as JSON Lines in the {@code leastpriv simulate --batch} format, on stdout;
 *   <li>{@code --decisions SCENARIO}: leastpriv's answer to each of those lines, {@code {"id":…,"decision":…}}, read
 *       back from the JSON as {@code simulate --batch} reads it (to compare with {@code tools/oracle/run.mjs});
 *   <li>{@code --summary SCENARIO}: request and decision counts, and how many decisions the conditions change;
 *   <li>{@code --batch COUNT}: {@code COUNT} random requests (fixed seed) in the {@code simulate --batch} format, each
 *       line with its own policy: half drawn from the {@code openmetadata} requests, half new {@code conditions50}
 *       requests against that scenario's policy ({@code bench/run-batch-bench.sh}).
 * </ul>
 */
public final class BenchRequests {

    /** The scenario names, in the order the bench reports them. */
    public static final ImmutableList<String> SCENARIOS = ImmutableList.of("openmetadata", "conditions50");

    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String REGION = "eu-west-1";
    static final String OTHER_REGION = "us-east-1";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/openmetadata";
    static final long SEED = 20260101L;

    /** Multivalued context keys: written as JSON arrays even with one value, so the oracle keeps them a set. */
    private static final ImmutableSet<String> MULTIVALUED = ImmutableSet.of("aws:TagKeys");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRequests() {}

    /**
     * One scenario: the identity policy, the requests in evaluation order, and, where the generator knows it, whether
     * each request must be allowed.
     *
     * @param expectAllowed empty, or one entry per request
     */
    public record Scenario(
            String name, Policy policy, ImmutableList<Request> requests, ImmutableList<Boolean> expectAllowed) {

        public Scenario {
            requests = ImmutableList.copyOf(requests);
            expectAllowed = ImmutableList.copyOf(expectAllowed);
            checkArgument(!requests.isEmpty(), "scenario %s has no requests", name);
            checkArgument(
                    expectAllowed.isEmpty() || expectAllowed.size() == requests.size(),
                    "scenario %s: %s expectations for %s requests",
                    name,
                    expectAllowed.size(),
                    requests.size());
        }

        /** {@return the policies every request is evaluated against} */
        public Policies policies() {
            return Policies.identity(policy);
        }

        /** {@return the requests as JSON Lines in the {@code simulate --batch} format, ids counting from 0} */
        public List<String> jsonLines() {
            JsonNode policyNode = tree(policy.toCompactJson());
            List<String> lines = new ArrayList<>(requests.size());
            for (int id = 0; id < requests.size(); id++) {
                lines.add(jsonLine(id, requests.get(id), policyNode));
            }
            return lines;
        }

        /**
         * Evaluates every request and checks the scenario is what it claims: the expected decisions, both allowed and
         * denied requests in fair shares.
         *
         * @return the decision counts
         * @throws IllegalStateException if a request gets an unexpected decision
         */
        public Map<Decision, Integer> verify(Evaluator evaluator) {
            Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
            for (Decision decision : Decision.values()) {
                counts.put(decision, 0);
            }
            for (int i = 0; i < requests.size(); i++) {
                Evaluation evaluation = evaluator.evaluate(requests.get(i));
                counts.merge(evaluation.decision(), 1, Integer::sum);
                if (!expectAllowed.isEmpty()
                        && expectAllowed.get(i) != evaluation.decision().isAllowed()) {
                    throw new IllegalStateException(name + " request " + i + " " + describe(requests.get(i))
                            + " should be " + (expectAllowed.get(i) ? "allowed" : "denied") + " but is "
                            + evaluation.decision().jsonValue() + ": " + evaluation.reason());
                }
            }
            int allowed = counts.get(Decision.ALLOWED);
            checkState(
                    allowed * 4 >= requests.size() && (requests.size() - allowed) * 4 >= requests.size(),
                    "scenario %s is not mixed: %s of %s requests allowed",
                    name,
                    allowed,
                    requests.size());
            return counts;
        }
    }

    /** {@return the scenario called {@code name}} */
    public static Scenario scenario(String name) {
        return switch (name) {
            case "openmetadata" -> openMetadata();
            case "conditions50" -> conditions50();
            default ->
                throw new IllegalArgumentException(
                        "unknown scenario \"" + name + "\": expected one of " + String.join(", ", SCENARIOS));
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // openmetadata

    static Scenario openMetadata() {
        Connection.Builder connection = Connection.builder()
                .region(REGION)
                .account(ACCOUNT)
                .workgroup("metadata")
                .results("s3://athena-results-" + ACCOUNT + "/openmetadata/")
                .addData("s3://company-data-lake/warehouse/");
        for (int i = 0; i < 10; i++) {
            connection.addDatabase(String.format(Locale.ROOT, "database_%04d", i));
        }
        RenderedPolicy rendered =
                PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of()));

        // Every (action, resource) the connector needs, once, with wildcards filled in with concrete names.
        Set<List<String>> needed = new LinkedHashSet<>();
        for (Requirement requirement : rendered.requirements().requirements()) {
            for (Resource resource : requirement.resources()) {
                needed.add(List.of(requirement.action().toString(), concrete(resource.pattern())));
            }
        }
        List<Request> requests = new ArrayList<>();
        List<Boolean> expect = new ArrayList<>();
        int i = 0;
        for (List<String> pair : needed) {
            requests.add(omRequest(pair.get(0), pair.get(1), i));
            expect.add(true);
            List<String> probe = probe(pair.get(0), pair.get(1), i);
            requests.add(omRequest(probe.get(0), probe.get(1), i));
            expect.add(false);
            i++;
        }
        return new Scenario(
                "openmetadata", rendered.policy(), ImmutableList.copyOf(requests), ImmutableList.copyOf(expect));
    }

    /** The ARN a tool would send for a granted pattern: {@code table/db/*} becomes {@code table/db/orders}. */
    private static String concrete(String pattern) {
        if (pattern.equals("*")) {
            return pattern; // actions without resource types
        }
        String filled = pattern.startsWith("arn:aws:s3:::")
                ? pattern.replace("*", "2026/10/01/part-00000.csv")
                : pattern.replace("*", "orders");
        checkState(filled.indexOf('?') < 0, "cannot fill in %s", pattern);
        return filled;
    }

    /** The realistic context of a connector's call: who, from where, when, over TLS. */
    private static Request omRequest(String action, String resource, int i) {
        return Request.builder()
                .action(action)
                .resource(resource)
                .principal(ROLE)
                .context("aws:PrincipalArn", ROLE)
                .context("aws:SourceIp", "203.0.113." + (10 + i % 50))
                .context("aws:CurrentTime", "2026-10-01T12:" + String.format(Locale.ROOT, "%02d", i % 60) + ":00Z")
                .context("aws:SecureTransport", "true")
                .build();
    }

    /**
     * A request the rendered policy must deny, derived from the granted pair {@code (action, resource)}: on even
     * {@code i} another action on the same resource (write, delete), on odd {@code i} the same action on a resource
     * outside the grant.
     */
    private static List<String> probe(String action, String resource, int i) {
        int variant = i / 2;
        if (i % 2 == 0 || resource.equals("*")) {
            return List.of(otherAction(action, resource, variant), resource);
        }
        return List.of(action, otherResource(resource, variant));
    }

    private static String otherAction(String action, String resource, int variant) {
        List<String> choices;
        if (resource.equals("*")) {
            choices = List.of("s3:ListAllMyBuckets", "lambda:ListFunctions");
        } else if (resource.startsWith("arn:aws:s3:::")) {
            choices = resource.indexOf('/') < 0
                    ? List.of("s3:DeleteBucket", "s3:PutBucketPolicy")
                    : List.of("s3:DeleteObject", "s3:PutObjectAcl");
        } else if (resource.contains(":workgroup/")) {
            choices = List.of("athena:DeleteWorkGroup", "athena:UpdateWorkGroup");
        } else if (resource.contains(":datacatalog/")) {
            choices = List.of("athena:DeleteDataCatalog", "athena:UpdateDataCatalog");
        } else if (resource.contains(":table/")) {
            choices = List.of("glue:DeleteTable", "glue:UpdateTable");
        } else if (resource.contains(":database/")) {
            choices = List.of("glue:DeleteDatabase", "glue:UpdateDatabase");
        } else if (resource.endsWith(":catalog")) {
            choices = List.of("glue:CreateDatabase", "glue:DeleteDatabase");
        } else {
            throw new IllegalStateException("no denied action for " + action + " on " + resource);
        }
        return choices.get(variant % choices.size());
    }

    private static String otherResource(String resource, int variant) {
        if (resource.startsWith("arn:aws:s3:::")) {
            String path = resource.substring("arn:aws:s3:::".length());
            int slash = path.indexOf('/');
            String bucket = slash < 0 ? path : path.substring(0, slash);
            if (slash < 0 || variant % 2 == 0) {
                String other =
                        bucket.startsWith("athena-results-") ? "athena-results-" + OTHER_ACCOUNT : "company-logs";
                return "arn:aws:s3:::" + other + (slash < 0 ? "" : path.substring(slash));
            }
            return "arn:aws:s3:::" + bucket + "/staging/2026/10/01/part-00000.csv"; // outside the granted prefix
        }
        String[] parts = resource.split(":", 6);
        String name = parts[5];
        String renamed = name.replace("workgroup/metadata", "workgroup/primary")
                .replaceAll("database_\\d{4}", "finance")
                .replace("datacatalog/awsdatacatalog", "datacatalog/federated");
        if (variant % 3 == 0 && !renamed.equals(name)) {
            parts[5] = renamed;
        } else if (variant % 3 == 1) {
            parts[3] = OTHER_REGION;
        } else {
            parts[4] = OTHER_ACCOUNT;
        }
        return String.join(":", parts);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // conditions50

    /** An action and the kind of resource it takes. */
    private record ActionSpec(String action, String type) {}

    private static final ImmutableList<ActionSpec> ACTIONS = ImmutableList.of(
            new ActionSpec("s3:GetObject", "object"),
            new ActionSpec("s3:PutObject", "object"),
            new ActionSpec("s3:DeleteObject", "object"),
            new ActionSpec("s3:ListBucket", "bucket"),
            new ActionSpec("s3:GetBucketLocation", "bucket"),
            new ActionSpec("glue:GetTable", "table"),
            new ActionSpec("glue:GetPartitions", "table"),
            new ActionSpec("glue:DeleteTable", "table"),
            new ActionSpec("glue:GetDatabase", "database"),
            new ActionSpec("athena:StartQueryExecution", "workgroup"),
            new ActionSpec("athena:GetQueryResults", "workgroup"),
            new ActionSpec("athena:DeleteWorkGroup", "workgroup"),
            new ActionSpec("lambda:InvokeFunction", "function"),
            new ActionSpec("lambda:GetFunction", "function"));

    private static final String[] ACTION_PATTERNS = {
        "s3:GetObject",
        "s3:Get*",
        "s3:*Object",
        "s3:List*",
        "s3:PutObject",
        "glue:Get*",
        "glue:GetTable?",
        "glue:GetPartitions",
        "glue:*",
        "athena:*QueryExecution",
        "athena:Get*",
        "athena:StartQueryExecution",
        "lambda:InvokeFunction",
        "lambda:*",
        "*"
    };

    private static final String[] RESOURCE_PATTERNS = {
        "*",
        "arn:aws:s3:::data-lake/*",
        "arn:aws:s3:::data-lake/sales/*",
        "arn:aws:s3:::team-*/*",
        "arn:aws:s3:::team-*",
        "arn:aws:s3:::*/home/${aws:username}/*",
        "arn:aws:s3:::logs-archive",
        "arn:aws:glue:*:" + ACCOUNT + ":table/sales*/*",
        "arn:aws:glue:" + REGION + ":" + ACCOUNT + ":*",
        "arn:aws:glue:*:*:database/?ales",
        "arn:aws:athena:*:" + ACCOUNT + ":workgroup/primary",
        "arn:aws:athena:eu-west-?:*:workgroup/*",
        "arn:aws:lambda:*:*:function:etl-*",
        "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:report"
    };

    private static final String[] BUCKETS = {"data-lake", "logs-archive", "team-sales", "team-ops"};
    private static final String[] KEYS = {
        "sales/2026/p.parquet", "logs/x.json", "home/alice/notes.txt", "home/bob/a.csv", "raw/e.gz"
    };
    private static final String[] DATABASES = {"sales", "sales_eu", "ops", "finance"};
    private static final String[] TABLES = {"orders", "customers", "events"};
    private static final String[] WORKGROUPS = {"primary", "adhoc", "etl"};
    private static final String[] FUNCTIONS = {"etl-load", "etl-clean", "report", "billing"};
    private static final String[] REGIONS = {REGION, REGION, OTHER_REGION, "ap-south-1"};
    private static final String[] PRINCIPALS = {
        "arn:aws:iam::" + ACCOUNT + ":role/analytics",
        "arn:aws:iam::" + ACCOUNT + ":role/etl",
        "arn:aws:iam::" + ACCOUNT + ":user/alice",
        "arn:aws:iam::" + ACCOUNT + ":user/bob"
    };
    private static final String[] TEAMS = {"data", "ops", "Data", "finance"};
    private static final String[] IPS = {"203.0.113.7", "198.51.100.20", "10.1.2.3", "192.0.2.44"};
    private static final String[] TIMES = {
        "2026-03-01T10:00:00Z", "2026-09-15T22:30:00Z", "2026-12-24T08:00:00Z", "2025-11-02T16:45:00Z"
    };
    private static final String[] TAG_KEYS = {"team", "owner", "cost", "secret"};

    /** Conditions for Allow statements: each grants to part of the requests. */
    private static final ImmutableList<Condition> ALLOW_CONDITIONS = ImmutableList.of(
            Condition.of("StringEquals", "aws:PrincipalTag/team", List.of("data", "ops")),
            Condition.of("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "data"),
            Condition.of("StringLike", "aws:PrincipalTag/team", List.of("d*", "?ps")),
            Condition.of("StringNotEquals", "aws:PrincipalTag/team", "finance"),
            Condition.of("StringEqualsIfExists", "aws:PrincipalTag/team", List.of("data", "Data")),
            Condition.of("StringEquals", "aws:RequestedRegion", List.of(REGION, OTHER_REGION)),
            Condition.of("StringNotLike", "aws:RequestedRegion", "ap-*"),
            Condition.of("IpAddress", "aws:SourceIp", List.of("203.0.113.0/24", "10.0.0.0/8")),
            Condition.of("IpAddressIfExists", "aws:SourceIp", List.of("198.51.100.0/24", "203.0.113.7/32")),
            Condition.of("DateLessThan", "aws:CurrentTime", "2026-12-01T00:00:00Z"),
            Condition.of("DateGreaterThanEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z"),
            Condition.of("NumericLessThan", "aws:MultiFactorAuthAge", "3600"),
            Condition.of("NumericLessThanEqualsIfExists", "aws:MultiFactorAuthAge", "7200"),
            Condition.of("Bool", "aws:SecureTransport", "true"),
            Condition.of("BoolIfExists", "aws:MultiFactorAuthPresent", "true"),
            Condition.of("ArnLike", "aws:PrincipalArn", List.of("arn:aws:iam::" + ACCOUNT + ":role/*")),
            Condition.of("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":user/alice"),
            Condition.of("ForAllValues:StringEquals", "aws:TagKeys", List.of("team", "owner", "cost")),
            Condition.of("ForAnyValue:StringLike", "aws:TagKeys", List.of("team*", "own?r")),
            Condition.of("Null", "aws:SourceIp", "false"),
            Condition.of("StringLike", "aws:PrincipalTag/team", "${aws:username}*"));

    /** Conditions for Deny statements: each denies a minority of the requests. */
    private static final ImmutableList<Condition> DENY_CONDITIONS = ImmutableList.of(
            Condition.of("Bool", "aws:SecureTransport", "false"),
            Condition.of("NotIpAddress", "aws:SourceIp", List.of("203.0.113.0/24", "10.0.0.0/8", "198.51.100.0/24")),
            Condition.of("DateGreaterThan", "aws:CurrentTime", "2026-12-15T00:00:00Z"),
            Condition.of("DateLessThanEquals", "aws:CurrentTime", "2025-12-31T23:59:59Z"),
            Condition.of("StringNotEqualsIfExists", "aws:RequestedRegion", List.of(REGION, OTHER_REGION)),
            Condition.of("ForAnyValue:StringEquals", "aws:TagKeys", "secret"),
            Condition.of("NumericGreaterThan", "aws:MultiFactorAuthAge", "43200"),
            Condition.of("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":*"),
            Condition.of("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "finance"),
            Condition.of("Null", "aws:PrincipalTag/team", "true"));

    static Scenario conditions50() {
        Random random = new Random(SEED);
        List<Statement> statements = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            statements.add(statement(random, s));
        }
        Policy policy = Policy.of(statements);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            requests.add(conditionsRequest(random));
        }
        return new Scenario("conditions50", policy, ImmutableList.copyOf(requests), ImmutableList.of());
    }

    private static Statement statement(Random random, int index) {
        boolean deny = index % 5 == 4;
        Statement.Builder statement = deny ? Statement.deny() : Statement.allow();
        statement.sid("S" + index);
        Set<Action> actions = new LinkedHashSet<>();
        int actionCount = 1 + random.nextInt(3);
        for (int i = 0; i < actionCount; i++) {
            actions.add(Action.parse(pick(random, ACTION_PATTERNS)));
        }
        if (!deny && random.nextInt(10) == 0) {
            actions.remove(Action.ALL);
            statement.notActions(actions.isEmpty() ? ImmutableSet.of(Action.parse("s3:Delete*")) : actions);
        } else {
            statement.actions(actions);
        }
        Set<Resource> resources = new LinkedHashSet<>();
        int resourceCount = 1 + random.nextInt(2);
        for (int i = 0; i < resourceCount; i++) {
            resources.add(Resource.parse(pick(random, RESOURCE_PATTERNS)));
        }
        if (random.nextInt(10) == 0) {
            resources.remove(Resource.ALL);
            statement.notResources(
                    resources.isEmpty() ? ImmutableSet.of(Resource.parse("arn:aws:s3:::logs-archive/*")) : resources);
        } else {
            statement.resources(resources);
        }
        ImmutableList<Condition> pool = deny ? DENY_CONDITIONS : ALLOW_CONDITIONS;
        Map<String, Condition> conditions = new LinkedHashMap<>(); // one condition per operator and key
        int conditionCount = deny ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < conditionCount; i++) {
            Condition condition = pool.get(random.nextInt(pool.size()));
            conditions.putIfAbsent(condition.operator() + " " + condition.key(), condition);
        }
        statement.conditions(conditions.values());
        return statement.build();
    }

    private static Request conditionsRequest(Random random) {
        ActionSpec spec = ACTIONS.get(random.nextInt(ACTIONS.size()));
        String region = pick(random, REGIONS);
        String resource = switch (spec.type()) {
            case "object" -> "arn:aws:s3:::" + pick(random, BUCKETS) + "/" + pick(random, KEYS);
            case "bucket" -> "arn:aws:s3:::" + pick(random, BUCKETS);
            case "table" ->
                "arn:aws:glue:" + region + ":" + ACCOUNT + ":table/" + pick(random, DATABASES) + "/"
                        + pick(random, TABLES);
            case "database" -> "arn:aws:glue:" + region + ":" + ACCOUNT + ":database/" + pick(random, DATABASES);
            case "workgroup" -> "arn:aws:athena:" + region + ":" + ACCOUNT + ":workgroup/" + pick(random, WORKGROUPS);
            case "function" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + pick(random, FUNCTIONS);
            default -> throw new IllegalStateException(spec.type());
        };
        String principal = pick(random, PRINCIPALS);
        Request.Builder request =
                Request.builder().action(spec.action()).resource(resource).principal(principal);
        if (random.nextInt(10) > 0) {
            request.context("aws:PrincipalArn", principal);
        }
        if (principal.contains(":user/")) {
            request.context("aws:username", principal.substring(principal.lastIndexOf('/') + 1));
        }
        if (random.nextInt(5) > 0) {
            request.context("aws:SourceIp", pick(random, IPS));
        }
        if (random.nextInt(5) > 0) {
            request.context("aws:CurrentTime", pick(random, TIMES));
        }
        if (random.nextInt(10) > 2) {
            request.context("aws:SecureTransport", random.nextInt(6) > 0 ? "true" : "false");
        }
        if (random.nextInt(10) > 2) {
            request.context("aws:PrincipalTag/team", pick(random, TEAMS));
        }
        if (random.nextBoolean()) {
            request.context("aws:MultiFactorAuthAge", String.valueOf(random.nextInt(7200)));
            request.context("aws:MultiFactorAuthPresent", "true");
        }
        request.context("aws:RequestedRegion", spec.action().startsWith("s3:") ? REGION : region);
        if (random.nextBoolean()) {
            Set<String> keys = new LinkedHashSet<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                keys.add(random.nextInt(8) == 0 ? "secret" : pick(random, TAG_KEYS));
            }
            request.context("aws:TagKeys", keys);
        }
        return request.build();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON Lines

    private static String jsonLine(int id, Request request, JsonNode policy) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        if (request.principal() != null) {
            line.put("principal", request.principal());
        }
        line.put("action", request.action().toString());
        line.put("resource", request.resource());
        if (request.resourceAccount() != null) {
            line.put("resourceAccount", request.resourceAccount());
        }
        if (!request.context().isEmpty()) {
            ObjectNode context = line.putObject("context");
            request.context().forEach((key, values) -> {
                if (values.size() == 1 && !MULTIVALUED.contains(key)) {
                    context.put(key, values.get(0));
                } else {
                    ArrayNode array = context.putArray(key);
                    values.forEach(array::add);
                }
            });
        }
        line.putArray("identityPolicies").add(policy);
        return line.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Request request) {
        return request.action() + " on " + request.resource();
    }

    /**
     * {@return {@code count} random requests as {@code simulate --batch} lines, ids counting from 0}: on each line, by
     * a coin toss from a fixed seed, one of the {@code openmetadata} requests or a new {@code conditions50} request
     * (drawn as that scenario draws its own), each line carrying its scenario's policy
     */
    static List<String> batch(int count) {
        checkArgument(count > 0, "count must be positive: %s", count);
        Scenario openMetadata = openMetadata();
        Scenario conditions = conditions50();
        JsonNode openMetadataPolicy = tree(openMetadata.policy().toCompactJson());
        JsonNode conditionsPolicy = tree(conditions.policy().toCompactJson());
        Random random = new Random(SEED + 1);
        List<String> lines = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            if (random.nextBoolean()) {
                Request request = openMetadata
                        .requests()
                        .get(random.nextInt(openMetadata.requests().size()));
                lines.add(jsonLine(id, request, openMetadataPolicy));
            } else {
                lines.add(jsonLine(id, conditionsRequest(random), conditionsPolicy));
            }
        }
        return lines;
    }

    /** {@return leastpriv's answer to each line, read back from JSON as {@code simulate --batch} reads it} */
    static List<String> decisions(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        Evaluator evaluator = null;
        Policies compiledFor = null;
        for (String line : lines) {
            SimulationJson.Case parsed = SimulationJson.parse(line);
            if (!parsed.policies().equals(compiledFor)) {
                compiledFor = parsed.policies();
                evaluator = Evaluator.compile(compiledFor);
            }
            out.add(SimulationJson.decision(parsed.id(), evaluator.evaluate(parsed.request())));
        }
        return out;
    }

    /** {@return how many requests' decisions change when every Condition is removed from the policy} */
    static int decidedByConditions(Scenario scenario) {
        Evaluator with = Evaluator.compile(scenario.policies());
        List<Statement> stripped = new ArrayList<>();
        for (Statement statement : scenario.policy().statements()) {
            stripped.add(statement.toBuilder().conditions(List.of()).build());
        }
        Evaluator without = Evaluator.compile(Policies.identity(Policy.of(stripped)));
        int changed = 0;
        for (Request request : scenario.requests()) {
            if (with.evaluate(request).decision() != without.evaluate(request).decision()) {
                changed++;
            }
        }
        return changed;
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--batch")) {
            int count;
            try {
                count = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count <= 0) {
                System.err.println("usage: BenchRequests --batch COUNT (a positive number of lines)");
                System.exit(2);
            }
            write(System.out, batch(count));
            return;
        }
        String mode = args.length == 2 ? args[0] : "";
        String name = args.length == 0 ? "" : args[args.length - 1];
        if (!(args.length == 1
                        || (args.length == 2
                                && Set.of("--decisions", "--summary").contains(mode)))
                || !SCENARIOS.contains(name)) {
            System.err.println("usage: BenchRequests [--decisions | --summary] " + String.join(" | ", SCENARIOS)
                    + ", or BenchRequests --batch COUNT");
            System.exit(2);
        }
        Scenario scenario = scenario(name);
        List<String> output;
        switch (mode) {
            case "--decisions" -> output = decisions(scenario.jsonLines());
            case "--summary" -> {
                Map<Decision, Integer> counts = scenario.verify(Evaluator.compile(scenario.policies()));
                ObjectNode summary = JSON.createObjectNode();
                summary.put("scenario", name);
                summary.put("statements", scenario.policy().statements().size());
                summary.put("requests", scenario.requests().size());
                counts.forEach((decision, count) -> summary.put(decision.jsonValue(), count));
                summary.put("decidedByConditions", decidedByConditions(scenario));
                output = List.of(summary.toString());
            }
            default -> output = scenario.jsonLines();
        }
        write(System.out, output);
    }

    private static void write(PrintStream stream, List<String> lines) {
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stream.checkError()) {
            throw new IllegalStateException("cannot write the output");
        }
    }
}

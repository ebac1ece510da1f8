package dev.leastpriv.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random requests with policies, in the {@code simulate --batch} line format, for the differential test against
 * the independent oracle. Deterministic for a seed, so a case id names the same case on every run.
 *
 * <p>Stays inside what both engines model the same way (tools/oracle/README.md): only global {@code aws:} context
 * keys, arrays only for the multivalued {@code aws:TagKeys}, concrete resource ARNs except for actions without
 * resource types, ISO dates, policy version 2012-10-17.
 */
final class DifferentialCases {

    /** An action and the ARN formats of its resource types; none means the action takes only "*". */
    record ActionSpec(String action, List<String> arnFormats) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACCOUNTS = {"111111111111", "222222222222"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1"};
    private static final String[] NAMES = {"sales", "logs", "Sales", "analytics", "data1"};
    private static final String[] TEAMS = {"data", "ops", "Data"};
    private static final String[] IPS = {"203.0.113.7", "198.51.100.20", "10.1.2.3"};
    private static final String[] CIDRS = {"203.0.113.0/24", "10.0.0.0/8", "198.51.100.20/32", "192.0.2.0/24"};
    private static final String[] TIMES = {"2026-03-01T10:00:00Z", "2026-09-15T22:30:00Z"};
    private static final String[] TAG_KEYS = {"team", "owner", "cost"};

    private final Random random;
    private final List<ActionSpec> actions;

    DifferentialCases(long seed, List<ActionSpec> actions) {
        this.random = new Random(seed);
        this.actions = actions;
    }

    List<String> generate(int count) {
        List<String> lines = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            lines.add(line(id).toString());
        }
        return lines;
    }

    private ObjectNode line(int id) {
        ActionSpec spec = pick(actions);
        String account = ACCOUNTS[0];
        String resource = spec.arnFormats().isEmpty() ? "*" : instantiate(pick(spec.arnFormats()), account);
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        String principal = random.nextInt(4) == 0
                ? "arn:aws:iam::" + account + ":user/alice"
                : "arn:aws:iam::" + account + ":role/connector";
        line.put("principal", principal);
        line.put("action", spec.action());
        line.put("resource", resource);
        line.set("context", context());
        ArrayNode identity = line.putArray("identityPolicies");
        int policies = 1 + random.nextInt(2);
        for (int i = 0; i < policies; i++) {
            identity.add(policy(spec, resource, true));
        }
        if (random.nextInt(5) == 0) {
            line.set("permissionsBoundary", policy(spec, resource, true));
        }
        if (random.nextInt(5) == 0) {
            ArrayNode scps = line.putArray("serviceControlPolicies");
            scps.add(allowAll());
            if (random.nextBoolean()) {
                scps.add(policy(spec, resource, true));
            }
        }
        if (random.nextInt(8) == 0 || spec.action().startsWith("kms:")) {
            line.set("resourcePolicy", resourcePolicy(spec, resource, account, principal));
        }
        return line;
    }

    private ObjectNode context() {
        ObjectNode context = JSON.createObjectNode();
        if (random.nextInt(3) > 0) {
            context.put("aws:SourceIp", pick(IPS));
        }
        if (random.nextInt(3) > 0) {
            context.put("aws:CurrentTime", pick(TIMES));
        }
        if (random.nextBoolean()) {
            context.put("aws:SecureTransport", random.nextBoolean() ? "true" : "false");
        }
        if (random.nextInt(3) > 0) {
            context.put("aws:PrincipalTag/team", pick(TEAMS));
        }
        if (random.nextBoolean()) {
            context.put("aws:username", pick(NAMES));
        }
        if (random.nextBoolean()) {
            context.put("aws:MultiFactorAuthAge", String.valueOf(random.nextInt(7200)));
        }
        if (random.nextBoolean()) {
            ArrayNode keys = context.putArray("aws:TagKeys");
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                keys.add(pick(TAG_KEYS));
            }
        }
        return context;
    }

    private ObjectNode allowAll() {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.put("Action", "*");
        statement.put("Resource", "*");
        return policy;
    }

    private ObjectNode policy(ActionSpec spec, String resource, boolean identity) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            statements.add(statement(spec, resource, random.nextInt(4) == 0, true));
        }
        return policy;
    }

    private ObjectNode resourcePolicy(ActionSpec spec, String resource, String account, String principal) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = statement(spec, resource, random.nextInt(6) == 0, false);
        ObjectNode principals = JSON.createObjectNode();
        switch (random.nextInt(4)) {
            case 0 -> principals.put("AWS", "arn:aws:iam::" + account + ":root");
            case 1 -> principals.put("AWS", principal);
            case 2 -> principals.put("AWS", account);
            default -> principals.put("AWS", "arn:aws:iam::" + account + ":role/other");
        }
        ObjectNode ordered = JSON.createObjectNode();
        ordered.set("Principal", principals);
        ordered.setAll(statement);
        policy.putArray("Statement").add(ordered);
        return policy;
    }

    /**
     * @param shortPatterns whether resource patterns may be short ARNs ending with {@code *}, written only in the
     *     {@code Resource} of identity policies, boundaries and SCPs: the oracle never matches them in resource
     *     policies or {@code NotResource}, although the IAM User Guide's wildcard rule is the same everywhere
     *     (OracleTest pins the oracle's reading, EvaluatorTest ours; the documentation wins)
     */
    private ObjectNode statement(ActionSpec spec, String resource, boolean deny, boolean shortPatterns) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Effect", deny ? "Deny" : "Allow");
        ArrayNode actionList = JSON.createArrayNode();
        actionList.add(actionPattern(spec.action()));
        if (random.nextBoolean()) {
            actionList.add(actionPattern(pick(actions).action()));
        }
        statement.set(random.nextInt(7) == 0 ? "NotAction" : "Action", actionList);
        ArrayNode resources = JSON.createArrayNode();
        boolean notResource = random.nextInt(7) == 0;
        resources.add(resourcePattern(resource, shortPatterns && !notResource));
        if (random.nextInt(3) == 0) {
            resources.add(resourcePattern(resource, shortPatterns && !notResource));
        }
        statement.set(notResource ? "NotResource" : "Resource", resources);
        if (random.nextInt(5) < 2) {
            statement.set("Condition", condition());
        }
        return statement;
    }

    private String actionPattern(String action) {
        String service = action.substring(0, action.indexOf(':'));
        String name = action.substring(action.indexOf(':') + 1);
        return switch (random.nextInt(9)) {
            case 0 -> service + ":*";
            case 1 -> service + ":" + name.substring(0, Math.min(3, name.length())) + "*";
            case 2 -> service + ":?" + name.substring(1);
            case 3 -> action.toLowerCase(Locale.ROOT);
            case 4 -> "*";
            case 5 -> service + ":" + name + "X";
            default -> action;
        };
    }

    private String resourcePattern(String resource, boolean shortPatterns) {
        if (resource.equals("*")) {
            return random.nextInt(4) == 0 ? "arn:aws:athena:us-east-1:111111111111:workgroup/*" : "*";
        }
        String[] parts = resource.split(":", 6);
        if (shortPatterns && random.nextInt(6) == 0) {
            return shortPattern(parts);
        }
        return switch (random.nextInt(11)) {
            case 0 -> "*";
            case 1 -> resource + "*";
            case 2 -> String.join(":", parts[0], parts[1], parts[2], parts[3].isEmpty() ? "" : "*", parts[4], parts[5]);
            case 3 -> resource.substring(0, resource.length() - 1) + "?";
            case 4 ->
                String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5].toUpperCase(Locale.ROOT));
            case 5 -> resource.replace("sales", "logs").replace("analytics", "data1");
            case 6 -> String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4].isEmpty() ? "" : "*", "*");
            case 7 ->
                resource.contains("/")
                        ? resource.substring(0, resource.lastIndexOf('/') + 1) + "${aws:username}"
                        : resource;
            case 8 ->
                String.join(
                        ":", parts[0], parts[1], parts[2], parts[3], parts[4].isEmpty() ? "" : ACCOUNTS[1], parts[5]);
            default -> resource;
        };
    }

    /**
     * A short ARN ending with {@code *}, which the IAM User Guide allows ("if the {@code *} wildcard is the last
     * character of a resource ARN segment, it can expand to match beyond the colon boundaries"): the service and
     * up to two more fields of the request's ARN, the last one cut anywhere, sometimes in another account.
     */
    private String shortPattern(String[] parts) {
        int fields = 3 + random.nextInt(3); // arn:partition:service[:region[:account]]
        String[] kept = Arrays.copyOf(parts, fields);
        if (fields == 5 && !kept[4].isEmpty() && random.nextInt(3) == 0) {
            kept[4] = ACCOUNTS[1];
        }
        if (fields == 3) {
            return String.join(":", kept) + ":*"; // a "*" in the service segment is refused
        }
        String last = kept[fields - 1];
        kept[fields - 1] = last.substring(0, random.nextInt(last.length() + 1));
        return String.join(":", kept) + "*";
    }

    private ObjectNode condition() {
        ObjectNode condition = JSON.createObjectNode();
        int blocks = 1 + random.nextInt(2);
        for (int i = 0; i < blocks; i++) {
            switch (random.nextInt(12)) {
                case 0 ->
                    put(
                            condition,
                            pick("StringEquals", "StringNotEquals", "StringEqualsIfExists"),
                            "aws:PrincipalTag/team",
                            pick(TEAMS),
                            pick(TEAMS));
                case 1 ->
                    put(
                            condition,
                            pick("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
                            "aws:PrincipalTag/team",
                            pick(TEAMS));
                case 2 ->
                    put(
                            condition,
                            pick("StringLike", "StringNotLike"),
                            "aws:PrincipalTag/team",
                            pick("d*", "?ps", "*a*"));
                case 3 ->
                    put(
                            condition,
                            pick("IpAddress", "NotIpAddress", "IpAddressIfExists"),
                            "aws:SourceIp",
                            pick(CIDRS),
                            pick(CIDRS));
                case 4 ->
                    put(
                            condition,
                            pick("DateGreaterThan", "DateLessThan", "DateLessThanEquals", "DateNotEquals"),
                            "aws:CurrentTime",
                            pick("2026-06-01T00:00:00Z", "2026-01-01T00:00:00Z"));
                case 5 -> put(condition, "Bool", "aws:SecureTransport", pick("true", "false"));
                case 6 ->
                    put(
                            condition,
                            pick("NumericLessThan", "NumericGreaterThanEquals", "NumericEquals"),
                            "aws:MultiFactorAuthAge",
                            pick("3600", "0", "100"));
                case 7 ->
                    put(condition, pick("Null"), pick("aws:SourceIp", "aws:PrincipalTag/team"), pick("true", "false"));
                case 8 ->
                    put(
                            condition,
                            pick(
                                    "ForAnyValue:StringEquals",
                                    "ForAllValues:StringEquals",
                                    "ForAnyValue:StringLike",
                                    "ForAllValues:StringNotEquals"),
                            "aws:TagKeys",
                            pick(TAG_KEYS),
                            pick(TAG_KEYS));
                case 9 ->
                    put(
                            condition,
                            pick("ArnLike", "ArnNotLike", "ArnEquals"),
                            "aws:PrincipalArn",
                            pick("arn:aws:iam::111111111111:role/*", "arn:aws:iam::*:user/alice"));
                case 10 ->
                    put(condition, pick("StringEquals", "StringLike"), "aws:PrincipalTag/team", "${aws:username}");
                default ->
                    put(
                            condition,
                            pick("StringEquals", "StringNotEqualsIfExists"),
                            "aws:RequestedRegion",
                            pick(REGIONS));
            }
        }
        return condition;
    }

    private void put(ObjectNode condition, String operator, String key, String... values) {
        ObjectNode block =
                condition.has(operator) ? (ObjectNode) condition.get(operator) : condition.putObject(operator);
        if (block.has(key)) {
            return; // one key once per operator, as JSON requires
        }
        if (values.length == 1 && random.nextBoolean()) {
            block.put(key, values[0]);
        } else {
            ArrayNode list = block.putArray(key);
            for (String value : values) {
                list.add(value);
            }
        }
    }

    private String instantiate(String format, String account) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            int start = format.indexOf("${", i);
            if (start < 0) {
                out.append(format, i, format.length());
                break;
            }
            out.append(format, i, start);
            int end = format.indexOf('}', start);
            String variable = format.substring(start + 2, end);
            out.append(
                    switch (variable) {
                        case "Partition" -> "aws";
                        case "Region" -> REGIONS[random.nextInt(REGIONS.length)];
                        case "Account" -> account;
                        case "ObjectName", "KeyName" -> pick("a.csv", "sales/2026/p.parquet", "logs/x");
                        case "KeyId" -> "1234abcd-12ab-34cd-56ef-1234567890ab";
                        default -> pick(NAMES);
                    });
            i = end + 1;
        }
        return out.toString();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}

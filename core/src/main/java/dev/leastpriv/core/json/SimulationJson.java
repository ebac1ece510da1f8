package dev.leastpriv.core.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.IdentityPolicyGrammar;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Lines format of batch simulation (the simulate command's batch mode): one request with its policies per line in, one
 * decision per line out.
 *
 * <pre>{@code
 * {"id":1,"principal":"arn:aws:iam::123456789012:role/r","action":"s3:GetObject","resource":"arn:aws:s3:::b/k",
 *  "context":{"aws:SourceIp":"203.0.113.7","aws:TagKeys":["a","b"]},"identityPolicies":[{…}],
 *  "permissionsBoundary":{…},"serviceControlPolicies":[{…}],"resourcePolicy":{…},"resourceAccount":"123456789012"}
 * → {"id":1,"decision":"allowed"}
 * }</pre>
 *
 * <p>Only {@code action} and {@code resource} are required. Each element of {@code serviceControlPolicies} is one
 * level of the organization (root first, account last), and every level must allow. The id is echoed as written
 * (number, string or any JSON value).
 */
public final class SimulationJson {

    private static final ImmutableSet<String> KEYS = ImmutableSet.of(
            "id",
            "principal",
            "action",
            "resource",
            "context",
            "identityPolicies",
            "permissionsBoundary",
            "serviceControlPolicies",
            "resourcePolicy",
            "resourceAccount");

    /**
     * Scans lines for {@link #prepare}: {@link Json#MAPPER}'s parser without its duplicate detection, which costs a
     * hash set per JSON object. The texts scanned are read again with it where it matters: each policy text when it
     * is first compiled (a policy text read once is the same policy on every line), every other object or array of
     * the line every time, and the line's own fields are checked by {@link #prepare}.
     */
    private static final JsonFactory SCAN = Json.MAPPER
            .getFactory()
            .rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The fields that hold policies, in the order of {@link PolicyTexts}. */
    private static final ImmutableList<String> POLICY_FIELDS =
            ImmutableList.of("identityPolicies", "permissionsBoundary", "serviceControlPolicies", "resourcePolicy");

    private SimulationJson() {}

    /** One parsed line: the id as JSON text (or null), the request and its policies. */
    public record Case(@Nullable String id, Request request, Policies policies) {

        public Case {
            checkNotNull(request, "request");
            checkNotNull(policies, "policies");
        }
    }

    /**
     * Parses one line.
     *
     * @throws PolicyFormatException with the JSON pointer of the element at fault
     */
    public static Case parse(String line) {
        checkNotNull(line, "line");
        JsonNode root = tree(withoutByteOrderMark(line));
        if (!root.isObject()) {
            throw new PolicyFormatException("", "A request line must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!KEYS.contains(field.getKey())) {
                throw new PolicyFormatException(
                        "/" + field.getKey(),
                        "Unknown field " + InputRules.quote(field.getKey()) + ": expected one of "
                                + String.join(", ", KEYS));
            }
        }
        String id = id(root);
        Request built = request(root);
        Policies policies = policies(
                root.get("identityPolicies"),
                root.get("permissionsBoundary"),
                root.get("serviceControlPolicies"),
                root.get("resourcePolicy"));
        return new Case(id, built, policies);
    }

    /**
     * The policy fields of a line as written (null where absent or JSON {@code null}): lines that carry the same
     * text carry the same {@link Policies}, so a batch compiles them once ({@link SimulationBatch}).
     */
    record PolicyTexts(
            @Nullable String identity,
            @Nullable String boundary,
            @Nullable String scps,
            @Nullable String resource) {

        /** {@return the characters the texts hold, the weight of a cache entry} */
        int length() {
            return length(identity) + length(boundary) + length(scps) + length(resource);
        }

        private static int length(@Nullable String text) {
            return text == null ? 0 : text.length();
        }
    }

    /** A line read for a batch: its id, its request, and its policies still as text. */
    record Prepared(@Nullable String id, Request request, PolicyTexts policies) {}

    /**
     * Reads a line as {@link #parse} does, but leaves the policies as text: the line is read with a streaming parser,
     * whose policy values are only scanned (not built as trees) so that a batch need not read a policy twice.
     *
     * @return the line, or null if it is not a well-formed JSON object of known fields, each at most once, whose
     *     policy fields are arrays, objects or null: {@link #parse} then says what is wrong with it
     * @throws IllegalArgumentException if the request is invalid (as {@link #parse} does)
     */
    static @Nullable Prepared prepare(String line) {
        String text = withoutByteOrderMark(line);
        ObjectNode root = Json.MAPPER.createObjectNode();
        String[] policies = new String[POLICY_FIELDS.size()];
        int seen = 0; // the fields read, by their index in KEYS: each may appear once
        try (JsonParser parser = SCAN.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int key = KEYS.asList().indexOf(name);
                if (key < 0 || (seen & (1 << key)) != 0) {
                    return null;
                }
                seen |= 1 << key;
                JsonToken value = parser.nextToken();
                boolean container = value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
                int policy = POLICY_FIELDS.indexOf(name);
                if (policy >= 0) {
                    if (container) {
                        policies[policy] = span(parser, text);
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                } else if (container) {
                    root.set(name, Json.MAPPER.readTree(span(parser, text))); // with duplicate detection
                } else {
                    root.set(name, Json.MAPPER.readTree(parser));
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail
        }
        return new Prepared(
                id(root), request(root), new PolicyTexts(policies[0], policies[1], policies[2], policies[3]));
    }

    /** {@return the text of the object or array the parser is at}, leaving the parser at its end */
    private static String span(JsonParser parser, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        return text.substring(start, (int) parser.currentLocation().getCharOffset());
    }

    /**
     * {@return the policies of {@code texts}, read as {@link #parse} reads them}
     *
     * @throws IllegalArgumentException if a policy is invalid
     */
    static Policies policies(PolicyTexts texts) {
        return policies(
                subtree(texts.identity()), subtree(texts.boundary()), subtree(texts.scps()), subtree(texts.resource()));
    }

    private static @Nullable JsonNode subtree(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            // prepare() scanned this text as one JSON value; a value it could not build as a tree is refused here
            throw new PolicyFormatException("", "Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static @Nullable String id(JsonNode root) {
        return root.has("id") ? root.get("id").toString() : null;
    }

    private static Request request(JsonNode root) {
        Request.Builder request = Request.builder();
        construct("/action", () -> request.action(required(root, "action")));
        construct("/resource", () -> request.resource(arnOrStar(required(root, "resource"))));
        construct("/principal", () -> request.principal(arnOrName(optional(root, "principal"))));
        construct("/resourceAccount", () -> request.resourceAccount(optional(root, "resourceAccount")));
        JsonNode context = root.get("context");
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw new PolicyFormatException("/context", "\"context\" must be an object of keys to values");
            }
            for (Map.Entry<String, JsonNode> entry : context.properties()) {
                request.context(entry.getKey(), contextValues(entry.getValue(), "/context/" + escape(entry.getKey())));
            }
        }
        return construct("", request::build);
    }

    private static Policies policies(
            @Nullable JsonNode identityNode,
            @Nullable JsonNode boundary,
            @Nullable JsonNode scpNode,
            @Nullable JsonNode resourcePolicy) {
        List<Policy> identity = policies(identityNode, "/identityPolicies");
        List<Policy> scps = policies(scpNode, "/serviceControlPolicies");
        Policies policies = Policies.identity(identity);
        for (int i = 0; i < identity.size(); i++) {
            IdentityPolicyGrammar.require(identity.get(i), "/identityPolicies/" + i);
        }
        if (boundary != null && !boundary.isNull()) {
            policies = policies.withBoundary(IdentityPolicyGrammar.require(
                    PolicyReader.read(boundary, "/permissionsBoundary"), "/permissionsBoundary"));
        }
        for (Policy scp : scps) {
            policies = policies.withScpLevel(scp);
        }
        if (resourcePolicy != null && !resourcePolicy.isNull()) {
            policies = policies.withResourcePolicy(PolicyReader.read(resourcePolicy, "/resourcePolicy"));
        }
        return policies;
    }

    /** {@return the line's id as JSON text, or null if the line has none or is not a JSON object} */
    public static @Nullable String idOf(String line) {
        try {
            JsonNode root = Json.MAPPER.readTree(withoutByteOrderMark(line));
            return root != null && root.isObject() && root.has("id")
                    ? root.get("id").toString()
                    : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@return the output line {@code {"id":…,"decision":"…"}}} */
    public static String decision(@Nullable String id, Evaluation evaluation) {
        return line(id, 0, "decision", evaluation.decision().jsonValue(), evaluation.assumption());
    }

    /**
     * {@return the output line {@code {"id":…,"line":…,"error":"…"}}}
     *
     * @param id the line's id, or null when it has none that could be read
     * @param line the 1-based number of the input line
     */
    public static String error(@Nullable String id, int line, String message) {
        checkArgument(line >= 1, "line numbers start at 1");
        return line(id, line, "error", message, null);
    }

    private static String line(@Nullable String id, int line, String field, String value, @Nullable String assumption) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            if (id != null) {
                generator.writeFieldName("id");
                generator.writeRawValue(id); // re-serialized from a parsed node: valid JSON
            }
            if (line > 0) {
                // Which input line failed, for a line with no id or an id given twice.
                generator.writeNumberField("line", line);
            }
            generator.writeStringField(field, value);
            if (assumption != null) {
                // A decision that rests on a policy not given (a key or trust policy) says so.
                generator.writeStringField("assumption", assumption);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The first line of a file saved with a UTF-8 byte order mark starts with it; it is not part of the request. */
    private static String withoutByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static JsonNode tree(String line) {
        try (JsonParser parser = Json.MAPPER.createParser(line)) {
            JsonNode root = Json.MAPPER.readTree(parser);
            if (root == null) {
                throw new PolicyFormatException("", "Empty line; expected a JSON object");
            }
            // A second value on the line would otherwise be dropped silently, with its id.
            if (parser.nextToken() != null) {
                throw new PolicyFormatException("", "Unexpected content after the request object; one request a line");
            }
            return root;
        } catch (JacksonException e) {
            throw new PolicyFormatException("", "Invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail
        }
    }

    private static String arnOrStar(String resource) {
        if (!resource.equals("*")) {
            Arn.parse(resource);
        }
        return resource;
    }

    private static @Nullable String arnOrName(@Nullable String principal) {
        if (principal != null && principal.startsWith("arn:")) {
            Arn.parse(principal);
        }
        return principal;
    }

    private static String required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new PolicyFormatException("/" + field, InputRules.quote(field) + " is required and must be a string");
        }
        return node.asText();
    }

    private static @Nullable String optional(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PolicyFormatException("/" + field, InputRules.quote(field) + " must be a string");
        }
        return node.asText();
    }

    private static List<String> contextValues(JsonNode node, String pointer) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.add(scalar(node.get(i), pointer + "/" + i));
            }
        } else {
            values.add(scalar(node, pointer));
        }
        return values;
    }

    private static String scalar(JsonNode node, String pointer) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new PolicyFormatException(pointer, "A context value must be a string, number or boolean");
    }

    private static List<Policy> policies(@Nullable JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return ImmutableList.of();
        }
        if (!node.isArray()) {
            throw new PolicyFormatException(pointer, "Expected an array of policy objects");
        }
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            policies.add(PolicyReader.read(node.get(i), pointer + "/" + i));
        }
        return policies;
    }

    private static <T> T construct(String pointer, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (PolicyFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PolicyFormatException(pointer, e.getMessage(), e);
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

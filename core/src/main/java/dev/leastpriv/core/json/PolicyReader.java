package dev.leastpriv.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads liberally and rejects loudly: every element may be a scalar or an array, principals may be {@code "*"} or
 * an object, condition values may be strings, numbers or booleans; anything else is a
 * {@link PolicyFormatException} with the JSON pointer of the element. Nothing is dropped silently.
 */
final class PolicyReader {

    private static final ImmutableSet<String> POLICY_KEYS = ImmutableSet.of("Version", "Id", "Statement");
    private static final ImmutableSet<String> STATEMENT_KEYS = ImmutableSet.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");

    /** A valid statement used to check one element at a time with the model's own rules, for exact pointers. */
    private static final Statement PLACEHOLDER =
            Statement.allow().addAction(Action.ALL).build();

    private PolicyReader() {}

    /**
     * IAM's policyDocumentType maximum: 131,072 characters. It is applied to the policy's compact canonical JSON,
     * the form that is uploaded, and not to the text as read: the same policy then gets the same answer whatever
     * its layout, and what was read reads back from its own pretty JSON, which can be twice as long.
     */
    static final int MAX_DOCUMENT = 131_072;

    static Policy read(String text) {
        return read(text, true);
    }

    /**
     * @param apiLimit whether to refuse a document over {@link #MAX_DOCUMENT}: AWS's own managed policies can be
     *     larger (AWSSupportServiceRolePolicy has 152,297 characters), so a check of existing policies reports size
     *     as a finding instead
     */
    static Policy read(String text, boolean apiLimit) {
        // A UTF-8 byte order mark is not part of the document (editors on Windows write one).
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        JsonNode root;
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            root = Json.MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new PolicyFormatException("", "Unexpected content after the policy document");
            }
        } catch (JacksonException e) {
            throw syntaxError(e);
        } catch (java.io.IOException e) {
            throw new PolicyFormatException("", "Unreadable JSON: " + e.getMessage(), e);
        }
        return read(root, "", apiLimit);
    }

    /** Reads a policy embedded in a larger document; every pointer starts with {@code base}. */
    static Policy read(@Nullable JsonNode root, String base) {
        return read(root, base, true);
    }

    private static Policy read(@Nullable JsonNode root, String base, boolean apiLimit) {
        if (root == null || !root.isObject()) {
            throw new PolicyFormatException(base, "A policy must be a JSON object");
        }
        checkKeys(root, base, POLICY_KEYS);
        Policy.Builder policy = Policy.builder();
        // IAM: a policy without "Version" is version 2008-10-17, where policy variables are not substituted.
        String version = root.has("Version") ? text(root.get("Version"), base + "/Version") : Policy.VERSION_2008;
        construct(
                base + "/Version",
                () -> Policy.builder()
                        .version(version)
                        .addStatement(PLACEHOLDER)
                        .build());
        policy.version(version);
        if (root.has("Id")) {
            String id = text(root.get("Id"), base + "/Id");
            construct(
                    base + "/Id",
                    () -> Policy.builder().id(id).addStatement(PLACEHOLDER).build());
            policy.id(id);
        }
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw new PolicyFormatException(base, "A policy needs a \"Statement\" element");
        }
        if (statements.isObject()) {
            policy.addStatement(statement(statements, base + "/Statement"));
        } else if (statements.isArray() && !statements.isEmpty()) {
            for (int i = 0; i < statements.size(); i++) {
                policy.addStatement(statement(statements.get(i), base + "/Statement/" + i));
            }
        } else {
            throw new PolicyFormatException(
                    base + "/Statement", "\"Statement\" must be an object or a non-empty array");
        }
        Policy read = construct(base, policy::build);
        int size = apiLimit ? PolicyWriter.write(read, false).length() : 0;
        if (apiLimit && size > MAX_DOCUMENT) {
            throw new PolicyFormatException(
                    base,
                    String.format(
                            java.util.Locale.ROOT,
                            "Policy document has %,d characters in compact form; IAM accepts at most %,d",
                            size,
                            MAX_DOCUMENT));
        }
        return read;
    }

    private static Statement statement(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new PolicyFormatException(pointer, "A statement must be a JSON object");
        }
        checkKeys(node, pointer, STATEMENT_KEYS);
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw new PolicyFormatException(pointer, "Statement has no \"Effect\"; expected \"Allow\" or \"Deny\"");
        }
        String effectText = text(effect, pointer + "/Effect");
        Statement.Builder builder;
        if (effectText.equals("Allow")) {
            builder = Statement.allow();
        } else if (effectText.equals("Deny")) {
            builder = Statement.deny();
        } else {
            throw new PolicyFormatException(
                    pointer + "/Effect",
                    "Invalid Effect " + InputRules.quote(effectText) + ": expected \"Allow\" or \"Deny\"");
        }
        if (node.has("Sid")) {
            String sid = text(node.get("Sid"), pointer + "/Sid");
            construct(pointer + "/Sid", () -> PLACEHOLDER.toBuilder().sid(sid).build());
            builder.sid(sid);
        }
        if (node.has("Principal")) {
            builder.principals(principals(node.get("Principal"), pointer + "/Principal"));
        }
        if (node.has("NotPrincipal")) {
            builder.notPrincipals(principals(node.get("NotPrincipal"), pointer + "/NotPrincipal"));
        }
        if (node.has("Action")) {
            builder.actions(values(node.get("Action"), pointer + "/Action", Action::parse));
        }
        if (node.has("NotAction")) {
            builder.notActions(values(node.get("NotAction"), pointer + "/NotAction", Action::parse));
        }
        if (node.has("Resource")) {
            builder.resources(values(node.get("Resource"), pointer + "/Resource", Resource::parse));
        }
        if (node.has("NotResource")) {
            builder.notResources(values(node.get("NotResource"), pointer + "/NotResource", Resource::parse));
        }
        if (node.has("Condition")) {
            builder.conditions(conditions(node.get("Condition"), pointer + "/Condition"));
        }
        if (!node.has("Action") && !node.has("NotAction")) {
            throw new PolicyFormatException(pointer, "Statement has neither \"Action\" nor \"NotAction\"");
        }
        return construct(pointer, builder::build);
    }

    private static List<Principal> principals(JsonNode node, String pointer) {
        if (node.isTextual() && node.asText().equals("*")) {
            return ImmutableList.of(Principal.ALL);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new PolicyFormatException(
                    pointer,
                    "A principal must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}");
        }
        List<Principal> principals = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Principal.Type type = principalType(entry.getKey(), pointer);
            String typePointer = pointer + "/" + escape(entry.getKey());
            principals.addAll(values(entry.getValue(), typePointer, id -> new Principal(type, id)));
        }
        return principals;
    }

    private static Principal.Type principalType(String key, String pointer) {
        for (Principal.Type type : Principal.Type.values()) {
            if (type != Principal.Type.ALL && type.jsonValue().equals(key)) {
                return type;
            }
        }
        throw new PolicyFormatException(
                pointer + "/" + escape(key),
                "Unknown principal type " + InputRules.quote(key)
                        + ": expected AWS, CanonicalUser, Federated or Service");
    }

    private static List<Condition> conditions(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new PolicyFormatException(pointer, "\"Condition\" must be an object of operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : node.properties()) {
            String opPointer = pointer + "/" + escape(op.getKey());
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new PolicyFormatException(
                        opPointer,
                        "Condition operator " + InputRules.quote(op.getKey())
                                + " must map to an object of context keys");
            }
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                String keyPointer = opPointer + "/" + escape(key.getKey());
                List<String> values = values(key.getValue(), keyPointer, PolicyReader::identity, true);
                conditions.add(construct(keyPointer, () -> Condition.of(op.getKey(), key.getKey(), values)));
            }
        }
        return conditions;
    }

    private static <T> List<T> values(JsonNode node, String pointer, Function<String, T> parse) {
        return values(node, pointer, parse, false);
    }

    /** A scalar or a non-empty array of scalars; each value is parsed at its own pointer. */
    private static <T> List<T> values(JsonNode node, String pointer, Function<String, T> parse, boolean scalars) {
        List<T> values = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new PolicyFormatException(pointer, "Empty array; expected at least one value");
            }
            for (int i = 0; i < node.size(); i++) {
                String itemPointer = pointer + "/" + i;
                String text = scalars ? scalar(node.get(i), itemPointer) : text(node.get(i), itemPointer);
                values.add(construct(itemPointer, () -> parse.apply(text)));
            }
        } else {
            String text = scalars ? scalar(node, pointer) : text(node, pointer);
            values.add(construct(pointer, () -> parse.apply(text)));
        }
        return values;
    }

    private static String text(JsonNode node, String pointer) {
        if (!node.isTextual()) {
            throw new PolicyFormatException(pointer, "Expected a string, found " + describe(node));
        }
        return node.asText();
    }

    /** Condition values: IAM accepts strings, numbers and booleans and compares their text. */
    private static String scalar(JsonNode node, String pointer) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new PolicyFormatException(pointer, "Expected a string, number or boolean, found " + describe(node));
    }

    private static void checkKeys(JsonNode node, String pointer, ImmutableSet<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new PolicyFormatException(
                        pointer + "/" + escape(name),
                        "Unknown element " + InputRules.quote(name) + ": expected one of "
                                + String.join(", ", allowed));
            }
        }
    }

    /** Runs a model constructor and turns its validation error into a format error at {@code pointer}. */
    private static <T> T construct(String pointer, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (PolicyFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PolicyFormatException(pointer, e.getMessage(), e);
        }
    }

    private static String identity(String text) {
        return text;
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** RFC 6901: "~" becomes "~0" and "/" becomes "~1". */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** A syntax error with its line and column, in words rather than Jackson's source descriptions. */
    static PolicyFormatException syntaxError(JacksonException e) {
        String message = e.getOriginalMessage()
                .replaceAll("\\[Source: [^;\\]]*; ", "[")
                .lines()
                .findFirst()
                .orElse("");
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        PolicyFormatException failure =
                new PolicyFormatException("", "Invalid JSON: " + message + location(e), line, column);
        failure.initCause(e);
        return failure;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}

package dev.leastpriv.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Statement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical form: keys in AWS's order (Version, Id, Statement / Sid, Effect, Principal, NotPrincipal,
 * Action, NotAction, Resource, NotResource, Condition), and {@code Action}, {@code Resource}, principal and condition
 * values always as arrays, so diffs stay small and consumers see one shape.
 */
final class PolicyWriter {

    private PolicyWriter() {}

    static String write(Policy policy, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            if (pretty) {
                generator.setPrettyPrinter(Json.prettyPrinter());
            }
            writePolicy(generator, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string failed", e);
        }
        return pretty ? out.append('\n').toString() : out.toString();
    }

    private static void writePolicy(JsonGenerator g, Policy policy) throws IOException {
        g.writeStartObject();
        g.writeStringField("Version", policy.version());
        if (policy.id() != null) {
            g.writeStringField("Id", policy.id());
        }
        g.writeArrayFieldStart("Statement");
        for (Statement statement : policy.statements()) {
            writeStatement(g, statement);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStatement(JsonGenerator g, Statement s) throws IOException {
        g.writeStartObject();
        if (s.sid() != null) {
            g.writeStringField("Sid", s.sid());
        }
        g.writeStringField("Effect", s.effect().jsonValue());
        writePrincipals(g, "Principal", s.principals());
        writePrincipals(g, "NotPrincipal", s.notPrincipals());
        writeStrings(g, "Action", texts(s.actions()));
        writeStrings(g, "NotAction", texts(s.notActions()));
        writeStrings(g, "Resource", texts(s.resources()));
        writeStrings(g, "NotResource", texts(s.notResources()));
        writeConditions(g, s);
        g.writeEndObject();
    }

    private static void writePrincipals(JsonGenerator g, String field, Iterable<Principal> principals)
            throws IOException {
        Map<Principal.Type, List<String>> byType = new LinkedHashMap<>();
        for (Principal.Type type : Principal.Type.values()) {
            byType.put(type, new ArrayList<>());
        }
        boolean any = false;
        for (Principal principal : principals) {
            byType.get(principal.type()).add(principal.id());
            any = true;
        }
        if (!any) {
            return;
        }
        if (!byType.get(Principal.Type.ALL).isEmpty()) {
            g.writeStringField(field, "*"); // the statement guarantees "*" stands alone
            return;
        }
        g.writeObjectFieldStart(field);
        for (Map.Entry<Principal.Type, List<String>> entry : byType.entrySet()) {
            writeStrings(g, entry.getKey().jsonValue(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void writeConditions(JsonGenerator g, Statement s) throws IOException {
        if (s.conditions().isEmpty()) {
            return;
        }
        // Group by operator in first-appearance order; IAM's JSON nests key under operator.
        Map<String, List<Condition>> byOperator = new LinkedHashMap<>();
        for (Condition condition : s.conditions()) {
            byOperator
                    .computeIfAbsent(condition.operator(), k -> new ArrayList<>())
                    .add(condition);
        }
        g.writeObjectFieldStart("Condition");
        for (Map.Entry<String, List<Condition>> entry : byOperator.entrySet()) {
            g.writeObjectFieldStart(entry.getKey());
            for (Condition condition : entry.getValue()) {
                writeStrings(g, condition.key(), condition.values());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static List<String> texts(Iterable<?> values) {
        List<String> texts = new ArrayList<>();
        for (Object value : values) {
            texts.add(value.toString()); // Action and Resource print their canonical text
        }
        return texts;
    }
}

package dev.leastpriv.core.json;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A policy read from a file, with where each of its elements stands in the text: findings name a JSON pointer and
 * a line and column, in the file's own shape even when it writes a single value where the model holds a list.
 *
 * <pre>{@code
 * PolicySource source = PolicySource.parse(Files.readString(path));
 * PolicySource.Location at = source.locate("/Statement/0/Action/1"); // "/Statement/Action" for a scalar form
 * }</pre>
 */
public final class PolicySource {

    /** Where an element stands: its pointer in the file and its 1-based line and column. */
    public record Location(String pointer, int line, int column) {}

    private final @Nullable Policy policy;
    private final ImmutableMap<String, Location> locations;

    private PolicySource(@Nullable Policy policy, ImmutableMap<String, Location> locations) {
        this.policy = policy;
        this.locations = locations;
    }

    /**
     * Reads a policy and the positions of its elements. Unlike {@link PolicyJson#read}, a document over the IAM
     * API's 131,072 characters is read: AWS ships managed policies that large, and a check reports size itself.
     *
     * @throws PolicyFormatException as {@link PolicyJson#read} does, but for size
     */
    public static PolicySource parse(String json) {
        checkNotNull(json, "json");
        Policy policy = PolicyReader.read(json, false);
        return new PolicySource(policy, locations(json));
    }

    /**
     * {@return where {@code canonicalPointer} stands in {@code json}, for a document that is valid JSON but not a
     * valid policy}; line 1, column 1 when the text is not JSON at all
     */
    public static Location locate(String json, String canonicalPointer) {
        try {
            return new PolicySource(null, locations(json)).locate(canonicalPointer);
        } catch (PolicyFormatException e) {
            return new Location("", 1, 1);
        }
    }

    private static ImmutableMap<String, Location> locations(String text) {
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Map<String, Location> locations = new LinkedHashMap<>();
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            if (parser.nextToken() != null) {
                walk(parser, "", locations);
            }
        } catch (JacksonException e) {
            throw PolicyReader.syntaxError(e);
        } catch (IOException e) {
            throw new PolicyFormatException("", "Unreadable JSON: " + e.getMessage(), e);
        }
        return ImmutableMap.copyOf(locations);
    }

    /** {@return the policy} */
    public Policy policy() {
        checkState(policy != null, "only locations were read");
        return policy;
    }

    /**
     * {@return the location of the element a canonical pointer names} A canonical pointer indexes lists, as the
     * model holds them ({@code /Statement/0/Action/0}); where the file writes a single value or a single statement
     * object, the index is dropped. An element that does not exist resolves to its nearest existing ancestor.
     */
    public Location locate(String canonicalPointer) {
        String actual = "";
        Location found = locations.getOrDefault("", new Location("", 1, 1));
        if (canonicalPointer.isEmpty()) {
            return found;
        }
        for (String segment : canonicalPointer.substring(1).split("/", -1)) {
            String candidate = actual + "/" + segment;
            Location next = locations.get(candidate);
            if (next != null) {
                actual = candidate;
                found = next;
            } else if (!segment.equals("0")) {
                break; // index 0 of a list written as one value stays on that value
            }
        }
        return found;
    }

    private static void walk(JsonParser parser, String pointer, Map<String, Location> locations) throws IOException {
        JsonToken token = parser.currentToken();
        locations.putIfAbsent(pointer, location(pointer, parser.currentTokenLocation()));
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child =
                        pointer + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
                locations.put(child, location(child, parser.currentTokenLocation()));
                parser.nextToken();
                walk(parser, child, locations);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, pointer + "/" + index++, locations);
            }
        }
    }

    private static Location location(String pointer, JsonLocation at) {
        return new Location(pointer, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }
}

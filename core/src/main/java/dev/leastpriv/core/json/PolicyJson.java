package dev.leastpriv.core.json;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;

/**
 * Reads and writes policy documents.
 *
 * <pre>{@code
 * Policy policy = PolicyJson.read(Files.readString(path));
 * String upload = PolicyJson.write(policy);       // one line, no whitespace
 * String docs = PolicyJson.writePretty(policy);   // AWS documentation layout
 * }</pre>
 */
public final class PolicyJson {

    private PolicyJson() {}

    /**
     * Reads a policy document, accepting the scalar and array forms of every element.
     *
     * @throws PolicyFormatException with the JSON pointer of the first element that is not valid
     */
    public static Policy read(String json) {
        return PolicyReader.read(checkNotNull(json, "json"));
    }

    /** {@return the canonical compact JSON of {@code policy}: one line, no whitespace outside strings} */
    public static String write(Policy policy) {
        return PolicyWriter.write(checkNotNull(policy, "policy"), false);
    }

    /** {@return the canonical pretty JSON of {@code policy}: 4-space indent, {@code "Key": value}, final newline} */
    public static String writePretty(Policy policy) {
        return PolicyWriter.write(checkNotNull(policy, "policy"), true);
    }

    /**
     * {@return a new pretty printer with the layout of every pretty JSON leastpriv writes}: AWS's documentation layout
     * (4 spaces, {@code "\n"}, {@code "Key": value}), for policies, templates, manifests and reports alike. A new one
     * each call: Jackson's pretty printers keep state while writing.
     */
    public static DefaultPrettyPrinter prettyPrinter() {
        return Json.prettyPrinter();
    }

    /**
     * {@return the JSON tree of {@code json}, read by core's one Jackson mapper} (duplicate keys are errors), for the
     * other JSON core reads, such as the bundled action catalog
     *
     * @throws JsonProcessingException if the text is not JSON or repeats a key
     */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return Json.MAPPER.readTree(checkNotNull(json, "json"));
    }
}

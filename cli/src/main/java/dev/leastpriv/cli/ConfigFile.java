package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.InputRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A YAML or JSON config file whose field names are the long flag names without dashes in front
 * ({@code region}, {@code kms-key}, {@code both-catalog-cases}). Lists may be written as a list or a single
 * value. Unknown and repeated fields are errors, so a typo never silently drops a setting.
 */
final class ConfigFile {

    static final ImmutableSet<String> LIST_FIELDS = ImmutableSet.of(
            "history-workgroup",
            "catalog",
            "database",
            "database-prefix",
            "data",
            "spill",
            "write-location",
            "features",
            "lambda",
            "kms-key");
    static final ImmutableSet<String> BOOLEAN_FIELDS =
            ImmutableSet.of("lake-formation", "kms", "both-catalog-cases", "placeholders");
    static final ImmutableSet<String> SCALAR_FIELDS = ImmutableSet.of(
            "connector",
            "region",
            "account",
            "partition",
            "workgroup",
            "session-database",
            "results",
            "trusted-account",
            "trusted-principal",
            "external-id");

    private final String source;
    private final ImmutableMap<String, JsonNode> fields;

    private ConfigFile(String source, ImmutableMap<String, JsonNode> fields) {
        this.source = source;
        this.fields = fields;
    }

    static ConfigFile empty() {
        return new ConfigFile("(none)", ImmutableMap.of());
    }

    /** Reads {@code path}; {@code .json} files as JSON, anything else as YAML (a superset of JSON). */
    static ConfigFile read(Path path) {
        String source = "config file " + InputRules.quote(path);
        String text = InputFiles.read(path, "--config", InputFiles.CONFIG_LIMIT);
        boolean yaml = !path.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        // A field given twice is an error, not last-wins: the first value would be dropped silently.
        ObjectMapper mapper = CliJson.configMapper(yaml);
        String format = yaml ? "YAML" : "JSON";
        JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            root = mapper.readTree(parser);
            // Whatever follows the first document (a second YAML document after "---", a second JSON value)
            // would otherwise be ignored silently.
            if (root != null && parser.nextToken() != null) {
                throw new InputException(source + " holds more than one " + format + " document (line "
                        + parser.currentLocation().getLineNr() + "); put every field in one");
            }
            if (yaml) {
                rejectAliases(mapper, text, source);
            }
        } catch (JacksonException e) {
            throw new InputException(
                    source + " is not valid " + format + ": "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        } catch (IOException e) {
            throw new InputException(source + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(source, ImmutableMap.of());
        }
        if (!root.isObject()) {
            throw new InputException(source + " must hold a mapping of field names to values");
        }
        ImmutableMap.Builder<String, JsonNode> fields = ImmutableMap.builder();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            if (!LIST_FIELDS.contains(name) && !BOOLEAN_FIELDS.contains(name) && !SCALAR_FIELDS.contains(name)) {
                throw new InputException(source + ": unknown field " + InputRules.quote(name) + "; expected one of "
                        + String.join(
                                ", ",
                                ImmutableList.<String>builder()
                                        .addAll(SCALAR_FIELDS)
                                        .addAll(LIST_FIELDS)
                                        .addAll(BOOLEAN_FIELDS)
                                        .build()));
            }
            fields.put(name, entry.getValue());
        }
        return new ConfigFile(source, fields.buildOrThrow());
    }

    /**
     * Jackson's YAML parser does not resolve an alias: it reads {@code *name} as the string {@code "name"}, so
     * {@code workgroup: *wg} would silently become workgroup "wg". Aliases are refused instead of followed, which
     * also rules out alias bombs (billion laughs).
     */
    private static void rejectAliases(ObjectMapper mapper, String text, String source) throws IOException {
        try (YAMLParser parser = (YAMLParser) mapper.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new InputException(source + ": YAML aliases are not supported (*" + parser.getText()
                            + " on line " + parser.currentLocation().getLineNr() + "); write the value itself");
                }
            }
        }
    }

    /** {@return whether the file names {@code field}, even with an empty or null value} */
    boolean has(String field) {
        return fields.containsKey(field);
    }

    Optional<String> string(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(scalar(field, node));
    }

    ImmutableList<String> list(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return ImmutableList.of();
        }
        if (!node.isArray()) {
            return ImmutableList.of(scalar(field, node));
        }
        ImmutableList.Builder<String> values = ImmutableList.builder();
        for (JsonNode item : node) {
            values.add(scalar(field, item));
        }
        return values.build();
    }

    @Nullable
    Boolean bool(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InputException(
                    source + ": field " + InputRules.quote(field) + " must be true or false, not " + node);
        }
        return node.booleanValue();
    }

    private String scalar(String field, JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            // YAML 1.1 reads an unquoted 012345678901 as an octal number: the account id would change silently.
            throw new InputException(
                    source + ": field " + InputRules.quote(field) + " must be a quoted string, not the number " + node
                            + "; write it in quotes (\"012345678901\") so leading zeros survive");
        }
        throw new InputException(source + ": field " + InputRules.quote(field) + " must be a string"
                + (LIST_FIELDS.contains(field) ? " or a list of strings" : "") + ", not " + node);
    }
}

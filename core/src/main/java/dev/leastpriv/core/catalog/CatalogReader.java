package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.json.PolicyJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the catalog resources written by {@code tools/catalog/generate.mjs}: the index and one document per
 * service. Jackson is used only here.
 *
 * <p>The reader is strict: an unknown field, a missing field or a value of the wrong shape is an error naming the
 * document and the JSON pointer ({@code services/glue.json#/actions/GetTables}), so a generator change that the Java
 * side does not know about fails the build instead of being dropped silently.
 */
final class CatalogReader {

    private static final ImmutableSet<String> INDEX_FIELDS = ImmutableSet.of(
            "conditionKeyServices", "generated", "globalConditionKeys", "license", "services", "source", "version");
    private static final ImmutableSet<String> SERVICE_FIELDS =
            ImmutableSet.of("actions", "conditionKeys", "name", "resourceTypes");
    private static final ImmutableSet<String> ACTION_FIELDS =
            ImmutableSet.of("accessLevel", "conditionKeys", "resourceTypes", "wildcardOnly");
    private static final ImmutableSet<String> REF_FIELDS = ImmutableSet.of("conditionKeys", "name", "required");
    private static final ImmutableSet<String> TYPE_FIELDS = ImmutableSet.of("arnFormats", "conditionKeys");
    /** As {@link dev.leastpriv.core.Action} accepts them, in lowercase: the catalog looks services up lowercased. */
    private static final Pattern SERVICE_PREFIX = Pattern.compile("[a-z0-9-]+");

    private CatalogReader() {}

    /**
     * Parses the index: the data's provenance, the global condition keys and the service prefixes.
     *
     * @param document the index's name in messages, e.g. {@code iam-catalog.json}
     * @throws IllegalArgumentException if the text is not a catalog index
     */
    static IndexContents readIndex(String document, String json) {
        JsonNode root = parse(document, json);
        fields(root, document, "", INDEX_FIELDS);

        var globalKeys = new LinkedHashMap<String, ConditionKeyType>();
        readConditionKeys(
                root.get("globalConditionKeys"), document, "/globalConditionKeys", new LinkedHashMap<>(), globalKeys);

        JsonNode servicesNode = array(root.get("services"), document, "/services");
        var services = ImmutableList.<String>builder();
        String previous = "";
        for (int i = 0; i < servicesNode.size(); i++) {
            String pointer = "/services/" + i;
            String service = text(servicesNode.get(i), document, pointer);
            if (!SERVICE_PREFIX.matcher(service).matches()) {
                throw malformed(document, pointer, "\"%s\" is not a lowercase service prefix", service);
            }
            if (service.compareTo(previous) <= 0) {
                throw malformed(
                        document, pointer, "\"%s\" is not after \"%s\": services must be sorted", service, previous);
            }
            services.add(service);
            previous = service;
        }
        ImmutableList<String> serviceList = services.build();

        JsonNode keyServicesNode = object(root.get("conditionKeyServices"), document, "/conditionKeyServices");
        var keyServices = ImmutableMap.<String, ImmutableList<String>>builder();
        for (Iterator<String> it = keyServicesNode.fieldNames(); it.hasNext(); ) {
            String prefix = it.next();
            String pointer = "/conditionKeyServices/" + prefix;
            ImmutableList<String> owners = strings(keyServicesNode.get(prefix), document, pointer);
            for (String owner : owners) {
                if (!serviceList.contains(owner)) {
                    throw malformed(document, pointer, "\"%s\" is not one of the services", owner);
                }
            }
            if (owners.isEmpty()) {
                throw malformed(document, pointer, "expected at least one service");
            }
            keyServices.put(prefix, owners);
        }
        return new IndexContents(
                text(root.get("source"), document, "/source"),
                text(root.get("version"), document, "/version"),
                text(root.get("generated"), document, "/generated"),
                text(root.get("license"), document, "/license"),
                ImmutableMap.copyOf(globalKeys),
                keyServices.buildOrThrow(),
                serviceList);
    }

    /**
     * Parses one service's document.
     *
     * @param document the document's name in messages, e.g. {@code services/glue.json}
     * @param globalKeys the index's global condition keys, which the service's keys must not contradict
     * @throws IllegalArgumentException if the text is not a service of the catalog
     */
    static ServiceContents readService(
            String service, String document, String json, Map<String, ConditionKeyType> globalKeys) {
        checkNotNull(service, "service");
        JsonNode root = parse(document, json);
        fields(root, document, "", SERVICE_FIELDS);
        String name = text(root.get("name"), document, "/name");

        var lowerKeys = new LinkedHashMap<String, ConditionKeyType>();
        globalKeys.forEach((key, type) -> lowerKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), type));
        var conditionKeys = new LinkedHashMap<String, ConditionKeyType>();
        readConditionKeys(root.get("conditionKeys"), document, "/conditionKeys", lowerKeys, conditionKeys);

        var types = readResourceTypes(root.get("resourceTypes"), document);
        var actions = readActions(service, root.get("actions"), document, types);
        return new ServiceContents(
                name, actions, ImmutableList.copyOf(types.values()), ImmutableMap.copyOf(conditionKeys));
    }

    private static JsonNode parse(String document, String json) {
        checkNotNull(document, "document");
        checkNotNull(json, "json");
        try {
            return PolicyJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Malformed action catalog " + document + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void readConditionKeys(
            JsonNode node,
            String document,
            String pointer,
            Map<String, ConditionKeyType> lowerKeys,
            Map<String, ConditionKeyType> keys) {
        JsonNode object = object(node, document, pointer);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String keyPointer = pointer + "/" + key;
            ConditionKeyType type = conditionKeyType(object.get(key), document, keyPointer);
            ConditionKeyType earlier = lowerKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), type);
            if (earlier != null && earlier != type) {
                throw malformed(
                        document,
                        keyPointer,
                        "the key is %s here but %s elsewhere",
                        type.dataName(),
                        earlier.dataName());
            }
            keys.putIfAbsent(key, type);
        }
    }

    private static ConditionKeyType conditionKeyType(JsonNode node, String document, String pointer) {
        String name = text(node, document, pointer);
        try {
            return ConditionKeyType.fromDataName(name);
        } catch (IllegalArgumentException e) {
            throw malformed(document, pointer, "%s", e.getMessage());
        }
    }

    private static Map<String, ResourceType> readResourceTypes(JsonNode node, String document) {
        JsonNode object = object(node, document, "/resourceTypes");
        var types = new LinkedHashMap<String, ResourceType>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String typePointer = "/resourceTypes/" + name;
            JsonNode typeNode = object.get(name);
            fields(typeNode, document, typePointer, TYPE_FIELDS);
            try {
                types.put(
                        name,
                        new ResourceType(
                                name,
                                strings(typeNode.get("arnFormats"), document, typePointer + "/arnFormats"),
                                strings(typeNode.get("conditionKeys"), document, typePointer + "/conditionKeys")));
            } catch (IllegalArgumentException e) {
                throw malformed(document, typePointer, "%s", e.getMessage());
            }
        }
        return types;
    }

    private static ImmutableList<ActionDefinition> readActions(
            String service, JsonNode node, String document, Map<String, ResourceType> types) {
        JsonNode object = object(node, document, "/actions");
        var actions = ImmutableList.<ActionDefinition>builder();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String actionPointer = "/actions/" + name;
            JsonNode actionNode = object.get(name);
            fields(actionNode, document, actionPointer, ACTION_FIELDS);
            var refs = new ArrayList<ResourceTypeRef>();
            JsonNode refsNode = array(actionNode.get("resourceTypes"), document, actionPointer + "/resourceTypes");
            for (int i = 0; i < refsNode.size(); i++) {
                String refPointer = actionPointer + "/resourceTypes/" + i;
                JsonNode refNode = refsNode.get(i);
                fields(refNode, document, refPointer, REF_FIELDS);
                String typeName = text(refNode.get("name"), document, refPointer + "/name");
                ResourceType type = types.get(typeName);
                if (type == null) {
                    throw malformed(
                            document, refPointer, "resource type \"%s\" is not defined for %s", typeName, service);
                }
                refs.add(new ResourceTypeRef(
                        type.name(),
                        bool(refNode.get("required"), document, refPointer + "/required"),
                        type.arnFormats(),
                        strings(refNode.get("conditionKeys"), document, refPointer + "/conditionKeys")));
            }
            boolean wildcardOnly = bool(actionNode.get("wildcardOnly"), document, actionPointer + "/wildcardOnly");
            if (wildcardOnly != refs.isEmpty()) {
                throw malformed(
                        document,
                        actionPointer,
                        "wildcardOnly is %s but the action has %s resource types",
                        wildcardOnly,
                        refs.size());
            }
            try {
                actions.add(new ActionDefinition(
                        service,
                        name,
                        text(actionNode.get("accessLevel"), document, actionPointer + "/accessLevel"),
                        ImmutableList.copyOf(refs),
                        strings(actionNode.get("conditionKeys"), document, actionPointer + "/conditionKeys")));
            } catch (IllegalArgumentException e) {
                throw malformed(document, actionPointer, "%s", e.getMessage());
            }
        }
        return actions.build();
    }

    private static void fields(JsonNode node, String document, String pointer, ImmutableSet<String> expected) {
        object(node, document, pointer);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!expected.contains(field)) {
                throw malformed(document, pointer + "/" + field, "unknown field; expected one of %s", expected);
            }
        }
        for (String field : expected) {
            if (!node.has(field)) {
                throw malformed(document, pointer + "/" + field, "missing field");
            }
        }
    }

    private static JsonNode object(JsonNode node, String document, String pointer) {
        if (!node.isObject()) {
            throw malformed(document, pointer, "expected an object but found %s", node.getNodeType());
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String document, String pointer) {
        if (!node.isArray()) {
            throw malformed(document, pointer, "expected an array but found %s", node.getNodeType());
        }
        return node;
    }

    private static String text(JsonNode node, String document, String pointer) {
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw malformed(document, pointer, "expected a non-empty string but found %s", node);
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node, String document, String pointer) {
        if (!node.isBoolean()) {
            throw malformed(document, pointer, "expected true or false but found %s", node);
        }
        return node.booleanValue();
    }

    private static ImmutableList<String> strings(JsonNode node, String document, String pointer) {
        array(node, document, pointer);
        var values = ImmutableList.<String>builder();
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), document, pointer + "/" + i));
        }
        return values.build();
    }

    /** An error at a JSON pointer of a document, {@code services/glue.json#/actions/GetTables}. */
    private static IllegalArgumentException malformed(
            String document, String pointer, String template, Object... args) {
        return new IllegalArgumentException("Malformed action catalog at " + document + "#"
                + (pointer.isEmpty() ? "/" : pointer) + ": " + String.format(Locale.ROOT, template, args));
    }

    /** The parsed index, before {@link ActionCatalog} indexes it. */
    record IndexContents(
            String source,
            String version,
            String generated,
            String license,
            ImmutableMap<String, ConditionKeyType> globalConditionKeys,
            ImmutableMap<String, ImmutableList<String>> conditionKeyServices,
            ImmutableList<String> services) {

        IndexContents {
            checkNotNull(source, "source");
            checkNotNull(version, "version");
            checkNotNull(generated, "generated");
            checkNotNull(license, "license");
            globalConditionKeys = ImmutableMap.copyOf(globalConditionKeys);
            conditionKeyServices = ImmutableMap.copyOf(conditionKeyServices);
            services = ImmutableList.copyOf(services);
        }
    }

    /** One parsed service, before {@link ActionCatalog} indexes it. */
    record ServiceContents(
            String name,
            ImmutableList<ActionDefinition> actions,
            ImmutableList<ResourceType> resourceTypes,
            ImmutableMap<String, ConditionKeyType> conditionKeys) {

        ServiceContents {
            checkNotNull(name, "name");
            actions = ImmutableList.copyOf(actions);
            resourceTypes = ImmutableList.copyOf(resourceTypes);
            conditionKeys = ImmutableMap.copyOf(conditionKeys);
        }
    }
}

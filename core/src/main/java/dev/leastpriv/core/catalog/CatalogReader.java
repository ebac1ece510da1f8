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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the catalog resource written by {@code tools/catalog/generate.mjs}. Jackson is used only here.
 *
 * <p>The reader is strict: an unknown field, a missing field or a value of the wrong shape is an error naming its
 * JSON pointer, so a generator change that the Java side does not know about fails the build instead of being
 * dropped silently.
 */
final class CatalogReader {

    private static final ImmutableSet<String> ROOT_FIELDS =
            ImmutableSet.of("generated", "globalConditionKeys", "license", "services", "source", "version");
    private static final ImmutableSet<String> SERVICE_FIELDS =
            ImmutableSet.of("actions", "conditionKeys", "name", "resourceTypes");
    private static final ImmutableSet<String> ACTION_FIELDS =
            ImmutableSet.of("accessLevel", "conditionKeys", "resourceTypes", "wildcardOnly");
    private static final ImmutableSet<String> REF_FIELDS = ImmutableSet.of("name", "required");
    private static final ImmutableSet<String> TYPE_FIELDS = ImmutableSet.of("arnFormats", "conditionKeys");

    private CatalogReader() {}

    /**
     * Parses the catalog JSON.
     *
     * @throws IllegalArgumentException if the text is not a catalog
     */
    static CatalogContents read(String json) {
        checkNotNull(json, "json");
        JsonNode root;
        try {
            root = PolicyJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed action catalog: " + e.getOriginalMessage(), e);
        }
        fields(root, "", ROOT_FIELDS);

        var conditionKeys = new LinkedHashMap<String, ConditionKeyType>();
        var lowerKeys = new LinkedHashMap<String, ConditionKeyType>();
        readConditionKeys(root.get("globalConditionKeys"), "/globalConditionKeys", conditionKeys, lowerKeys);

        var actions = new ArrayList<ActionDefinition>();
        var resourceTypes = new LinkedHashMap<String, ImmutableList<ResourceType>>();
        JsonNode servicesNode = object(root.get("services"), "/services");
        for (Iterator<String> it = servicesNode.fieldNames(); it.hasNext(); ) {
            String service = it.next();
            String pointer = "/services/" + service;
            JsonNode serviceNode = servicesNode.get(service);
            fields(serviceNode, pointer, SERVICE_FIELDS);
            text(serviceNode.get("name"), pointer + "/name");
            readConditionKeys(serviceNode.get("conditionKeys"), pointer + "/conditionKeys", conditionKeys, lowerKeys);
            var types = readResourceTypes(serviceNode.get("resourceTypes"), pointer + "/resourceTypes");
            resourceTypes.put(service, ImmutableList.copyOf(types.values()));
            actions.addAll(readActions(service, serviceNode.get("actions"), pointer + "/actions", types));
        }
        return new CatalogContents(
                text(root.get("source"), "/source"),
                text(root.get("version"), "/version"),
                text(root.get("generated"), "/generated"),
                text(root.get("license"), "/license"),
                ImmutableList.copyOf(actions),
                ImmutableMap.copyOf(resourceTypes),
                ImmutableMap.copyOf(conditionKeys));
    }

    private static void readConditionKeys(
            JsonNode node,
            String pointer,
            Map<String, ConditionKeyType> keys,
            Map<String, ConditionKeyType> lowerKeys) {
        JsonNode object = object(node, pointer);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String keyPointer = pointer + "/" + key;
            ConditionKeyType type = conditionKeyType(object.get(key), keyPointer);
            ConditionKeyType earlier = lowerKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), type);
            if (earlier != null && earlier != type) {
                throw malformed(keyPointer, "the key is %s here but %s elsewhere", type.dataName(), earlier.dataName());
            }
            keys.putIfAbsent(key, type);
        }
    }

    private static ConditionKeyType conditionKeyType(JsonNode node, String pointer) {
        String name = text(node, pointer);
        try {
            return ConditionKeyType.fromDataName(name);
        } catch (IllegalArgumentException e) {
            throw malformed(pointer, "%s", e.getMessage());
        }
    }

    private static Map<String, ResourceType> readResourceTypes(JsonNode node, String pointer) {
        JsonNode object = object(node, pointer);
        var types = new LinkedHashMap<String, ResourceType>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String typePointer = pointer + "/" + name;
            JsonNode typeNode = object.get(name);
            fields(typeNode, typePointer, TYPE_FIELDS);
            try {
                types.put(
                        name,
                        new ResourceType(
                                name,
                                strings(typeNode.get("arnFormats"), typePointer + "/arnFormats"),
                                strings(typeNode.get("conditionKeys"), typePointer + "/conditionKeys")));
            } catch (IllegalArgumentException e) {
                throw malformed(typePointer, "%s", e.getMessage());
            }
        }
        return types;
    }

    private static List<ActionDefinition> readActions(
            String service, JsonNode node, String pointer, Map<String, ResourceType> types) {
        JsonNode object = object(node, pointer);
        var actions = new ArrayList<ActionDefinition>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String actionPointer = pointer + "/" + name;
            JsonNode actionNode = object.get(name);
            fields(actionNode, actionPointer, ACTION_FIELDS);
            var refs = new ArrayList<ResourceTypeRef>();
            JsonNode refsNode = array(actionNode.get("resourceTypes"), actionPointer + "/resourceTypes");
            for (int i = 0; i < refsNode.size(); i++) {
                String refPointer = actionPointer + "/resourceTypes/" + i;
                JsonNode refNode = refsNode.get(i);
                fields(refNode, refPointer, REF_FIELDS);
                String typeName = text(refNode.get("name"), refPointer + "/name");
                ResourceType type = types.get(typeName);
                if (type == null) {
                    throw malformed(refPointer, "resource type \"%s\" is not defined for %s", typeName, service);
                }
                refs.add(ResourceTypeRef.of(type, bool(refNode.get("required"), refPointer + "/required")));
            }
            boolean wildcardOnly = bool(actionNode.get("wildcardOnly"), actionPointer + "/wildcardOnly");
            if (wildcardOnly != refs.isEmpty()) {
                throw malformed(
                        actionPointer, "wildcardOnly is %s but the action has %s resource types", wildcardOnly, refs);
            }
            try {
                actions.add(new ActionDefinition(
                        service,
                        name,
                        text(actionNode.get("accessLevel"), actionPointer + "/accessLevel"),
                        ImmutableList.copyOf(refs),
                        strings(actionNode.get("conditionKeys"), actionPointer + "/conditionKeys")));
            } catch (IllegalArgumentException e) {
                throw malformed(actionPointer, "%s", e.getMessage());
            }
        }
        return actions;
    }

    private static void fields(JsonNode node, String pointer, ImmutableSet<String> expected) {
        object(node, pointer);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!expected.contains(field)) {
                throw malformed(pointer + "/" + field, "unknown field; expected one of %s", expected);
            }
        }
        for (String field : expected) {
            if (!node.has(field)) {
                throw malformed(pointer + "/" + field, "missing field");
            }
        }
    }

    private static JsonNode object(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw malformed(pointer, "expected an object but found %s", node.getNodeType());
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String pointer) {
        if (!node.isArray()) {
            throw malformed(pointer, "expected an array but found %s", node.getNodeType());
        }
        return node;
    }

    private static String text(JsonNode node, String pointer) {
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw malformed(pointer, "expected a non-empty string but found %s", node);
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node, String pointer) {
        if (!node.isBoolean()) {
            throw malformed(pointer, "expected true or false but found %s", node);
        }
        return node.booleanValue();
    }

    private static ImmutableList<String> strings(JsonNode node, String pointer) {
        array(node, pointer);
        var values = ImmutableList.<String>builder();
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), pointer + "/" + i));
        }
        return values.build();
    }

    private static IllegalArgumentException malformed(String pointer, String template, Object... args) {
        return new IllegalArgumentException("Malformed action catalog at " + (pointer.isEmpty() ? "/" : pointer) + ": "
                + String.format(Locale.ROOT, template, args));
    }

    /** The parsed catalog, before {@link ActionCatalog} indexes it. */
    record CatalogContents(
            String source,
            String version,
            String generated,
            String license,
            ImmutableList<ActionDefinition> actions,
            ImmutableMap<String, ImmutableList<ResourceType>> resourceTypes,
            ImmutableMap<String, ConditionKeyType> conditionKeys) {

        CatalogContents {
            checkNotNull(source, "source");
            checkNotNull(version, "version");
            checkNotNull(generated, "generated");
            checkNotNull(license, "license");
            actions = ImmutableList.copyOf(actions);
            resourceTypes = ImmutableMap.copyOf(resourceTypes);
            conditionKeys = ImmutableMap.copyOf(conditionKeys);
        }
    }
}

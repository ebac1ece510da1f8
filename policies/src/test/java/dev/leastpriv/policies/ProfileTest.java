package dev.leastpriv.policies;

import static dev.leastpriv.policies.Feature.FEDERATED_QUERY;
import static dev.leastpriv.policies.Feature.LINEAGE;
import static dev.leastpriv.policies.Feature.METADATA;
import static dev.leastpriv.policies.Feature.MODELS;
import static dev.leastpriv.policies.Feature.PARTITION_PROFILING;
import static dev.leastpriv.policies.Feature.PROFILER;
import static dev.leastpriv.policies.Feature.QUERY;
import static dev.leastpriv.policies.Feature.SAMPLE_DATA;
import static dev.leastpriv.policies.Feature.TAGS;
import static dev.leastpriv.policies.Feature.USAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.InputRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileTest {

    static Stream<Arguments> supportedFeatures() {
        return Stream.of(
                Arguments.of(
                        Profile.OPENMETADATA,
                        new Feature[] {METADATA, USAGE, LINEAGE, PROFILER, SAMPLE_DATA, TAGS, FEDERATED_QUERY}),
                Arguments.of(Profile.OMNI, new Feature[] {METADATA, QUERY, FEDERATED_QUERY}),
                Arguments.of(
                        Profile.DATAHUB,
                        new Feature[] {METADATA, LINEAGE, PROFILER, SAMPLE_DATA, FEDERATED_QUERY, PARTITION_PROFILING}),
                Arguments.of(Profile.SUPERSET, new Feature[] {METADATA, QUERY, FEDERATED_QUERY}),
                Arguments.of(Profile.METABASE, new Feature[] {METADATA, QUERY, FEDERATED_QUERY}),
                Arguments.of(Profile.METABASE_SIMBA, new Feature[] {METADATA, QUERY, FEDERATED_QUERY}),
                Arguments.of(Profile.DBT_ATHENA, new Feature[] {METADATA, MODELS, FEDERATED_QUERY}),
                Arguments.of(
                        Profile.GENERIC,
                        new Feature[] {METADATA, USAGE, LINEAGE, PROFILER, SAMPLE_DATA, QUERY, TAGS, FEDERATED_QUERY}));
    }

    @ParameterizedTest
    @MethodSource("supportedFeatures")
    void features_profile_listsWhatTheToolCanDo(Profile profile, Feature[] expected) {
        assertThat(profile.features()).containsExactly(expected);
    }

    static Stream<Arguments> defaultFeatures() {
        return Stream.of(
                Arguments.of(Profile.OPENMETADATA, new Feature[] {METADATA, USAGE, LINEAGE, PROFILER, TAGS}),
                Arguments.of(Profile.OMNI, new Feature[] {METADATA, QUERY}),
                Arguments.of(Profile.DATAHUB, new Feature[] {METADATA}),
                Arguments.of(Profile.SUPERSET, new Feature[] {METADATA, QUERY}),
                Arguments.of(Profile.METABASE, new Feature[] {METADATA, QUERY}),
                Arguments.of(Profile.METABASE_SIMBA, new Feature[] {METADATA, QUERY}),
                Arguments.of(Profile.DBT_ATHENA, new Feature[] {METADATA, MODELS}),
                Arguments.of(Profile.GENERIC, new Feature[] {METADATA, QUERY}));
    }

    @ParameterizedTest
    @MethodSource("defaultFeatures")
    void defaultFeatures_profile_areTheToolDefaults(Profile profile, Feature[] expected) {
        assertThat(profile.defaultFeatures()).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void defaultFeatures_anyProfile_areSupported(Profile profile) {
        assertThat(profile.features()).containsAll(profile.defaultFeatures());
        assertThat(profile.features()).contains(METADATA, FEDERATED_QUERY);
    }

    @ParameterizedTest
    @CsvSource({
        "OPENMETADATA, false, awsdatacatalog, false",
        "OMNI, true, awsdatacatalog, false",
        "DATAHUB, false, awsdatacatalog, false",
        "SUPERSET, false, awsdatacatalog, false",
        "METABASE, false, AwsDataCatalog, false",
        "METABASE_SIMBA, false, AwsDataCatalog, false",
        "DBT_ATHENA, false, awsdatacatalog, true",
        "GENERIC, false, AwsDataCatalog awsdatacatalog, false"
    })
    void traits_profile_describeHowTheToolSendsCatalogsAndWhetherItWrites(
            Profile profile, boolean lowercases, String defaultSpellings, boolean writes) {
        assertThat(profile.lowercasesCatalogs()).isEqualTo(lowercases);
        assertThat(String.join(" ", profile.defaultCatalogSpellings())).isEqualTo(defaultSpellings);
        assertThat(profile.writes()).isEqualTo(writes);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void features_onlyDbtAthena_hasTheWritingFeature(Profile profile) {
        assertThat(profile.features().contains(MODELS)).isEqualTo(profile == Profile.DBT_ATHENA);
        assertThat(profile.defaultFeatures().contains(PARTITION_PROFILING)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "openmetadata, OPENMETADATA, OpenMetadata",
        "omni, OMNI, Omni",
        "datahub, DATAHUB, DataHub",
        "generic, GENERIC, a JDBC client",
        "superset, SUPERSET, Superset",
        "metabase, METABASE, Metabase",
        "metabase-simba, METABASE_SIMBA, Metabase (Simba JDBC 2.x)",
        "dbt-athena, DBT_ATHENA, dbt-athena",
        "OpenMetadata, OPENMETADATA, OpenMetadata",
        "' DataHub ', DATAHUB, DataHub"
    })
    void parse_id_returnsProfileIgnoringCaseAndSurroundingSpace(String id, Profile expected, String displayName) {
        var profile = Profile.parse(id);

        assertThat(profile).isEqualTo(expected);
        assertThat(profile.displayName()).isEqualTo(displayName);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void parse_ownId_roundTrips(Profile profile) {
        assertThat(Profile.parse(profile.id())).isEqualTo(profile);
        assertThat(profile).hasToString(profile.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "open-metadata", "open_metadata", "datahub2", "jdbc", "*", "omni,datahub"})
    void parse_unknownId_throwsNamingConnectorAndValidIds(String id) {
        assertThatThrownBy(() -> Profile.parse(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "connector %s is not valid: expected one of openmetadata, omni, datahub, superset, metabase,"
                                + " metabase-simba, dbt-athena, generic",
                        InputRules.quote(id));
    }

    @Test
    void parse_unknownIdWithNul_isEscapedInMessage() {
        assertThatThrownBy(() -> Profile.parse("om\u0000ni"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connector \"om\\u0000ni\" is not valid");
    }
}

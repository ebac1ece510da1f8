package dev.leastpriv.policies;

import static dev.leastpriv.policies.Feature.FEDERATED_QUERY;
import static dev.leastpriv.policies.Feature.LINEAGE;
import static dev.leastpriv.policies.Feature.METADATA;
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
                        Profile.DATAHUB, new Feature[] {METADATA, LINEAGE, PROFILER, SAMPLE_DATA, FEDERATED_QUERY}),
                Arguments.of(Profile.GENERIC, Feature.values()));
    }

    @ParameterizedTest
    @MethodSource("supportedFeatures")
    void features_profile_listsWhatTheToolCanDo(Profile profile, Feature[] expected) {
        assertThat(profile.features()).containsExactly(expected);
    }

    static Stream<Arguments> defaultFeatures() {
        return Stream.of(
                Arguments.of(Profile.OPENMETADATA, new Feature[] {METADATA, USAGE, LINEAGE, PROFILER}),
                Arguments.of(Profile.OMNI, new Feature[] {METADATA, QUERY}),
                Arguments.of(Profile.DATAHUB, new Feature[] {METADATA}),
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
        "OPENMETADATA, true, true, false, false",
        "OMNI, true, false, true, false",
        "DATAHUB, true, false, true, false",
        "GENERIC, false, true, true, true"
    })
    void flags_profile_describeTheToolsCalls(
            Profile profile,
            boolean lowercaseCatalogs,
            boolean listsWorkGroups,
            boolean listsDataCatalogs,
            boolean jdbcDriver) {
        assertThat(profile.lowercaseCatalogs()).isEqualTo(lowercaseCatalogs);
        assertThat(profile.listsWorkGroups()).isEqualTo(listsWorkGroups);
        assertThat(profile.listsDataCatalogs()).isEqualTo(listsDataCatalogs);
        assertThat(profile.jdbcDriver()).isEqualTo(jdbcDriver);
    }

    @ParameterizedTest
    @CsvSource({
        "openmetadata, OPENMETADATA, OpenMetadata",
        "omni, OMNI, Omni",
        "datahub, DATAHUB, DataHub",
        "generic, GENERIC, a JDBC client",
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
                        "connector %s is not valid: expected one of openmetadata, omni, datahub, generic",
                        InputRules.quote(id));
    }

    @Test
    void parse_unknownIdWithNul_isEscapedInMessage() {
        assertThatThrownBy(() -> Profile.parse("om\u0000ni"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connector \"om\\u0000ni\" is not valid");
    }
}

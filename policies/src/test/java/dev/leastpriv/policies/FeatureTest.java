package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.InputRules;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureTest {

    private static final String IDS = "metadata, usage, lineage, profiler, sample-data, query, tags, federated-query,"
            + " partition-profiling, models";

    @ParameterizedTest
    @CsvSource({
        "metadata, METADATA",
        "usage, USAGE",
        "lineage, LINEAGE",
        "profiler, PROFILER",
        "sample-data, SAMPLE_DATA",
        "query, QUERY",
        "tags, TAGS",
        "federated-query, FEDERATED_QUERY",
        "partition-profiling, PARTITION_PROFILING",
        "models, MODELS",
        "METADATA, METADATA",
        "Sample-Data, SAMPLE_DATA",
        "' tags ', TAGS"
    })
    void parse_id_returnsFeatureIgnoringCaseAndSurroundingSpace(String id, Feature expected) {
        var feature = Feature.parse(id);

        assertThat(feature).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Feature.class)
    void parse_ownId_roundTrips(Feature feature) {
        assertThat(Feature.parse(feature.id())).isEqualTo(feature);
        assertThat(feature).hasToString(feature.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "meta", "sample_data", "SAMPLE_DATA", "federated", "federated_query", "*", "metadata,usage"})
    void parse_unknownId_throwsNamingFeaturesAndValidIds(String id) {
        assertThatThrownBy(() -> Feature.parse(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features %s is not valid: expected one of %s", InputRules.quote(id), IDS);
    }

    @Test
    void parse_unknownIdWithNul_isEscapedInMessage() {
        assertThatThrownBy(() -> Feature.parse("meta\u0000data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features \"meta\\u0000data\" is not valid: expected one of " + IDS);
    }

    @Test
    void parse_surroundingWhitespace_isStripped() {
        var feature = Feature.parse("\t metadata \n");

        assertThat(feature).isEqualTo(Feature.METADATA);
    }

    @Test
    void parse_trailingNul_isRejected() {
        assertThatThrownBy(() -> Feature.parse("metadata\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features \"metadata\\u0000\" is not valid: expected one of " + IDS);
    }

    @Test
    void readsData_dataFeatures_areTheOnesThatQueryTableData() {
        var readers = Arrays.stream(Feature.values()).filter(Feature::readsData);

        assertThat(readers)
                .containsExactly(
                        Feature.PROFILER,
                        Feature.SAMPLE_DATA,
                        Feature.QUERY,
                        Feature.PARTITION_PROFILING,
                        Feature.MODELS);
    }
}

package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyRequestTest {

    private static final String TEMPLATE_HINT = " (or render a documentation template with placeholders)";
    private static final Connection MINIMAL = minimal().build();

    private static Connection.Builder minimal() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .results("s3://athena-results/leastpriv/")
                .addDatabase("sales");
    }

    // --- features ---

    @ParameterizedTest
    @EnumSource(Profile.class)
    void of_noFeatures_usesProfileDefaults(Profile profile) {
        var request = PolicyRequest.of(MINIMAL, profile, ImmutableSet.of());

        assertThat(request.features()).containsExactlyElementsOf(profile.defaultFeatures());
        assertThat(request.placeholders()).isFalse();
    }

    @Test
    void of_features_replaceDefaults() {
        var request = PolicyRequest.of(MINIMAL, Profile.OPENMETADATA, ImmutableSet.of(Feature.TAGS));

        assertThat(request.features()).containsExactly(Feature.TAGS);
    }

    @Test
    void of_featuresInAnyOrder_areKeptInFeatureOrder() {
        var request = PolicyRequest.of(
                MINIMAL, Profile.GENERIC, ImmutableSet.of(Feature.TAGS, Feature.QUERY, Feature.METADATA));

        assertThat(request.features()).containsExactly(Feature.METADATA, Feature.QUERY, Feature.TAGS);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "OMNI | TAGS | tags | metadata, query, federated-query",
                "OMNI | PROFILER | profiler | metadata, query, federated-query",
                "OMNI | USAGE | usage | metadata, query, federated-query",
                "DATAHUB | USAGE | usage | metadata, lineage, profiler, sample-data, federated-query, partition-profiling",
                "DATAHUB | QUERY | query | metadata, lineage, profiler, sample-data, federated-query, partition-profiling",
                "DATAHUB | TAGS | tags | metadata, lineage, profiler, sample-data, federated-query, partition-profiling",
                "GENERIC | MODELS | models | metadata, usage, lineage, profiler, sample-data, query, tags, federated-query",
                "OMNI | PARTITION_PROFILING | partition-profiling | metadata, query, federated-query",
                "OPENMETADATA | QUERY | query | metadata, usage, lineage, profiler, sample-data, tags, federated-query"
            })
    void of_featureProfileLacks_throwsNamingSupportedFeatures(
            Profile profile, Feature feature, String id, String supported) {
        assertThatThrownBy(() -> PolicyRequest.of(MINIMAL, profile, ImmutableSet.of(Feature.METADATA, feature)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "features: connector %s has no feature \"%s\"; it supports %s", profile.id(), id, supported);
    }

    @Test
    void template_featureProfileLacks_stillThrows() {
        assertThatThrownBy(() -> PolicyRequest.template(
                        Connection.builder().build(), Profile.OMNI, ImmutableSet.of(Feature.TAGS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("features: connector omni has no feature \"tags\"");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void of_lambdaGiven_impliesFederatedQuery(Profile profile) {
        var connection = minimal().addLambda("athena-connector").build();

        var request = PolicyRequest.of(connection, profile, ImmutableSet.of());

        assertThat(request.features()).contains(Feature.FEDERATED_QUERY);
        assertThat(request.features()).containsAll(profile.defaultFeatures());
    }

    @Test
    void of_lambdaGivenWithExplicitFeatures_addsFederatedQuery() {
        var connection = minimal().addLambda("athena-connector").build();

        var request = PolicyRequest.of(connection, Profile.OMNI, ImmutableSet.of(Feature.METADATA));

        assertThat(request.features()).containsExactly(Feature.METADATA, Feature.FEDERATED_QUERY);
    }

    @Test
    void of_federatedQueryWithoutLambda_throwsAskingForLambda() {
        assertThatThrownBy(() -> PolicyRequest.of(MINIMAL, Profile.GENERIC, ImmutableSet.of(Feature.FEDERATED_QUERY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "features: federated-query needs at least one lambda (function name or ARN)" + TEMPLATE_HINT);
    }

    @Test
    void template_federatedQueryWithoutLambda_isAccepted() {
        var request = PolicyRequest.template(MINIMAL, Profile.GENERIC, ImmutableSet.of(Feature.FEDERATED_QUERY));

        assertThat(request.features()).containsExactly(Feature.FEDERATED_QUERY);
        assertThat(request.placeholders()).isTrue();
    }

    @Test
    void of_federatedQueryWithLambda_isAccepted() {
        var connection = minimal().addLambda("athena-connector").build();

        var request = PolicyRequest.of(connection, Profile.GENERIC, ImmutableSet.of(Feature.FEDERATED_QUERY));

        assertThat(request.features()).containsExactly(Feature.FEDERATED_QUERY);
    }

    // --- kms ---

    @Test
    void of_kmsWithoutKey_throwsAskingForKmsKey() {
        var connection = minimal().kms(true).build();

        assertThatThrownBy(() -> PolicyRequest.of(connection, Profile.GENERIC, ImmutableSet.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kms needs at least one kms-key (key id or key ARN)" + TEMPLATE_HINT);
    }

    @Test
    void template_kmsWithoutKey_isAccepted() {
        var connection = minimal().kms(true).build();

        var request = PolicyRequest.template(connection, Profile.GENERIC, ImmutableSet.of());

        assertThat(request.connection().kms()).isTrue();
        assertThat(request.connection().kmsKeys()).isEmpty();
    }

    @Test
    void of_kmsKeyWithoutFlag_isAccepted() {
        var connection =
                minimal().addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab").build();

        var request = PolicyRequest.of(connection, Profile.GENERIC, ImmutableSet.of());

        assertThat(request.connection().kms()).isTrue();
    }

    // --- required inputs ---

    static Stream<Arguments> missingInputs() {
        UnaryOperator<Connection.Builder> noRegion = b -> b.account("123456789012")
                .results("s3://athena-results/leastpriv/")
                .addDatabase("sales");
        UnaryOperator<Connection.Builder> noAccount = b ->
                b.region("eu-west-1").results("s3://athena-results/leastpriv/").addDatabase("sales");
        UnaryOperator<Connection.Builder> noResults =
                b -> b.region("eu-west-1").account("123456789012").addDatabase("sales");
        UnaryOperator<Connection.Builder> noDatabase =
                b -> b.region("eu-west-1").account("123456789012").results("s3://athena-results/leastpriv/");
        return Stream.of(
                Arguments.of("region", noRegion, "region is required, e.g. \"eu-west-1\""),
                Arguments.of("account", noAccount, "account is required: the 12-digit AWS account id"),
                Arguments.of(
                        "results",
                        noResults,
                        "results is required: the Athena query result location, e.g."
                                + " \"s3://athena-results/connector/\""),
                Arguments.of(
                        "database",
                        noDatabase,
                        "database is required: one or more Glue database names, a database-prefix, or \"*\" for all databases"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingInputs")
    void of_requiredInputMissing_throwsNamingInput(
            String field, UnaryOperator<Connection.Builder> inputs, String message) {
        var connection = inputs.apply(Connection.builder()).build();

        assertThatThrownBy(() -> PolicyRequest.of(connection, Profile.OPENMETADATA, ImmutableSet.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + " is required")
                .hasMessage(message + TEMPLATE_HINT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingInputs")
    void template_requiredInputMissing_isAccepted(
            String field, UnaryOperator<Connection.Builder> inputs, String message) {
        var connection = inputs.apply(Connection.builder()).build();

        var request = PolicyRequest.template(connection, Profile.OPENMETADATA, ImmutableSet.of());

        assertThat(request.placeholders()).as("%s missing: %s", field, message).isTrue();
    }

    @Test
    void template_emptyConnection_isAccepted() {
        var request = PolicyRequest.template(Connection.builder().build(), Profile.GENERIC, Profile.GENERIC.features());

        assertThat(request.features()).containsExactlyElementsOf(Profile.GENERIC.features());
    }

    @Test
    void of_allDatabases_satisfiesDatabaseRequirement() {
        var connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .results("s3://athena-results/")
                .allDatabases()
                .build();

        var request = PolicyRequest.of(connection, Profile.DATAHUB, ImmutableSet.of());

        assertThat(request.connection().allDatabases()).isTrue();
    }

    // --- readsData ---

    @ParameterizedTest
    @CsvSource({
        "METADATA, false",
        "USAGE, false",
        "LINEAGE, false",
        "TAGS, false",
        "PROFILER, true",
        "SAMPLE_DATA, true",
        "QUERY, true"
    })
    void readsData_feature_isTrueOnlyForDataFeatures(Feature feature, boolean readsData) {
        var request = PolicyRequest.of(MINIMAL, Profile.GENERIC, ImmutableSet.of(feature));

        assertThat(request.readsData()).isEqualTo(readsData);
    }

    @Test
    void constructor_nullConnection_throwsNamingConnection() {
        assertThatThrownBy(() -> new PolicyRequest(null, Profile.GENERIC, ImmutableSet.of(), false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("connection");
    }
}

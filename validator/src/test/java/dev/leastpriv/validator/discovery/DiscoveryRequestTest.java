package dev.leastpriv.validator.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Region;
import dev.leastpriv.core.S3Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoveryRequestTest {

    private static final Region REGION = Region.of("eu-west-1");
    private static final AccountId ACCOUNT = AccountId.of("123456789012");

    private static DiscoveryRequest.Builder builder() {
        return DiscoveryRequest.builder(REGION, ACCOUNT);
    }

    @Test
    void build_defaults_primaryWorkgroupPartitionFromRegion() {
        DiscoveryRequest request = builder().build();

        assertThat(request.workgroup()).isEqualTo("primary");
        assertThat(request.partition()).isEqualTo(Partition.AWS);
        assertThat(request.results()).isNull();
        assertThat(request.resultsBucket()).isNull();
        assertThat(request.catalogs()).isEmpty();
        assertThat(request.allDatabases()).isFalse();
    }

    @Test
    void build_catalogsAndKeysInAnyOrder_sortedAndDeduplicated() {
        DiscoveryRequest one = builder()
                .addCatalog("b")
                .addCatalog("a")
                .addKmsKey("alias/y")
                .addKmsKey("alias/x")
                .build();
        DiscoveryRequest other = builder()
                .addCatalog("a")
                .addCatalog("b")
                .addCatalog("a")
                .addKmsKey("alias/x")
                .addKmsKey("alias/y")
                .build();

        assertThat(one).isEqualTo(other);
        assertThat(one.catalogs()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @CsvSource({
        "s3://athena-results, s3://athena-results/, athena-results",
        "s3://athena-results/, s3://athena-results/, athena-results",
        "s3://athena-results/om, s3://athena-results/om/, athena-results",
        "s3://athena-results/om/dt=1/, s3://athena-results/om/dt=1/, athena-results"
    })
    void build_results_normalizedToAFolder(String given, String normalized, String bucket) {
        DiscoveryRequest request = builder().results(given).build();

        assertThat(request.results()).isEqualTo(normalized);
        assertThat(request.resultsBucket()).isEqualTo(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"athena-results/om/", "s3://Athena_Results/", "s3://results/a*/", "s3://ab/", "s3://x/$/"})
    void build_badResults_throwsWithS3LocationsRule(String results) {
        // One rule for a results location, S3Location's: the message is the one a connection gives.
        String expected = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("results", results))
                .getMessage();

        assertThatThrownBy(() -> builder().results(results).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected)
                .hasMessageStartingWith("results \"" + results + "\" is not valid: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                "mrk-1234abcd12ab34cd56ef1234567890ab",
                "alias/athena-results",
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:kms:eu-west-1:123456789012:alias/athena-results"
            })
    void build_kmsKeyForms_accepted(String key) {
        assertThat(builder().addKmsKey(key).build().kmsKeys()).containsExactly(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"athena-results", "arn:aws:kms:eu-west-1:123456789012:key/*", "key/abc"})
    void build_badKmsKey_throws(String key) {
        assertThatThrownBy(() -> builder().addKmsKey(key).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms-key \"" + key + "\" is not valid: expected a key id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/", "alias/a b", "arn:aws:kms:eu-west-1:123456789012:alias/"})
    void build_badKmsAlias_throws(String key) {
        assertThatThrownBy(() -> builder().addKmsKey(key).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms-key \"")
                .hasMessageContaining("expected an alias name \"alias/<name>\" or an alias ARN");
    }

    @Test
    void build_badWorkgroupAndCatalog_throwWithQuotedValue() {
        assertThatThrownBy(() -> builder().workgroup("my workgroup").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workgroup \"my workgroup\" is not valid: expected 1-128 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> builder().addCatalog("cat\nalog").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog \"cat\\u000Aalog\" is not valid: expected 1-127 letters, digits, '_', '@' or '-'");
    }

    @Test
    void build_partitionOtherThanTheRegions_throws() {
        assertThatThrownBy(() -> builder().partition(Partition.AWS_CN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a discovery request's partition follows its region");
    }

    @Test
    void build_history_defaultsToNoneAndGrantsTheConfiguredWorkgroup() {
        DiscoveryRequest none = builder().workgroup("metadata").build();
        DiscoveryRequest every = builder()
                .workgroup("metadata")
                .history(DiscoveryRequest.HistoryReading.EVERY_ENABLED_WORKGROUP)
                .addHistoryWorkgroup("primary")
                .build();

        assertThat(none.history()).isEqualTo(DiscoveryRequest.HistoryReading.NONE);
        assertThat(none.listsWorkgroups()).isFalse();
        assertThat(every.listsWorkgroups()).isTrue();
        assertThat(every.grantsHistoryOf("metadata")).isTrue();
        assertThat(every.grantsHistoryOf("primary")).isTrue();
        assertThat(every.grantsHistoryOf("etl")).isFalse();
    }

    @Test
    void build_everyHistoryWorkgroup_grantsAnyAndListsNothing() {
        DiscoveryRequest request = builder()
                .history(DiscoveryRequest.HistoryReading.EVERY_ENABLED_WORKGROUP)
                .addHistoryWorkgroup("*")
                .build();

        assertThat(request.allHistoryWorkgroups()).isTrue();
        assertThat(request.grantsHistoryOf("etl")).isTrue();
        assertThat(request.listsWorkgroups()).isFalse();
    }

    @Test
    void build_badHistoryWorkgroups_throw() {
        assertThatThrownBy(() -> builder().addHistoryWorkgroup("etl/*").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history-workgroup \"etl/*\" is not valid: expected 1-128 letters, digits, '.', '_' or"
                        + " '-', or \"*\" for every workgroup");
        assertThatThrownBy(() -> builder()
                        .addHistoryWorkgroup("*")
                        .addHistoryWorkgroup("etl")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history-workgroup \"*\" means every workgroup; do not combine it with names ([*, etl])");
    }
}

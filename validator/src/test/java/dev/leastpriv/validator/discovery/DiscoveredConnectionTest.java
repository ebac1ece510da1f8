package dev.leastpriv.validator.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.S3Location;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.validator.discovery.DiscoveryRequest.HistoryReading;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Applying discovered facts to a connection, without AWS: the facts are built by hand. */
class DiscoveredConnectionTest {

    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/" + KEY_ID;
    private static final String OTHER_KEY_ARN =
            "arn:aws:kms:eu-west-1:123456789012:key/" + "5678abcd-12ab-34cd-56ef-1234567890ab";
    private static final Connection ALL_DATABASES = Connection.builder()
            .region("eu-west-1")
            .account("123456789012")
            .workgroup("metadata")
            .allDatabases()
            .results("s3://athena-results/om/")
            .build();

    /** A discovered account for {@code connection}; only the given facts are known. */
    private static DiscoveredAccount account(
            Connection connection,
            @Nullable DiscoveredWorkgroup workgroup,
            List<DiscoveredCatalog> catalogs,
            @Nullable List<String> databases,
            List<DiscoveredKey> keys,
            @Nullable DiscoveredLakeFormation lakeFormation) {
        return new DiscoveredAccount(
                DiscoveredConnection.request(metadataOnly(connection), List.of()),
                workgroup,
                null,
                ImmutableList.copyOf(catalogs),
                databases != null,
                databases == null ? ImmutableList.of() : ImmutableList.copyOf(databases),
                null,
                ImmutableList.copyOf(keys),
                lakeFormation,
                ImmutableList.of());
    }

    /** A request that reads no query history, valid for any connection with a region and an account. */
    private static PolicyRequest metadataOnly(Connection connection) {
        return PolicyRequest.template(connection, Profile.OPENMETADATA, List.of(Feature.METADATA));
    }

    /** A discovered account where only the workgroup listing is known. */
    private static DiscoveredAccount listed(PolicyRequest request, DiscoveredWorkgroups workgroups) {
        return new DiscoveredAccount(
                DiscoveredConnection.request(request, List.of()),
                null,
                workgroups,
                ImmutableList.of(),
                false,
                ImmutableList.of(),
                null,
                ImmutableList.of(),
                null,
                ImmutableList.of());
    }

    private static DiscoveredAccount nothingKnown(Connection connection) {
        return account(connection, null, List.of(), null, List.of(), null);
    }

    private static DiscoveredWorkgroup workgroup(boolean enforced, @Nullable String outputLocation) {
        return new DiscoveredWorkgroup(
                "metadata",
                true,
                true,
                enforced,
                outputLocation,
                DiscoveredWorkgroup.Encryption.NONE,
                null,
                null,
                false,
                false,
                null);
    }

    @Test
    void apply_nothingKnown_connectionUnchanged() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .addCatalog("dynamo")
                .addDatabase("sales")
                .results("s3://athena-results/om/")
                .addData("s3://lake/warehouse/")
                .addLambda("udf")
                .addKmsKey(KEY_ARN)
                .addHistoryWorkgroup("etl")
                .addSpill("s3://spill/athena/")
                .bothCatalogCases(true)
                .build();

        assertThat(DiscoveredConnection.apply(connection, nothingKnown(connection)))
                .isEqualTo(connection);
    }

    @Test
    void apply_allDatabasesListed_namesReplaceTheWildcard() {
        DiscoveredAccount account =
                account(ALL_DATABASES, null, List.of(), List.of("finance", "sales"), List.of(), null);

        Connection applied = DiscoveredConnection.apply(ALL_DATABASES, account);

        assertThat(applied.databases()).containsExactly("finance", "sales");
        assertThat(applied.allDatabases()).isFalse();
    }

    @Test
    void apply_allDatabasesNotListedOrEmptyOrUnusableName_keepsTheWildcard() {
        for (List<String> listed : java.util.Arrays.asList(null, List.<String>of(), List.of("sales", "odd.name"))) {
            DiscoveredAccount account = account(ALL_DATABASES, null, List.of(), listed, List.of(), null);

            assertThat(DiscoveredConnection.apply(ALL_DATABASES, account).databases())
                    .as("listed %s", listed)
                    .containsExactly(Connection.ALL_DATABASES);
        }
    }

    @Test
    void apply_enforcedWorkgroupLocation_replacesTheConfiguredResults() {
        DiscoveredAccount account = account(
                ALL_DATABASES, workgroup(true, "s3://central-results/athena"), List.of(), null, List.of(), null);

        assertThat(DiscoveredConnection.apply(ALL_DATABASES, account).results())
                .isEqualTo(new S3Location("central-results", "athena/"));
    }

    @Test
    void apply_notEnforcedWorkgroupLocation_usedOnlyWithoutConfiguredResults() {
        Connection withoutResults = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addDatabase("sales")
                .build();
        DiscoveredWorkgroup workgroup = workgroup(false, "s3://workgroup-results/");

        Connection kept = DiscoveredConnection.apply(
                ALL_DATABASES, account(ALL_DATABASES, workgroup, List.of(), null, List.of(), null));
        Connection filled = DiscoveredConnection.apply(
                withoutResults, account(withoutResults, workgroup, List.of(), null, List.of(), null));

        assertThat(kept.results()).isEqualTo(ALL_DATABASES.results());
        assertThat(filled.results()).isEqualTo(new S3Location("workgroup-results", ""));
    }

    @Test
    void apply_enforcedLocationNotExpressible_throwsNamingIt() {
        DiscoveredAccount account = account(
                ALL_DATABASES, workgroup(true, "s3://central-results/with space/"), List.of(), null, List.of(), null);

        // The location came from the account: the check cannot go on (exit 3), it is not the user's bad input.
        assertThatThrownBy(() -> DiscoveredConnection.apply(ALL_DATABASES, account))
                .isInstanceOf(dev.leastpriv.validator.ValidatorException.class)
                .hasMessageStartingWith("the workgroup's result location the account returned cannot be granted:"
                        + " results \"s3://central-results/with space/\"");
    }

    @Test
    void apply_resolvedKeys_keyIdBecomesItsArnAndDiscoveredArnsAreAdded() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addDatabase("sales")
                .results("s3://athena-results/om/")
                .addKmsKey(KEY_ID)
                .build();
        DiscoveredAccount account = account(
                connection,
                null,
                List.of(),
                null,
                List.of(
                        new DiscoveredKey(KEY_ID, DiscoveredKey.Source.CONFIGURED, Arn.parse(KEY_ARN)),
                        new DiscoveredKey(
                                "alias/results", DiscoveredKey.Source.WORKGROUP_RESULTS, Arn.parse(OTHER_KEY_ARN)),
                        new DiscoveredKey("alias/unknown", DiscoveredKey.Source.RESULTS_BUCKET, null)),
                null);

        Connection applied = DiscoveredConnection.apply(connection, account);

        assertThat(applied.kmsKeys()).extracting(Object::toString).containsExactly(KEY_ARN, OTHER_KEY_ARN);
        assertThat(applied.kms()).isTrue();
    }

    @Test
    void apply_lambdaCatalog_canonicalNameBothSpellingsAndItsFunctions() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addCatalog("awsdatacatalog")
                .addCatalog("dynamosource")
                .addDatabase("sales")
                .results("s3://athena-results/om/")
                .addLambda("udf")
                .build();
        List<DiscoveredCatalog> catalogs = List.of(
                new DiscoveredCatalog(
                        "awsdatacatalog",
                        true,
                        "AwsDataCatalog",
                        DiscoveredCatalog.Type.GLUE,
                        ImmutableList.of(),
                        null),
                new DiscoveredCatalog(
                        "dynamosource",
                        true,
                        "DynamoSource",
                        DiscoveredCatalog.Type.LAMBDA,
                        ImmutableList.of(
                                "arn:aws:lambda:eu-west-1:123456789012:function:dynamo-meta",
                                "arn:aws:lambda:eu-west-1:123456789012:function:dynamo-records"),
                        null));

        Connection applied =
                DiscoveredConnection.apply(connection, account(connection, null, catalogs, null, List.of(), null));

        assertThat(applied.catalogs()).containsExactly("DynamoSource", "awsdatacatalog", "dynamosource");
        assertThat(applied.lambdas())
                .extracting(Object::toString)
                .containsExactly(
                        "arn:aws:lambda:eu-west-1:123456789012:function:dynamo-meta",
                        "arn:aws:lambda:eu-west-1:123456789012:function:dynamo-records",
                        "udf");
    }

    @Test
    void apply_lakeFormation_setWhenItGovernsNeverCleared() {
        Connection declared = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addDatabase("sales")
                .results("s3://athena-results/om/")
                .lakeFormation(true)
                .build();
        DiscoveredLakeFormation governs = new DiscoveredLakeFormation(true, false, ImmutableList.of());
        DiscoveredLakeFormation iamOnly = new DiscoveredLakeFormation(false, false, ImmutableList.of());

        assertThat(DiscoveredConnection.apply(
                                ALL_DATABASES, account(ALL_DATABASES, null, List.of(), null, List.of(), governs))
                        .lakeFormation())
                .isTrue();
        assertThat(DiscoveredConnection.apply(
                                ALL_DATABASES, account(ALL_DATABASES, null, List.of(), null, List.of(), iamOnly))
                        .lakeFormation())
                .isFalse();
        assertThat(DiscoveredConnection.apply(declared, account(declared, null, List.of(), null, List.of(), iamOnly))
                        .lakeFormation())
                .isTrue();
    }

    @Test
    void request_connection_mapsEveryField() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .allDatabases()
                .results("s3://athena-results/om")
                .addKmsKey(KEY_ID)
                .build();

        DiscoveryRequest request = DiscoveredConnection.request(metadataOnly(connection), List.of("alias/results"));

        assertThat(request.region().name()).isEqualTo("eu-west-1");
        assertThat(request.account().value()).isEqualTo("123456789012");
        assertThat(request.workgroup()).isEqualTo("primary");
        assertThat(request.catalogs()).containsExactly("awsdatacatalog");
        assertThat(request.allDatabases()).isTrue();
        assertThat(request.results()).isEqualTo("s3://athena-results/om/");
        assertThat(request.kmsKeys()).containsExactly(KEY_ID, "alias/results");
        assertThat(request.history()).isEqualTo(HistoryReading.NONE);
        assertThat(request.historyWorkgroups()).isEmpty();
    }

    @Test
    void request_openMetadataUsage_everyEnabledWorkgroupAgainstWhatThePolicyGrants() {
        Connection connection =
                ALL_DATABASES.toBuilder().addHistoryWorkgroup("etl").build();

        DiscoveryRequest request = DiscoveredConnection.request(
                PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.METADATA, Feature.USAGE)),
                List.of());

        assertThat(request.history()).isEqualTo(HistoryReading.EVERY_ENABLED_WORKGROUP);
        // The planner grants the configured workgroup and primary besides the named ones.
        assertThat(request.historyWorkgroups()).containsExactly("etl", "metadata", "primary");
        assertThat(request.listsWorkgroups()).isTrue();
    }

    @Test
    void request_genericLineage_configuredWorkgroupsWithoutPrimary() {
        Connection connection =
                ALL_DATABASES.toBuilder().addHistoryWorkgroup("etl").build();

        DiscoveryRequest request = DiscoveredConnection.request(
                PolicyRequest.of(connection, Profile.GENERIC, List.of(Feature.LINEAGE)), List.of());

        assertThat(request.history()).isEqualTo(HistoryReading.CONFIGURED_WORKGROUPS);
        assertThat(request.historyWorkgroups()).containsExactly("etl", "metadata");
    }

    @Test
    void request_dataHubLineage_readsNoHistory() {
        // DataHub's lineage comes from view definitions, so there is nothing to list.
        DiscoveryRequest request = DiscoveredConnection.request(
                PolicyRequest.of(ALL_DATABASES, Profile.DATAHUB, List.of(Feature.METADATA, Feature.LINEAGE)),
                List.of());

        assertThat(request.history()).isEqualTo(HistoryReading.NONE);
        assertThat(request.listsWorkgroups()).isFalse();
    }

    @Test
    void request_everyHistoryWorkgroup_grantsAllAndListsNothing() {
        Connection connection = ALL_DATABASES.toBuilder()
                .addHistoryWorkgroup(Connection.ALL_WORKGROUPS)
                .build();

        DiscoveryRequest request = DiscoveredConnection.request(
                PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.USAGE)), List.of());

        assertThat(request.historyWorkgroups()).containsExactly("*");
        assertThat(request.listsWorkgroups()).isFalse();
    }

    @Test
    void apply_enabledWorkgroupsTheHistoryDoesNotCover_becomeHistoryWorkgroups() {
        Connection connection =
                ALL_DATABASES.toBuilder().addHistoryWorkgroup("etl").build();
        PolicyRequest request = PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.USAGE));
        DiscoveredAccount account = listed(
                request,
                new DiscoveredWorkgroups(
                        ImmutableSortedSet.of("etl", "metadata", "primary", "reporting", "adhoc"),
                        ImmutableSortedSet.of("archive")));

        Connection applied = DiscoveredConnection.apply(connection, account);

        assertThat(account.uncoveredHistoryWorkgroups()).containsExactly("adhoc", "reporting");
        assertThat(applied.historyWorkgroups()).containsExactly("adhoc", "etl", "reporting");
        assertThat(applied.toBuilder().historyWorkgroups(List.of("etl")).build())
                .as("nothing else changes")
                .isEqualTo(connection);
    }

    @Test
    void apply_genericHistory_enabledWorkgroupsAreNotAdded() {
        // A generic tool reads the workgroups it is configured with; discovery only mentions the others.
        PolicyRequest request = PolicyRequest.of(ALL_DATABASES, Profile.GENERIC, List.of(Feature.USAGE));
        DiscoveredAccount account = listed(
                request, new DiscoveredWorkgroups(ImmutableSortedSet.of("metadata", "etl"), ImmutableSortedSet.of()));

        assertThat(account.uncoveredHistoryWorkgroups()).isEmpty();
        assertThat(DiscoveredConnection.apply(ALL_DATABASES, account).historyWorkgroups())
                .isEmpty();
    }

    @Test
    void request_templateWithoutRegion_throws() {
        Connection template = Connection.builder().account("123456789012").build();

        assertThatThrownBy(() -> DiscoveredConnection.request(metadataOnly(template), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discovery needs the connection's region");
    }
}

package dev.leastpriv.cli;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.KmsAlias;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The connection flags shared by every command that works from a connection. Each flag has a config-file field of
 * the same name; a flag given on the command line replaces the config file's value.
 */
final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with the fields below.")
    @Nullable
    Path config;

    @Option(
            names = "--connector",
            paramLabel = "NAME",
            description = "openmetadata, omni, datahub, superset, metabase, metabase-simba, dbt-athena or generic"
                    + " (default: openmetadata).")
    @Nullable
    String connector;

    @Option(names = "--region", description = "AWS region of Athena and Glue, e.g. eu-west-1.")
    @Nullable
    String region;

    @Option(names = "--account", description = "12-digit AWS account id that owns Athena and Glue.")
    @Nullable
    String account;

    @Option(names = "--partition", description = "aws, aws-cn, aws-us-gov… (default: derived from --region).")
    @Nullable
    String partition;

    @Option(names = "--workgroup", description = "Athena workgroup (default: primary).")
    @Nullable
    String workgroup;

    @Option(
            names = "--history-workgroup",
            split = ",",
            paramLabel = "NAME",
            description = "Another workgroup whose query history usage and lineage read, repeatable; * for every"
                    + " workgroup. OpenMetadata reads every enabled workgroup: the configured one and primary are"
                    + " granted, name the others here (preflight --discover lists them).")
    List<String> historyWorkgroups = new ArrayList<>();

    @Option(
            names = "--catalog",
            split = ",",
            paramLabel = "NAME",
            description = "Athena data catalog, repeatable (default: awsdatacatalog).")
    List<String> catalogs = new ArrayList<>();

    @Option(
            names = "--database",
            split = ",",
            paramLabel = "NAME",
            description = "Glue database, repeatable; * for all databases.")
    List<String> databases = new ArrayList<>();

    @Option(
            names = "--session-database",
            paramLabel = "NAME",
            description = "The database the tool names on every query (DataHub's database, Superset's URL schema, the"
                    + " JDBC Schema; default: default); granted glue:GetDatabase. DataHub's partition-profiling writes"
                    + " its temporary views here, so it must be a scratch database.")
    @Nullable
    String sessionDatabase;

    @Option(names = "--results", paramLabel = "S3_URI", description = "Query result location, s3://bucket/prefix/.")
    @Nullable
    String results;

    @Option(
            names = "--data",
            split = ",",
            paramLabel = "S3_URI",
            description = "Table data location (read-only, for profiler, sample-data, query), repeatable.")
    List<String> data = new ArrayList<>();

    @Option(
            names = "--spill",
            split = ",",
            paramLabel = "S3_URI",
            description = "Spill location of a federated connector (its spill_bucket/spill_prefix), read-only,"
                    + " repeatable; for federated-query.")
    List<String> spill = new ArrayList<>();

    @Option(
            names = "--database-prefix",
            split = ",",
            paramLabel = "PREFIX",
            description = "Grant every Glue database whose name starts with PREFIX (database/PREFIX*, table/PREFIX*/*),"
                    + " including databases created later; repeatable. For more databases than IAM's limits let a"
                    + " role name one by one.")
    List<String> databasePrefixes = new ArrayList<>();

    @Option(
            names = "--write-location",
            split = ",",
            paramLabel = "S3_URI",
            description = "Where dbt-athena writes table data (s3_data_dir, s3_tmp_table_dir, external_location),"
                    + " repeatable; for models (default: the results location's tables/ folder).")
    List<String> writeLocations = new ArrayList<>();

    @Option(
            names = "--features",
            split = ",",
            paramLabel = "FEATURE",
            description = "metadata, usage, lineage, profiler, sample-data, query, tags, federated-query,"
                    + " partition-profiling (datahub), models (dbt-athena) (default: the connector's defaults).")
    List<String> features = new ArrayList<>();

    @Option(
            names = "--lake-formation",
            negatable = true,
            description = "Tables are governed by Lake Formation (adds lakeformation:GetDataAccess).")
    @Nullable
    Boolean lakeFormation;

    @Option(
            names = "--lambda",
            split = ",",
            paramLabel = "NAME_OR_ARN",
            description = "Lambda function of a federated catalog or UDF, repeatable.")
    List<String> lambdas = new ArrayList<>();

    @Option(
            names = "--kms-key",
            split = ",",
            paramLabel = "ID_OR_ARN",
            description = "KMS key id or ARN, repeatable (an alias only with preflight --discover, which resolves it).")
    List<String> kmsKeys = new ArrayList<>();

    @Option(
            names = "--kms",
            negatable = true,
            description = "Data or results use SSE-KMS (implied by --kms-key; with --placeholders renders"
                    + " <<KMS_KEY_ID>>).")
    @Nullable
    Boolean kms;

    @Option(
            names = "--both-catalog-cases",
            negatable = true,
            description = "Grant both AwsDataCatalog and awsdatacatalog (for clients that send the mixed-case name).")
    @Nullable
    Boolean bothCatalogCases;

    /** {@return the config file, or an empty one} */
    ConfigFile configFile() {
        return config == null ? ConfigFile.empty() : ConfigFile.read(config);
    }

    /**
     * {@return the request built from the flags over the config file}
     *
     * @param placeholders the --placeholders flag of a command that renders templates, or null
     */
    PolicyRequest request(ConfigFile file, @Nullable Boolean placeholders) {
        return request(file, placeholders, false);
    }

    /**
     * {@return the request, leaving out KMS aliases when {@code withoutAliases}}: a policy needs key ARNs, so only
     * a command that resolves aliases in the account ({@code preflight --discover}) may accept them
     */
    PolicyRequest request(ConfigFile file, @Nullable Boolean placeholders, boolean withoutAliases) {
        Profile profile = Profile.parse(pick(connector, file, "connector", Profile.OPENMETADATA.id()));
        Connection.Builder builder = Connection.builder();
        ifPresent(pick(partition, file, "partition", null), builder::partition);
        ifPresent(pick(region, file, "region", null), builder::region);
        ifPresent(pick(account, file, "account", null), builder::account);
        ifPresent(pick(workgroup, file, "workgroup", null), builder::workgroup);
        pickList(historyWorkgroups, file, "history-workgroup").forEach(builder::addHistoryWorkgroup);
        pickList(catalogs, file, "catalog").forEach(builder::addCatalog);
        pickList(databases, file, "database").forEach(builder::addDatabase);
        pickList(databasePrefixes, file, "database-prefix").forEach(builder::addDatabasePrefix);
        ifPresent(pick(sessionDatabase, file, "session-database", null), builder::sessionDatabase);
        ifPresent(pick(results, file, "results", null), builder::results);
        pickList(data, file, "data").forEach(builder::addData);
        pickList(spill, file, "spill").forEach(builder::addSpill);
        pickList(writeLocations, file, "write-location").forEach(builder::addWriteLocation);
        pickList(lambdas, file, "lambda").forEach(builder::addLambda);
        pickList(kmsKeys, file, "kms-key").stream()
                .filter(key -> !(withoutAliases && KmsAlias.looksLikeAlias(key)))
                .forEach(builder::addKmsKey);
        builder.lakeFormation(pickBool(lakeFormation, file, "lake-formation"));
        builder.kms(pickBool(kms, file, "kms"));
        builder.bothCatalogCases(pickBool(bothCatalogCases, file, "both-catalog-cases"));
        List<Feature> wanted = new ArrayList<>();
        for (String id : pickList(features, file, "features")) {
            if (!id.isBlank()) {
                wanted.add(Feature.parse(id));
            }
        }
        // An empty list given on purpose ("--features ''", "features: []") must not fall back to the defaults:
        // the defaults grant more than nothing, and the user asked for nothing.
        if (wanted.isEmpty() && (!features.isEmpty() || file.has("features"))) {
            throw new InputException("features is empty: name at least one feature ("
                    + profile.features().stream().map(Feature::id).collect(Collectors.joining(", "))
                    + "), or leave features out for the connector's defaults");
        }
        Connection connection = builder.build();
        return pickBool(placeholders, file, "placeholders")
                ? PolicyRequest.template(connection, profile, wanted)
                : PolicyRequest.of(connection, profile, wanted);
    }

    /** {@return the KMS keys given as aliases (alias/name or an alias ARN)} */
    ImmutableList<String> kmsAliases(ConfigFile file) {
        return pickList(kmsKeys, file, "kms-key").stream()
                .filter(KmsAlias::looksLikeAlias)
                .collect(ImmutableList.toImmutableList());
    }

    static @Nullable String pick(@Nullable String flag, ConfigFile file, String field, @Nullable String fallback) {
        if (flag != null) {
            return flag;
        }
        return file.string(field).orElse(fallback);
    }

    static ImmutableList<String> pickList(List<String> flags, ConfigFile file, String field) {
        return flags.isEmpty() ? file.list(field) : ImmutableList.copyOf(flags);
    }

    static boolean pickBool(@Nullable Boolean flag, ConfigFile file, String field) {
        if (flag != null) {
            return flag;
        }
        Boolean value = file.bool(field);
        return value != null && value;
    }

    static void ifPresent(@Nullable String value, java.util.function.Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}

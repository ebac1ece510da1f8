package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A connector preset: which features the tool has, which it runs by default, how it talks to Athena and which
 * catalog spelling it sends. What each tool calls was read from its source; the study, with file and function for
 * every call, is {@code shared/reference/connector-ground-truth.md}, and each requirement carries its own
 * {@link Evidence}.
 */
public enum Profile {
    /**
     * OpenMetadata: PyAthena ({@code awsathena+rest}) plus boto3 for Glue, Lake Formation tags and query history.
     * Tags are on by default ({@code includeTags} defaults to true in {@code databaseServiceMetadataPipeline.json}).
     */
    OPENMETADATA(
            "openmetadata",
            "OpenMetadata",
            Client.PYATHENA,
            ToolCalls.OPENMETADATA,
            ImmutableSet.of(
                    Feature.METADATA,
                    Feature.USAGE,
                    Feature.LINEAGE,
                    Feature.PROFILER,
                    Feature.SAMPLE_DATA,
                    Feature.TAGS,
                    Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.USAGE, Feature.LINEAGE, Feature.PROFILER, Feature.TAGS),
            false),
    /** Omni (BI, closed source): its connection form asks for the lowercase catalog name. */
    OMNI(
            "omni",
            "Omni",
            Client.UNKNOWN,
            ToolCalls.OMNI,
            ImmutableSet.of(Feature.METADATA, Feature.QUERY, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            true),
    /** DataHub: PyAthena; lists data catalogs, reads {@code $partitions}, lineage from view definitions. */
    DATAHUB(
            "datahub",
            "DataHub",
            Client.PYATHENA,
            ToolCalls.DATAHUB,
            ImmutableSet.of(
                    Feature.METADATA,
                    Feature.LINEAGE,
                    Feature.PROFILER,
                    Feature.SAMPLE_DATA,
                    Feature.FEDERATED_QUERY,
                    Feature.PARTITION_PROFILING),
            ImmutableSet.of(Feature.METADATA),
            false),
    /** Apache Superset: PyAthena's SQLAlchemy dialect; SQL Lab and charts query table data. */
    SUPERSET(
            "superset",
            "Superset",
            Client.PYATHENA,
            ToolCalls.SUPERSET,
            ImmutableSet.of(Feature.METADATA, Feature.QUERY, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            false),
    /**
     * Metabase with the Amazon Athena JDBC 3.x driver (current Metabase, since metabase/metabase#52030), metadata
     * through Athena's API.
     */
    METABASE(
            "metabase",
            "Metabase",
            Client.JDBC3,
            ToolCalls.METABASE,
            ImmutableSet.of(Feature.METADATA, Feature.QUERY, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            false),
    /** Older Metabase, with the Simba Athena JDBC 2.x driver, which checks Glue itself. */
    METABASE_SIMBA(
            "metabase-simba",
            "Metabase (Simba JDBC 2.x)",
            Client.SIMBA_JDBC,
            ToolCalls.METABASE_SIMBA,
            ImmutableSet.of(Feature.METADATA, Feature.QUERY, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            false),
    /**
     * dbt-athena: builds models, so it writes Glue tables and partitions and S3 data. The only write-capable
     * profile; never a default.
     */
    DBT_ATHENA(
            "dbt-athena",
            "dbt-athena",
            Client.PYATHENA,
            ToolCalls.DBT_ATHENA,
            ImmutableSet.of(Feature.METADATA, Feature.MODELS, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.MODELS),
            false),
    /**
     * Any JDBC tool: keeps the catalog name as configured, and makes the calls JDBC drivers make (GetWorkGroup,
     * GetQueryResultsStream, athena:GetDatabase, ListWorkGroups, ListDataCatalogs, Simba's Glue check).
     */
    GENERIC(
            "generic",
            "a JDBC client",
            Client.JDBC_UNKNOWN,
            ToolCalls.GENERIC,
            ImmutableSet.of(
                    Feature.METADATA,
                    Feature.USAGE,
                    Feature.LINEAGE,
                    Feature.PROFILER,
                    Feature.SAMPLE_DATA,
                    Feature.QUERY,
                    Feature.TAGS,
                    Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            false);

    /** How a tool talks to Athena; decides the calls every query and metadata lookup makes. */
    enum Client {
        /** PyAthena (laughingman7743/PyAthena): sends {@code awsdatacatalog} and {@code default} when unset. */
        PYATHENA,
        /** The Amazon Athena JDBC 3.x driver. */
        JDBC3,
        /** The Simba Athena JDBC 2.x driver. */
        SIMBA_JDBC,
        /** A JDBC driver not known in advance: the calls of both drivers. */
        JDBC_UNKNOWN,
        /** Closed source: only the vendor's documentation. */
        UNKNOWN;

        boolean jdbc() {
            return this == JDBC3 || this == SIMBA_JDBC || this == JDBC_UNKNOWN;
        }
    }

    private final String id;
    private final String displayName;
    private final Client client;
    private final ToolCalls calls;
    private final ImmutableSet<Feature> features;
    private final ImmutableSet<Feature> defaultFeatures;
    private final boolean lowercasesCatalogs;

    Profile(
            String id,
            String displayName,
            Client client,
            ToolCalls calls,
            ImmutableSet<Feature> features,
            ImmutableSet<Feature> defaultFeatures,
            boolean lowercasesCatalogs) {
        this.id = id;
        this.displayName = displayName;
        this.client = client;
        this.calls = calls;
        this.features = features;
        this.defaultFeatures = defaultFeatures;
        this.lowercasesCatalogs = lowercasesCatalogs;
    }

    /** {@return the name used in flags and config files, e.g. {@code openmetadata}} */
    public String id() {
        return id;
    }

    /** {@return the tool's name for messages, e.g. {@code OpenMetadata}} */
    public String displayName() {
        return displayName;
    }

    /** {@return every feature this tool has} */
    public ImmutableSet<Feature> features() {
        return features;
    }

    /** {@return the features used when none are asked for} */
    public ImmutableSet<Feature> defaultFeatures() {
        return defaultFeatures;
    }

    /**
     * {@return whether the tool sends a configured catalog name in lowercase} Only Omni does (its form asks for
     * the lowercase name); PyAthena and the JDBC drivers send a configured name verbatim
     * (OpenMetadata {@code connection.py} {@code catalog_name=quote_plus(catalogId)}).
     */
    public boolean lowercasesCatalogs() {
        return lowercasesCatalogs;
    }

    /**
     * {@return the spellings of the default catalog the tool sends when no catalog is configured} PyAthena sends
     * {@code awsdatacatalog} ({@code connection.py} {@code catalog_name="awsdatacatalog"}); the JDBC drivers'
     * {@code Catalog} property defaults to {@code AwsDataCatalog}. A tool whose driver is unknown gets both.
     */
    public ImmutableList<String> defaultCatalogSpellings() {
        return switch (client) {
            case PYATHENA, UNKNOWN -> ImmutableList.of(Connection.DEFAULT_CATALOG);
            case JDBC3, SIMBA_JDBC -> ImmutableList.of("AwsDataCatalog");
            case JDBC_UNKNOWN -> ImmutableList.of("AwsDataCatalog", Connection.DEFAULT_CATALOG);
        };
    }

    /** {@return whether the tool writes (Glue tables and S3 data); only dbt-athena} */
    public boolean writes() {
        return features.contains(Feature.MODELS);
    }

    Client client() {
        return client;
    }

    /** {@return what the tool does beyond every Athena client's calls, with the evidence for each} */
    ToolCalls calls() {
        return calls;
    }

    /**
     * {@return the profile with this id}
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Profile parse(String id) {
        checkNotNull(id, "id");
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Profile profile : values()) {
            if (profile.id.equals(wanted)) {
                return profile;
            }
        }
        throw new InvalidInputException(InputRules.invalid("connector", id, "expected one of " + ids()));
    }

    /** {@return every profile id, comma-separated, for help texts and messages} */
    public static String ids() {
        return Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}

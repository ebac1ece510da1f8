package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.InputRules;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A connector preset: which features the tool has, which it runs by default, which catalog spelling it sends and
 * which extra Athena calls it makes (athena-connector-needs.md §5).
 */
public enum Profile {
    /**
     * OpenMetadata (PyAthena + boto3): sends the lowercase catalog name ({@code awsdatacatalog}), calls
     * ListWorkGroups, reads query history for usage and lineage.
     */
    OPENMETADATA(
            "openmetadata",
            "OpenMetadata",
            ImmutableSet.of(
                    Feature.METADATA,
                    Feature.USAGE,
                    Feature.LINEAGE,
                    Feature.PROFILER,
                    Feature.SAMPLE_DATA,
                    Feature.TAGS,
                    Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.USAGE, Feature.LINEAGE, Feature.PROFILER),
            true,
            true,
            false,
            false),
    /** Omni (BI): sends the lowercase catalog name, can list other data catalogs, queries table data. */
    OMNI(
            "omni",
            "Omni",
            ImmutableSet.of(Feature.METADATA, Feature.QUERY, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            true,
            false,
            true,
            false),
    /** DataHub (PyAthena): sends the lowercase catalog name, lists data catalogs, lineage from view definitions. */
    DATAHUB(
            "datahub",
            "DataHub",
            ImmutableSet.of(
                    Feature.METADATA, Feature.LINEAGE, Feature.PROFILER, Feature.SAMPLE_DATA, Feature.FEDERATED_QUERY),
            ImmutableSet.of(Feature.METADATA),
            true,
            false,
            true,
            false),
    /**
     * Any JDBC tool: sends the catalog name as configured, and makes the calls JDBC drivers make (GetWorkGroup,
     * GetQueryResultsStream, athena:GetDatabase, ListWorkGroups, ListDataCatalogs).
     */
    GENERIC(
            "generic",
            "a JDBC client",
            ImmutableSet.copyOf(Feature.values()),
            ImmutableSet.of(Feature.METADATA, Feature.QUERY),
            false,
            true,
            true,
            true);

    private final String id;
    private final String displayName;
    private final ImmutableSet<Feature> features;
    private final ImmutableSet<Feature> defaultFeatures;
    private final boolean lowercaseCatalogs;
    private final boolean listsWorkGroups;
    private final boolean listsDataCatalogs;
    private final boolean jdbcDriver;

    Profile(
            String id,
            String displayName,
            ImmutableSet<Feature> features,
            ImmutableSet<Feature> defaultFeatures,
            boolean lowercaseCatalogs,
            boolean listsWorkGroups,
            boolean listsDataCatalogs,
            boolean jdbcDriver) {
        this.id = id;
        this.displayName = displayName;
        this.features = features;
        this.defaultFeatures = defaultFeatures;
        this.lowercaseCatalogs = lowercaseCatalogs;
        this.listsWorkGroups = listsWorkGroups;
        this.listsDataCatalogs = listsDataCatalogs;
        this.jdbcDriver = jdbcDriver;
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

    /** {@return whether the tool sends catalog names in lowercase ({@code awsdatacatalog})} */
    public boolean lowercaseCatalogs() {
        return lowercaseCatalogs;
    }

    boolean listsWorkGroups() {
        return listsWorkGroups;
    }

    boolean listsDataCatalogs() {
        return listsDataCatalogs;
    }

    boolean jdbcDriver() {
        return jdbcDriver;
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
        throw new IllegalArgumentException(InputRules.invalid(
                "connector",
                id,
                "expected one of " + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}

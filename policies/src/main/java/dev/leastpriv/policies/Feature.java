package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a connector does with Athena; each feature brings its own requirements. */
public enum Feature {
    /** Schemas, tables, views, columns, comments and view definitions. */
    METADATA("metadata"),
    /** Query history, for usage statistics. */
    USAGE("usage"),
    /** Query history (or view definitions), for lineage. */
    LINEAGE("lineage"),
    /** Profiling queries over table data. */
    PROFILER("profiler"),
    /** Sample rows of each table. */
    SAMPLE_DATA("sample-data"),
    /** Interactive queries over table data, as BI tools run them. */
    QUERY("query"),
    /** Lake Formation tags (LF-tags) of databases, tables and columns. */
    TAGS("tags"),
    /** Federated catalogs and UDFs served by Lambda functions. */
    FEDERATED_QUERY("federated-query"),
    /**
     * DataHub's partition profiling and custom-SQL profiling, which create and drop temporary views in a scratch
     * session database (opt-in in DataHub: {@code partition_profiling_enabled}).
     */
    PARTITION_PROFILING("partition-profiling"),
    /**
     * Building models, as dbt does: creates, replaces and drops tables, views and partitions in the named
     * databases and writes their data under the write locations. The only feature that writes.
     */
    MODELS("models");

    private final String id;

    Feature(String id) {
        this.id = id;
    }

    /** {@return the name used in flags and config files, e.g. {@code sample-data}} */
    public String id() {
        return id;
    }

    /** {@return whether the feature reads table data, and so needs the data locations} */
    public boolean readsData() {
        return this == PROFILER
                || this == SAMPLE_DATA
                || this == QUERY
                || this == PARTITION_PROFILING
                || this == MODELS;
    }

    /**
     * {@return the feature with this id}
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Feature parse(String id) {
        checkNotNull(id, "id");
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Feature feature : values()) {
            if (feature.id.equals(wanted)) {
                return feature;
            }
        }
        throw new InvalidInputException(InputRules.invalid(
                "features",
                id,
                "expected one of " + Arrays.stream(values()).map(Feature::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}

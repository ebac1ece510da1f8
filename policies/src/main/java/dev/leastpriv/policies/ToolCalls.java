package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import org.jspecify.annotations.Nullable;

/**
 * What one tool does beyond the calls every Athena client makes, as named capabilities with the evidence for each
 * (connector-ground-truth.md §2-§6). A capability the tool lacks has no evidence (null); the planner asks these, never
 * which profile it is rendering.
 *
 * @param metadataQueries what the metadata feature's queries are, for the reason text
 * @param metadataQueryEvidence where those queries were read
 * @param dataQueryEvidence where the queries over table data were read (profiler, sample data, BI queries)
 * @param catalogApiEvidence where the Athena catalog calls (ListDatabases, ListTableMetadata, GetTableMetadata) were
 *     read, for a tool that does not use PyAthena
 * @param listsDataCatalogs the evidence that the tool calls ListDataCatalogs, or null
 * @param listsWorkgroupsForMetadata the evidence that its metadata feature calls ListWorkGroups, or null
 * @param readsWorkgroupConfiguration the evidence that it calls GetWorkGroup, or null
 * @param readsEveryEnabledWorkgroup how usage and lineage read the history of every enabled workgroup (ListWorkGroups,
 *     then each one; primary always among them), or null when they read the configured ones
 * @param lineageFromViewDefinitions the evidence that lineage comes from view definitions, not query history, or null
 * @param readsMetadataPartitions the evidence that the metadata feature reads partitions, or null
 * @param tagsEvidence where the LF-tag calls were read
 * @param queryPartitionsEvidence the evidence that queries read partitions
 * @param catalogDefinition where reading a non-default catalog's definition was read, or null for the client's
 *     default (PyAthena's catalog parameter, or the Athena API reference)
 * @param databaseDescriptions the evidence that the tool reads database descriptions from Glue itself, or null
 * @param stopsAtFirstDeniedSchema whether its connection test stops at the first schema it may not read
 * @param introspectsGlueDirectly whether its metadata feature reads Glue directly instead of Athena's catalog API
 * @param hasWorkgroupSetting whether its configuration has a workgroup field
 * @param acceptsSessionDatabase whether its configuration can name a session database
 */
record ToolCalls(
        String metadataQueries,
        Evidence metadataQueryEvidence,
        Evidence dataQueryEvidence,
        Evidence catalogApiEvidence,
        @Nullable Evidence listsDataCatalogs,
        @Nullable Evidence listsWorkgroupsForMetadata,
        @Nullable Evidence readsWorkgroupConfiguration,
        @Nullable EnabledWorkgroupHistory readsEveryEnabledWorkgroup,
        @Nullable Evidence lineageFromViewDefinitions,
        @Nullable Evidence readsMetadataPartitions,
        Evidence tagsEvidence,
        Evidence queryPartitionsEvidence,
        @Nullable Evidence catalogDefinition,
        @Nullable Evidence databaseDescriptions,
        boolean stopsAtFirstDeniedSchema,
        boolean introspectsGlueDirectly,
        boolean hasWorkgroupSetting,
        boolean acceptsSessionDatabase) {

    /**
     * The evidence of a tool that reads the query history of every enabled workgroup: it lists the workgroups, then
     * lists each one's queries and reads them in batches (and never one by one).
     */
    record EnabledWorkgroupHistory(Evidence listWorkgroups, Evidence listQueries, Evidence batchQueries) {

        EnabledWorkgroupHistory {
            checkNotNull(listWorkgroups, "listWorkgroups");
            checkNotNull(listQueries, "listQueries");
            checkNotNull(batchQueries, "batchQueries");
        }
    }

    ToolCalls {
        checkNotNull(metadataQueries, "metadataQueries");
        checkNotNull(metadataQueryEvidence, "metadataQueryEvidence");
        checkNotNull(dataQueryEvidence, "dataQueryEvidence");
        checkNotNull(catalogApiEvidence, "catalogApiEvidence");
        checkNotNull(tagsEvidence, "tagsEvidence");
        checkNotNull(queryPartitionsEvidence, "queryPartitionsEvidence");
    }

    static final ToolCalls OPENMETADATA = builder(
                    "the connection test (SELECT 1) and view definitions (SHOW CREATE VIEW)",
                    Citations.OM_CHECK_ACCESS,
                    Citations.OM_PROFILER)
            .readsEveryEnabledWorkgroup(new EnabledWorkgroupHistory(
                    Citations.OM_LIST_WORKGROUPS, Citations.OM_QUERY_HISTORY, Citations.OM_BATCH_HISTORY))
            .tags(Citations.OM_TAGS)
            .queryPartitions(Citations.OM_PARTITIONS)
            .databaseDescriptions(Citations.OM_GLUE_DATABASES)
            .stopsAtFirstDeniedSchema()
            .noSessionDatabase()
            .build();

    static final ToolCalls OMNI = builder(
                    "the connection test and view definitions", Citations.OMNI_QUERIES, Citations.OMNI_QUERIES)
            .listsDataCatalogs(Citations.OMNI_LIST_CATALOGS)
            .noWorkgroupSetting()
            .build();

    static final ToolCalls DATAHUB = builder(
                    "view definitions (SHOW CREATE VIEW) and the latest partition of each table",
                    Citations.DATAHUB_VIEW,
                    Citations.DATAHUB_PROFILER)
            .listsDataCatalogs(Citations.DATAHUB_LIST_CATALOGS)
            .lineageFromViewDefinitions(Citations.DATAHUB_VIEW)
            .readsMetadataPartitions(Citations.DATAHUB_PARTITIONS)
            .build();

    static final ToolCalls SUPERSET = builder(
                    "table previews (SELECT * … LIMIT 100) and view definitions",
                    Citations.SUPERSET,
                    Citations.SUPERSET)
            .build();

    static final ToolCalls METABASE = builder(
                    "sync queries (DESCRIBE) and the connection test",
                    Citations.JDBC3_METADATA,
                    Citations.METABASE_QUERIES)
            .build();

    static final ToolCalls METABASE_SIMBA = builder(
                    "sync queries (DESCRIBE) and the connection test",
                    Citations.METABASE_SYNC,
                    Citations.METABASE_QUERIES)
            .build();

    static final ToolCalls DBT_ATHENA = builder(
                    "the connection test and view definitions", Citations.DBT_QUERIES, Citations.DBT_QUERIES)
            .readsWorkgroupConfiguration(Citations.DBT_WORKGROUP)
            .catalogDefinition(Citations.DBT_CATALOG)
            .introspectsGlueDirectly()
            .build();

    static final ToolCalls GENERIC = builder(
                    "the connection test and view definitions", Citations.JDBC_QUERIES, Citations.JDBC_QUERIES)
            .catalogApi(Citations.JDBC_METADATA)
            .listsDataCatalogs(Citations.JDBC_LIST)
            .listsWorkgroupsForMetadata(Citations.JDBC_LIST)
            .readsWorkgroupConfiguration(Citations.JDBC_WORKGROUP)
            .build();

    private static Builder builder(String metadataQueries, Evidence metadataQueryEvidence, Evidence dataQueries) {
        return new Builder(metadataQueries, metadataQueryEvidence, dataQueries);
    }

    /** Collects a tool's calls; what is not said is not called. */
    private static final class Builder {
        private final String metadataQueries;
        private final Evidence metadataQueryEvidence;
        private final Evidence dataQueryEvidence;
        private Evidence catalogApiEvidence;
        private @Nullable Evidence listsDataCatalogs;
        private @Nullable Evidence listsWorkgroupsForMetadata;
        private @Nullable Evidence readsWorkgroupConfiguration;
        private @Nullable EnabledWorkgroupHistory readsEveryEnabledWorkgroup;
        private @Nullable Evidence lineageFromViewDefinitions;
        private @Nullable Evidence readsMetadataPartitions;
        private Evidence tagsEvidence = Citations.SAR_NO_RESOURCE_TYPES;
        private Evidence queryPartitionsEvidence = Citations.GLUE_PARTITIONS;
        private @Nullable Evidence catalogDefinition;
        private @Nullable Evidence databaseDescriptions;
        private boolean stopsAtFirstDeniedSchema;
        private boolean introspectsGlueDirectly;
        private boolean hasWorkgroupSetting = true;
        private boolean acceptsSessionDatabase = true;

        private Builder(String metadataQueries, Evidence metadataQueryEvidence, Evidence dataQueryEvidence) {
            this.metadataQueries = metadataQueries;
            this.metadataQueryEvidence = metadataQueryEvidence;
            this.dataQueryEvidence = dataQueryEvidence;
            this.catalogApiEvidence = metadataQueryEvidence;
        }

        @CanIgnoreReturnValue
        Builder catalogApi(Evidence evidence) {
            this.catalogApiEvidence = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder listsDataCatalogs(Evidence evidence) {
            this.listsDataCatalogs = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder listsWorkgroupsForMetadata(Evidence evidence) {
            this.listsWorkgroupsForMetadata = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder readsWorkgroupConfiguration(Evidence evidence) {
            this.readsWorkgroupConfiguration = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder readsEveryEnabledWorkgroup(EnabledWorkgroupHistory history) {
            this.readsEveryEnabledWorkgroup = history;
            return this;
        }

        @CanIgnoreReturnValue
        Builder lineageFromViewDefinitions(Evidence evidence) {
            this.lineageFromViewDefinitions = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder readsMetadataPartitions(Evidence evidence) {
            this.readsMetadataPartitions = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder tags(Evidence evidence) {
            this.tagsEvidence = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder queryPartitions(Evidence evidence) {
            this.queryPartitionsEvidence = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder catalogDefinition(Evidence evidence) {
            this.catalogDefinition = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder databaseDescriptions(Evidence evidence) {
            this.databaseDescriptions = evidence;
            return this;
        }

        @CanIgnoreReturnValue
        Builder stopsAtFirstDeniedSchema() {
            this.stopsAtFirstDeniedSchema = true;
            return this;
        }

        @CanIgnoreReturnValue
        Builder introspectsGlueDirectly() {
            this.introspectsGlueDirectly = true;
            return this;
        }

        @CanIgnoreReturnValue
        Builder noWorkgroupSetting() {
            this.hasWorkgroupSetting = false;
            return this;
        }

        @CanIgnoreReturnValue
        Builder noSessionDatabase() {
            this.acceptsSessionDatabase = false;
            return this;
        }

        ToolCalls build() {
            return new ToolCalls(
                    metadataQueries,
                    metadataQueryEvidence,
                    dataQueryEvidence,
                    catalogApiEvidence,
                    listsDataCatalogs,
                    listsWorkgroupsForMetadata,
                    readsWorkgroupConfiguration,
                    readsEveryEnabledWorkgroup,
                    lineageFromViewDefinitions,
                    readsMetadataPartitions,
                    tagsEvidence,
                    queryPartitionsEvidence,
                    catalogDefinition,
                    databaseDescriptions,
                    stopsAtFirstDeniedSchema,
                    introspectsGlueDirectly,
                    hasWorkgroupSetting,
                    acceptsSessionDatabase);
        }
    }
}

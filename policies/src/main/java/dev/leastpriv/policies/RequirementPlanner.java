package dev.leastpriv.policies;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the requirements of a {@link PolicyRequest} feature by feature, in the order the tool makes its calls;
 * the resource lists are computed once per request. {@link RequirementSet#of} is its only user.
 *
 * <p>Every requirement names its {@link Evidence} ({@link Citations}): what each tool calls was read from its source
 * (shared/reference/connector-ground-truth.md), what Athena calls on the caller's behalf from AWS's documentation.
 */
final class RequirementPlanner {

    final PolicyRequest request;
    final Connection connection;
    final Profile profile;
    final ToolCalls calls;
    final List<Requirement> requirements = new ArrayList<>();
    final Set<String> notes = new LinkedHashSet<>();

    final ResourceLists lists;
    final QueryRequirements queries = new QueryRequirements(this);
    final WriteRequirements writes = new WriteRequirements(this);

    RequirementPlanner(PolicyRequest request) {
        this.request = request;
        this.connection = request.connection();
        this.profile = request.profile();
        this.calls = profile.calls();
        this.lists = new ResourceLists(request);
        notes.addAll(lists.notes());
    }

    /** {@return the requirements of every requested feature, and the notes on how inputs were read} */
    RequirementSet plan() {
        for (Feature feature : request.features()) {
            plan(feature);
        }
        notes.addAll(RequestNotes.of(request, lists.historyWorkgroups, lists.externalCatalogs));
        return new RequirementSet(request, ImmutableList.copyOf(requirements), ImmutableList.copyOf(notes));
    }

    private void plan(Feature feature) {
        switch (feature) {
            case METADATA -> {
                if (calls.introspectsGlueDirectly()) {
                    writes.introspection(feature);
                    return;
                }
                queries.run(feature, calls.metadataQueries(), calls.metadataQueryEvidence());
                listWorkGroups(feature);
                listDataCatalogs(feature);
                athenaMetadata(feature);
                glueMetadata(feature);
                if (calls.readsMetadataPartitions() != null) {
                    partitions(
                            feature,
                            "DataHub reads the latest partition of every partitioned table (SELECT … \"t$partitions\","
                                    + " extract_partitions on by default); Athena serves it from Glue. For Iceberg"
                                    + " tables Athena also reads the table's metadata files in S3 (unconfirmed): add"
                                    + " a data-reading feature with their data locations, or set extract_partitions"
                                    + " to false",
                            calls.readsMetadataPartitions());
                }
            }
            case USAGE, LINEAGE -> {
                Evidence fromViews = calls.lineageFromViewDefinitions();
                if (feature == Feature.LINEAGE && fromViews != null) {
                    // DataHub derives Athena lineage from view definitions, not from the query history.
                    queries.run(feature, "view definitions (SHOW CREATE VIEW) for lineage", fromViews);
                    athenaMetadata(feature);
                    glueMetadata(feature);
                } else {
                    queryHistory(feature);
                }
            }
            case PROFILER, SAMPLE_DATA, QUERY -> {
                queries.run(feature, "queries over table data", calls.dataQueryEvidence());
                glueForQueries(feature);
                readData(feature);
            }
            case PARTITION_PROFILING -> {
                queries.run(
                        feature,
                        "profiling queries over temporary views of partitions or custom SQL",
                        Citations.DATAHUB_TEMP_VIEWS);
                glueForQueries(feature);
                writes.scratchViews(feature);
                readData(feature);
            }
            case MODELS -> {
                queries.run(
                        feature,
                        "the SQL of each model (CREATE TABLE AS, INSERT INTO, MERGE, CREATE VIEW)",
                        Citations.DBT_QUERIES);
                glueForQueries(feature);
                readData(feature);
                writes.modelWrites(feature);
            }
            case TAGS ->
                add(
                        feature,
                        "lakeformation:GetResourceLFTags",
                        ImmutableList.of(Resource.ALL),
                        Block.UNSCOPED,
                        "Reads the LF-tags of databases, tables and columns"
                                + (profile.defaultFeatures().contains(Feature.TAGS)
                                        // Only OpenMetadata reads tags by default (includeTags).
                                        ? " (OpenMetadata's includeTags is on by default; with it off, leave out the"
                                                + " tags feature)"
                                        : "")
                                + ". Lake Formation has no IAM resource types, so only \"*\" grants it; the"
                                + " OpenMetadata page scopes it to Glue ARNs, which grants nothing. Lake Formation"
                                + " must also grant DESCRIBE on the tags",
                        calls.tagsEvidence());
            case FEDERATED_QUERY -> federated(feature);
        }
    }

    // ---- Queries ----

    // ---- Metadata ----

    private void listWorkGroups(Feature feature) {
        Evidence listsWorkgroups = calls.listsWorkgroupsForMetadata();
        if (listsWorkgroups != null) {
            add(
                    feature,
                    "athena:ListWorkGroups",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Lists workgroups; the action has no resource types (Service Authorization Reference), so"
                            + " only \"*\" grants it",
                    listsWorkgroups);
        }
    }

    private void listDataCatalogs(Feature feature) {
        Evidence evidence = calls.listsDataCatalogs();
        if (evidence != null) {
            add(
                    feature,
                    "athena:ListDataCatalogs",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Lists data catalogs; the action has no resource types, so only \"*\" grants it",
                    evidence);
        }
    }

    private void athenaMetadata(Feature feature) {
        boolean pyathena = profile.client() == Profile.Client.PYATHENA;
        Evidence catalogApi = calls.catalogApiEvidence();
        add(
                feature,
                "athena:ListDatabases",
                lists.catalogs,
                Block.ATHENA_CATALOG,
                "Lists schemas of the catalog",
                pyathena ? Citations.PYATHENA_LIST_DATABASES : catalogApi);
        add(
                feature,
                "athena:ListTableMetadata",
                lists.catalogs,
                Block.ATHENA_CATALOG,
                "Lists tables and views",
                pyathena ? Citations.PYATHENA_LIST_TABLES : catalogApi);
        add(
                feature,
                "athena:GetTableMetadata",
                lists.catalogs,
                Block.ATHENA_CATALOG,
                "Reads columns, comments and table properties",
                pyathena ? Citations.PYATHENA_GET_TABLE : catalogApi);
        if (profile.client() == Profile.Client.JDBC_UNKNOWN) {
            add(
                    feature,
                    "athena:GetDatabase",
                    lists.catalogs,
                    Block.ATHENA_CATALOG,
                    "JDBC drivers read schema details",
                    Citations.JDBC_GET_DATABASE);
        }
        if (profile.client() == Profile.Client.SIMBA_JDBC || profile.client() == Profile.Client.JDBC_UNKNOWN) {
            add(
                    feature,
                    "glue:GetCatalogImportStatus",
                    lists.glueCatalog,
                    Block.GLUE_CATALOG,
                    "The Simba Athena JDBC 2.x driver checks that Glue is the catalog before it reads metadata"
                            + " (MetadataRetrievalMethod Auto); without it the driver fails",
                    Citations.SIMBA_GLUE_CHECK);
        }
    }

    private void glueMetadata(Feature feature) {
        add(
                feature,
                "glue:GetDatabase",
                lists.glueDatabases,
                Block.GLUE_DATABASES,
                "Athena reads each database from Glue with the caller's identity; Glue checks the root"
                        + " catalog and the database ARN; missing from the OpenMetadata page",
                Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetDatabases",
                lists.glueDatabases,
                Block.GLUE_DATABASES,
                "Lists databases (Athena ListDatabases"
                        + (calls.databaseDescriptions() != null
                                ? ", " + profile.displayName() + "'s schema descriptions"
                                : "")
                        + "); Glue checks the root catalog and each database ARN (whether Glue filters the list or"
                        + " denies it when only some databases are granted is unconfirmed)"
                        // OpenMetadata's schemaFilterPattern is the setting that scopes its schemas.
                        + (calls.stopsAtFirstDeniedSchema()
                                ? ". Set OpenMetadata's schemaFilterPattern to these databases: its test connection"
                                        + " stops at the first schema it may not read (connection.py"
                                        + " AthenaChecks.get_tables)"
                                : ""),
                calls.databaseDescriptions() != null ? calls.databaseDescriptions() : Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetTable",
                lists.glueTables,
                Block.GLUE_TABLES,
                "Reads a table (Athena GetTableMetadata, view definitions); Glue checks the root catalog, the"
                        + " database and the table ARN",
                Citations.GLUE_TABLE_ARNS);
        add(
                feature,
                "glue:GetTables",
                lists.glueTables,
                Block.GLUE_TABLES,
                "Lists tables (Athena ListTableMetadata); Glue checks the root catalog, the database and the"
                        + " table ARNs",
                Citations.GLUE_GET_TABLES);
    }

    private void glueForQueries(Feature feature) {
        add(
                feature,
                "glue:GetDatabase",
                lists.glueDatabases,
                Block.GLUE_DATABASES,
                "Athena resolves the database of each queried table",
                Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetTable",
                lists.glueTables,
                Block.GLUE_TABLES,
                "Athena reads the queried table's schema and location",
                Citations.GLUE_TABLE_ARNS);
        partitions(
                feature,
                "Athena reads the partitions of partitioned tables it queries",
                calls.queryPartitionsEvidence());
    }

    private void partitions(Feature feature, String why, Evidence evidence) {
        add(feature, "glue:GetPartitions", lists.glueTables, Block.GLUE_TABLES, why, evidence);
        add(
                feature,
                "glue:BatchGetPartition",
                lists.glueTables,
                Block.GLUE_TABLES,
                "Athena fetches partitions in batches when it plans a query",
                Citations.GLUE_BATCH_PARTITIONS);
    }

    // ---- Query history ----

    private void queryHistory(Feature feature) {
        ToolCalls.EnabledWorkgroupHistory everyEnabled = calls.readsEveryEnabledWorkgroup();
        if (everyEnabled != null) {
            add(
                    feature,
                    "athena:ListWorkGroups",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    profile.displayName() + " lists the workgroups and reads the history of every enabled one; the"
                            + " action has no resource types, so only \"*\" grants it",
                    everyEnabled.listWorkgroups());
        }
        add(
                feature,
                "athena:ListQueryExecutions",
                lists.historyWorkgroups,
                Block.ATHENA_QUERY_HISTORY,
                everyEnabled != null
                        ? "Lists past queries of every enabled workgroup (" + profile.displayName() + " ignores the"
                                + " configured one here). The OpenMetadata page grants it on \"*\"; it is authorized on"
                                + " workgroups, so leastpriv names them"
                        : "Lists past queries of the workgroup; it is authorized on the workgroup, not \"*\"",
                everyEnabled != null ? everyEnabled.listQueries() : Citations.GENERIC_HISTORY);
        add(
                feature,
                "athena:BatchGetQueryExecution",
                lists.historyWorkgroups,
                Block.ATHENA_QUERY_HISTORY,
                "Reads the text and statistics of past queries in batches",
                everyEnabled != null ? everyEnabled.batchQueries() : Citations.GENERIC_HISTORY);
        if (everyEnabled == null) {
            // OpenMetadata's history path uses only BatchGetQueryExecution (query_parser.py get_queries).
            add(
                    feature,
                    "athena:GetQueryExecution",
                    lists.historyWorkgroups,
                    Block.ATHENA_QUERY_HISTORY,
                    "Reads the text and statistics of one past query",
                    Citations.GENERIC_HISTORY);
        }
    }

    // ---- Data ----

    private void readData(Feature feature) {
        if (lists.dataBuckets.isEmpty()) {
            notes.add(feature.id() + " reads table data from S3, but no data location was given, so no data"
                    + " read is granted: add data s3://bucket/prefix/ for each table location, or queries fail"
                    + " with S3 AccessDenied");
        } else {
            add(
                    feature,
                    "s3:GetBucketLocation",
                    lists.dataBuckets,
                    Block.DATA_BUCKETS,
                    "Athena checks the region of each data bucket",
                    Citations.DATA_READS);
            add(
                    feature,
                    "s3:ListBucket",
                    lists.dataBuckets,
                    Block.DATA_BUCKETS,
                    "Athena lists the files under each table location",
                    Citations.DATA_READS);
            add(
                    feature,
                    "s3:GetObject",
                    lists.dataObjects,
                    Block.DATA_OBJECTS,
                    "Athena reads table data with the caller's credentials; read-only, only under the data"
                            + " locations",
                    Citations.DATA_READS);
        }
        if (connection.kms()) {
            add(
                    feature,
                    "kms:Decrypt",
                    lists.kmsKeys,
                    Block.KMS_KEYS,
                    "Reads SSE-KMS encrypted table data",
                    Citations.KMS);
        }
        if (connection.lakeFormation()) {
            add(
                    feature,
                    "lakeformation:GetDataAccess",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Athena asks Lake Formation for credentials to read LF-governed data; Lake Formation has"
                            + " no IAM resource types, so only \"*\" grants it. Lake Formation must also grant"
                            + " SELECT on the tables",
                    Citations.LAKE_FORMATION_DATA);
        }
    }

    // ---- Writes (DataHub's scratch views, dbt models) ----

    // ---- Federated catalogs and UDFs ----

    private void federated(Feature feature) {
        add(
                feature,
                "lambda:InvokeFunction",
                lists.lambdas,
                Block.LAMBDA_FUNCTIONS,
                "Athena invokes the federated connector or UDF function with the caller's identity;"
                        + " function:f does not match function:f:1, so the qualified form is granted too",
                Citations.LAMBDA);
        queries.externalCatalogs(feature);
        if (lists.spillBuckets.isEmpty()) {
            notes.add("federated-query: no spill location was given, so none is granted; a federated connector"
                    + " spills large responses to S3 (its spill_bucket and spill_prefix), and Athena reads them"
                    + " with the caller's identity: add spill s3://bucket/prefix/, or queries that spill fail");
            return;
        }
        add(
                feature,
                "s3:GetBucketLocation",
                lists.spillBuckets,
                Block.SPILL_BUCKETS,
                "Athena checks the region of the connector's spill bucket",
                Citations.SPILL);
        add(
                feature,
                "s3:ListBucket",
                lists.spillBuckets,
                Block.SPILL_BUCKETS,
                "Athena lists the spill location of a federated query",
                Citations.SPILL);
        add(
                feature,
                "s3:GetObject",
                lists.spillObjects,
                Block.SPILL_OBJECTS,
                "Athena reads the data the connector spilled to S3; read-only, only under the spill prefix",
                Citations.SPILL);
    }

    void add(
            Feature feature,
            String action,
            ImmutableList<Resource> resources,
            Block block,
            String why,
            Evidence evidence) {
        requirements.add(new Requirement(feature, Action.parse(action), resources, why, block.sid(), evidence));
        notes.addAll(lists.notes(block));
    }
}

package dev.leastpriv.policies;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects the requirements of a {@link PolicyRequest} feature by feature, in the order the tool makes its calls;
 * the resource lists are computed once per request. {@link RequirementSet#of} is its only user.
 *
 * <p>Every requirement names its {@link Evidence} ({@link Citations}): what each tool calls was read from its source
 * (shared/reference/connector-ground-truth.md), what Athena calls on the caller's behalf from AWS's documentation.
 */
final class RequirementPlanner {

    static final String DATABASE_PLACEHOLDER = "<<DATABASE_NAME>>";
    static final String CATALOG_PLACEHOLDER = "<<CATALOG_NAME>>";
    static final String WORKGROUP_PLACEHOLDER = "<<WORKGROUP_NAME>>";
    static final String BUCKET_PLACEHOLDER = "<<S3_BUCKET_NAME>>";
    static final String DATA_BUCKET_PLACEHOLDER = "<<DATA_BUCKET_NAME>>";
    static final String SPILL_BUCKET_PLACEHOLDER = "<<SPILL_BUCKET_NAME>>";
    static final String WRITE_BUCKET_PLACEHOLDER = "<<WRITE_BUCKET_NAME>>";
    static final String SCRATCH_DATABASE_PLACEHOLDER = "<<SCRATCH_DATABASE_NAME>>";
    static final String LAMBDA_PLACEHOLDER = "<<LAMBDA_FUNCTION_NAME>>";
    static final String KMS_PLACEHOLDER = "<<KMS_KEY_ID>>";

    private final PolicyRequest request;
    private final Connection connection;
    private final Profile profile;
    private final Scope scope;
    private final List<Requirement> requirements = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    // Notes on how an input was written, shown only when a requirement uses the block they concern.
    private final Map<Block, List<String>> blockNotes = new EnumMap<>(Block.class);

    private final ImmutableList<Resource> workgroup;
    private final ImmutableList<Resource> historyWorkgroups;
    private final ImmutableList<Resource> catalogs;
    private final ImmutableList<Resource> externalCatalogs;
    private final ImmutableList<Resource> glueCatalog;
    private final ImmutableList<Resource> sessionDatabase;
    private final ImmutableList<Resource> glueDatabases;
    private final ImmutableList<Resource> glueTables;
    private final ImmutableList<Resource> scratchTables;
    private final ImmutableList<Resource> resultsBucket;
    private final ImmutableList<Resource> resultsObjects;
    private final ImmutableList<Resource> dataBuckets;
    private final ImmutableList<Resource> dataObjects;
    private final ImmutableList<Resource> writeBuckets;
    private final ImmutableList<Resource> writeObjects;
    private final ImmutableList<Resource> spillBuckets;
    private final ImmutableList<Resource> spillObjects;
    private final ImmutableList<Resource> kmsKeys;
    private final ImmutableList<Resource> lambdas;

    RequirementPlanner(PolicyRequest request) {
        this.request = request;
        this.connection = request.connection();
        this.profile = request.profile();
        this.scope = Scope.of(connection);
        String workgroupName = connection.workgroup() != null
                ? connection.workgroup()
                : request.placeholders() ? WORKGROUP_PLACEHOLDER : Connection.DEFAULT_WORKGROUP;
        this.workgroup = ImmutableList.of(scope.athena("workgroup/" + workgroupName));
        this.historyWorkgroups = historyArns(workgroupName);
        this.catalogs = catalogArns(false);
        this.externalCatalogs = catalogArns(true);
        this.glueCatalog = ImmutableList.of(scope.glue("catalog"));
        List<String> databases = foldedDatabases();
        this.glueDatabases = glueArns(databases, false);
        this.glueTables = glueArns(databases, true);
        this.sessionDatabase = sessionDatabaseArns(databases);
        this.scratchTables = glueArns(
                List.of(
                        connection.sessionDatabase() != null
                                ? connection.sessionDatabase().toLowerCase(Locale.ROOT)
                                : SCRATCH_DATABASE_PLACEHOLDER),
                true);
        String bucket = connection.results() == null
                ? BUCKET_PLACEHOLDER
                : connection.results().bucket();
        String prefix = connection.results() == null ? "" : connection.results().prefix();
        this.resultsBucket = ImmutableList.of(scope.s3(bucket));
        this.resultsObjects = ImmutableList.of(scope.s3(bucket + "/" + prefix + "*"));
        this.dataBuckets = locationArns(connection.data(), request.readsData(), DATA_BUCKET_PLACEHOLDER, false);
        this.dataObjects = locationArns(connection.data(), request.readsData(), DATA_BUCKET_PLACEHOLDER, true);
        boolean writes = request.features().contains(Feature.MODELS);
        List<S3Location> writeLocations = writeLocations(writes);
        this.writeBuckets = locationArns(writeLocations, writes, WRITE_BUCKET_PLACEHOLDER, false);
        this.writeObjects = locationArns(writeLocations, writes, WRITE_BUCKET_PLACEHOLDER, true);
        boolean federated = request.features().contains(Feature.FEDERATED_QUERY);
        this.spillBuckets = locationArns(connection.spill(), federated, SPILL_BUCKET_PLACEHOLDER, false);
        this.spillObjects = locationArns(connection.spill(), federated, SPILL_BUCKET_PLACEHOLDER, true);
        this.kmsKeys = kmsArns();
        this.lambdas = lambdaArns();
    }

    /** {@return the requirements of every requested feature, and the notes on how inputs were read} */
    RequirementSet plan() {
        for (Feature feature : request.features()) {
            plan(feature);
        }
        generalNotes();
        return new RequirementSet(request, ImmutableList.copyOf(requirements), ImmutableList.copyOf(notes));
    }

    private void plan(Feature feature) {
        switch (feature) {
            case METADATA -> {
                if (profile == Profile.DBT_ATHENA) {
                    dbtIntrospection(feature);
                    return;
                }
                runQueries(feature, metadataQueries(), metadataQueryEvidence());
                listWorkGroups(feature);
                listDataCatalogs(feature);
                athenaMetadata(feature);
                glueMetadata(feature);
                if (profile == Profile.DATAHUB) {
                    partitions(
                            feature,
                            "DataHub reads the latest partition of every partitioned table (SELECT … \"t$partitions\","
                                    + " extract_partitions on by default); Athena serves it from Glue. For Iceberg"
                                    + " tables Athena also reads the table's metadata files in S3 (unconfirmed): add"
                                    + " a data-reading feature with their data locations, or set extract_partitions"
                                    + " to false",
                            Citations.DATAHUB_PARTITIONS);
                }
            }
            case USAGE, LINEAGE -> {
                if (feature == Feature.LINEAGE && profile == Profile.DATAHUB) {
                    // DataHub derives Athena lineage from view definitions, not from the query history.
                    runQueries(feature, "view definitions (SHOW CREATE VIEW) for lineage", Citations.DATAHUB_VIEW);
                    athenaMetadata(feature);
                    glueMetadata(feature);
                } else {
                    queryHistory(feature);
                }
            }
            case PROFILER, SAMPLE_DATA, QUERY -> {
                runQueries(feature, "queries over table data", dataQueryEvidence());
                glueForQueries(feature);
                readData(feature);
            }
            case PARTITION_PROFILING -> {
                runQueries(
                        feature,
                        "profiling queries over temporary views of partitions or custom SQL",
                        Citations.DATAHUB_TEMP_VIEWS);
                glueForQueries(feature);
                scratchViews(feature);
                readData(feature);
            }
            case MODELS -> {
                runQueries(
                        feature,
                        "the SQL of each model (CREATE TABLE AS, INSERT INTO, MERGE, CREATE VIEW)",
                        Citations.DBT_QUERIES);
                glueForQueries(feature);
                readData(feature);
                modelWrites(feature);
            }
            case TAGS ->
                add(
                        feature,
                        "lakeformation:GetResourceLFTags",
                        ImmutableList.of(Resource.ALL),
                        Block.UNSCOPED,
                        "Reads the LF-tags of databases, tables and columns"
                                + (profile == Profile.OPENMETADATA
                                        ? " (OpenMetadata's includeTags is on by default; with it off, leave out the"
                                                + " tags feature)"
                                        : "")
                                + ". Lake Formation has no IAM resource types, so only \"*\" grants it; the"
                                + " OpenMetadata page scopes it to Glue ARNs, which grants nothing. Lake Formation"
                                + " must also grant DESCRIBE on the tags",
                        profile == Profile.OPENMETADATA ? Citations.OM_TAGS : Citations.SAR_NO_RESOURCE_TYPES);
            case FEDERATED_QUERY -> federated(feature);
        }
    }

    // ---- Queries ----

    private String metadataQueries() {
        return switch (profile) {
            case OPENMETADATA -> "the connection test (SELECT 1) and view definitions (SHOW CREATE VIEW)";
            case DATAHUB -> "view definitions (SHOW CREATE VIEW) and the latest partition of each table";
            case METABASE, METABASE_SIMBA -> "sync queries (DESCRIBE) and the connection test";
            case SUPERSET -> "table previews (SELECT * … LIMIT 100) and view definitions";
            default -> "the connection test and view definitions";
        };
    }

    private Evidence metadataQueryEvidence() {
        return switch (profile) {
            case OPENMETADATA -> Citations.OM_CHECK_ACCESS;
            case DATAHUB -> Citations.DATAHUB_VIEW;
            case SUPERSET -> Citations.SUPERSET;
            case DBT_ATHENA -> Citations.DBT_QUERIES;
            case METABASE -> Citations.JDBC3_METADATA;
            case METABASE_SIMBA -> Citations.METABASE_SYNC;
            case OMNI -> Citations.OMNI_QUERIES;
            case GENERIC -> Citations.JDBC_QUERIES;
        };
    }

    private Evidence dataQueryEvidence() {
        return switch (profile) {
            case OPENMETADATA -> Citations.OM_PROFILER;
            case DATAHUB -> Citations.DATAHUB_PROFILER;
            case SUPERSET -> Citations.SUPERSET;
            case DBT_ATHENA -> Citations.DBT_QUERIES;
            case METABASE, METABASE_SIMBA -> Citations.METABASE_QUERIES;
            case OMNI -> Citations.OMNI_QUERIES;
            case GENERIC -> Citations.JDBC_QUERIES;
        };
    }

    /** The calls of every query: the query lifecycle, the session database, the results, KMS, the catalog. */
    private void runQueries(Feature feature, String what, Evidence start) {
        boolean pyathena = profile.client() == Profile.Client.PYATHENA;
        add(
                feature,
                "athena:StartQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Starts queries in the workgroup: " + what,
                pyathena ? Citations.PYATHENA_START : start);
        add(
                feature,
                "athena:GetQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Polls a query until it finishes",
                pyathena ? Citations.PYATHENA_POLL : start);
        add(
                feature,
                "athena:GetQueryResults",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Reads query results",
                pyathena ? Citations.PYATHENA_RESULTS : start);
        add(
                feature,
                "athena:StopQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                pyathena
                        ? "Cancels a running query (PyAthena cancels on an interrupt or cursor.cancel()); missing from"
                                + " the OpenMetadata page"
                        : "Cancels a query that is stopped or timed out; missing from the OpenMetadata page",
                pyathena ? Citations.PYATHENA_CANCEL : start);
        if (profile.client().jdbc()) {
            add(
                    feature,
                    "athena:GetQueryResultsStream",
                    workgroup,
                    Block.ATHENA_WORKGROUP,
                    "The Athena JDBC driver streams large results",
                    Citations.JDBC_STREAM);
        }
        if (profile.client() == Profile.Client.JDBC_UNKNOWN || profile == Profile.DBT_ATHENA) {
            add(
                    feature,
                    "athena:GetWorkGroup",
                    workgroup,
                    Block.ATHENA_WORKGROUP,
                    profile == Profile.DBT_ATHENA
                            ? "dbt-athena reads the workgroup to learn whether it enforces its output location"
                            : "JDBC drivers read the workgroup to find an enforced output location",
                    profile == Profile.DBT_ATHENA ? Citations.DBT_WORKGROUP : Citations.JDBC_WORKGROUP);
        }
        sessionDatabase(feature);
        externalCatalogs(feature);
        add(
                feature,
                "s3:GetBucketLocation",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena checks that the results bucket is in its region before writing results",
                Citations.RESULTS_BUCKET);
        add(
                feature,
                "s3:ListBucket",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena lists the result location with the caller's credentials",
                Citations.RESULTS_BUCKET);
        add(
                feature,
                "s3:ListBucketMultipartUploads",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena writes large results as multipart uploads; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        add(
                feature,
                "s3:GetObject",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Reads result files under the result prefix",
                Citations.RESULTS_OBJECTS);
        add(
                feature,
                "s3:PutObject",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena writes query results with the caller's credentials; scoped to the result prefix, not"
                        + " the whole bucket as on the OpenMetadata page",
                Citations.RESULTS_OBJECTS);
        add(
                feature,
                "s3:AbortMultipartUpload",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Cleans up a failed multipart result upload; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        add(
                feature,
                "s3:ListMultipartUploadParts",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena resumes multipart result uploads; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        if (connection.kms()) {
            add(
                    feature,
                    "kms:GenerateDataKey",
                    kmsKeys,
                    Block.KMS_KEYS,
                    "Writes SSE-KMS encrypted query results (Athena encryption docs: GenerateDataKey and"
                            + " Decrypt); the OpenMetadata page also grants kms:DescribeKey, which Athena does"
                            + " not need to read or write encrypted data",
                    Citations.KMS);
            add(
                    feature,
                    "kms:Decrypt",
                    kmsKeys,
                    Block.KMS_KEYS,
                    "Reads SSE-KMS encrypted query results",
                    Citations.KMS);
        }
    }

    /**
     * Every query names a session database, which Athena looks up in Glue with the caller's identity. Left out
     * when the database list already grants glue:GetDatabase on it (every feature that queries also reads the
     * listed databases).
     */
    private void sessionDatabase(Feature feature) {
        if (sessionDatabase.isEmpty()) {
            return;
        }
        add(
                feature,
                "glue:GetDatabase",
                sessionDatabase,
                Block.GLUE_SESSION_DATABASE,
                "Every query names the session database \"" + connection.sessionDatabaseOrDefault() + "\""
                        + (connection.sessionDatabase() == null ? " (the default when none is configured)" : "")
                        + "; Athena looks it up in Glue with the caller's identity. Read-only",
                switch (profile.client()) {
                    case PYATHENA -> Citations.PYATHENA_SESSION_DATABASE;
                    case JDBC3, SIMBA_JDBC, JDBC_UNKNOWN -> Citations.JDBC_SESSION_DATABASE;
                    case UNKNOWN -> Citations.SESSION_DATABASE_DOC;
                });
    }

    /** A non-default catalog is named on every call, and Athena reads its definition first. */
    private void externalCatalogs(Feature feature) {
        if (externalCatalogs.isEmpty()) {
            return;
        }
        add(
                feature,
                "athena:GetDataCatalog",
                externalCatalogs,
                Block.ATHENA_FEDERATED_CATALOG,
                "Every query and metadata call names the catalog; Athena reads a non-default catalog's definition"
                        + " with the caller's identity (\"running queries against an external catalog requires"
                        + " GetDataCatalog\")",
                profile == Profile.DBT_ATHENA
                        ? Citations.DBT_CATALOG
                        : profile.client() == Profile.Client.PYATHENA
                                ? Citations.PYATHENA_CATALOG
                                : Citations.GET_DATA_CATALOG);
    }

    // ---- Metadata ----

    private void listWorkGroups(Feature feature) {
        if (profile == Profile.GENERIC) {
            add(
                    feature,
                    "athena:ListWorkGroups",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Lists workgroups; the action has no resource types (Service Authorization Reference), so"
                            + " only \"*\" grants it",
                    Citations.JDBC_LIST);
        }
    }

    private void listDataCatalogs(Feature feature) {
        Evidence evidence = switch (profile) {
            case DATAHUB -> Citations.DATAHUB_LIST_CATALOGS;
            case OMNI -> Citations.OMNI_LIST_CATALOGS;
            case GENERIC -> Citations.JDBC_LIST;
            default -> null;
        };
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
        Evidence catalogApi = profile == Profile.GENERIC ? Citations.JDBC_METADATA : metadataQueryEvidence();
        add(
                feature,
                "athena:ListDatabases",
                catalogs,
                Block.ATHENA_CATALOG,
                "Lists schemas of the catalog",
                pyathena ? Citations.PYATHENA_LIST_DATABASES : catalogApi);
        add(
                feature,
                "athena:ListTableMetadata",
                catalogs,
                Block.ATHENA_CATALOG,
                "Lists tables and views",
                pyathena ? Citations.PYATHENA_LIST_TABLES : catalogApi);
        add(
                feature,
                "athena:GetTableMetadata",
                catalogs,
                Block.ATHENA_CATALOG,
                "Reads columns, comments and table properties",
                pyathena ? Citations.PYATHENA_GET_TABLE : catalogApi);
        if (profile.client() == Profile.Client.JDBC_UNKNOWN) {
            add(
                    feature,
                    "athena:GetDatabase",
                    catalogs,
                    Block.ATHENA_CATALOG,
                    "JDBC drivers read schema details",
                    Citations.JDBC_GET_DATABASE);
        }
        if (profile.client() == Profile.Client.SIMBA_JDBC || profile.client() == Profile.Client.JDBC_UNKNOWN) {
            add(
                    feature,
                    "glue:GetCatalogImportStatus",
                    glueCatalog,
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
                glueDatabases,
                Block.GLUE_DATABASES,
                "Athena reads each database from Glue with the caller's identity; Glue checks the root"
                        + " catalog and the database ARN; missing from the OpenMetadata page",
                Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetDatabases",
                glueDatabases,
                Block.GLUE_DATABASES,
                "Lists databases (Athena ListDatabases"
                        + (profile == Profile.OPENMETADATA ? ", OpenMetadata's schema descriptions" : "")
                        + "); Glue checks the root catalog and each database ARN (whether Glue filters the list or"
                        + " denies it when only some databases are granted is unconfirmed)"
                        + (profile == Profile.OPENMETADATA
                                ? ". Set OpenMetadata's schemaFilterPattern to these databases: its test connection"
                                        + " stops at the first schema it may not read (connection.py"
                                        + " AthenaChecks.get_tables)"
                                : ""),
                profile == Profile.OPENMETADATA ? Citations.OM_GLUE_DATABASES : Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetTable",
                glueTables,
                Block.GLUE_TABLES,
                "Reads a table (Athena GetTableMetadata, view definitions); Glue checks the root catalog, the"
                        + " database and the table ARN",
                Citations.GLUE_TABLE_ARNS);
        add(
                feature,
                "glue:GetTables",
                glueTables,
                Block.GLUE_TABLES,
                "Lists tables (Athena ListTableMetadata); Glue checks the root catalog, the database and the"
                        + " table ARNs",
                Citations.GLUE_GET_TABLES);
    }

    private void glueForQueries(Feature feature) {
        add(
                feature,
                "glue:GetDatabase",
                glueDatabases,
                Block.GLUE_DATABASES,
                "Athena resolves the database of each queried table",
                Citations.GLUE_DATABASE_ARNS);
        add(
                feature,
                "glue:GetTable",
                glueTables,
                Block.GLUE_TABLES,
                "Athena reads the queried table's schema and location",
                Citations.GLUE_TABLE_ARNS);
        partitions(
                feature,
                "Athena reads the partitions of partitioned tables it queries",
                profile == Profile.OPENMETADATA ? Citations.OM_PARTITIONS : Citations.GLUE_PARTITIONS);
    }

    private void partitions(Feature feature, String why, Evidence evidence) {
        add(feature, "glue:GetPartitions", glueTables, Block.GLUE_TABLES, why, evidence);
        add(
                feature,
                "glue:BatchGetPartition",
                glueTables,
                Block.GLUE_TABLES,
                "Athena fetches partitions in batches when it plans a query",
                Citations.GLUE_BATCH_PARTITIONS);
    }

    // ---- Query history ----

    private void queryHistory(Feature feature) {
        boolean openMetadata = profile == Profile.OPENMETADATA;
        if (openMetadata) {
            add(
                    feature,
                    "athena:ListWorkGroups",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "OpenMetadata lists the workgroups and reads the history of every enabled one; the action has"
                            + " no resource types, so only \"*\" grants it",
                    Citations.OM_LIST_WORKGROUPS);
        }
        add(
                feature,
                "athena:ListQueryExecutions",
                historyWorkgroups,
                Block.ATHENA_QUERY_HISTORY,
                openMetadata
                        ? "Lists past queries of every enabled workgroup (OpenMetadata ignores the configured one"
                                + " here). The OpenMetadata page grants it on \"*\"; it is authorized on workgroups,"
                                + " so leastpriv names them"
                        : "Lists past queries of the workgroup; it is authorized on the workgroup, not \"*\"",
                openMetadata ? Citations.OM_QUERY_HISTORY : Citations.GENERIC_HISTORY);
        add(
                feature,
                "athena:BatchGetQueryExecution",
                historyWorkgroups,
                Block.ATHENA_QUERY_HISTORY,
                "Reads the text and statistics of past queries in batches",
                openMetadata ? Citations.OM_BATCH_HISTORY : Citations.GENERIC_HISTORY);
        if (!openMetadata) {
            // OpenMetadata's history path uses only BatchGetQueryExecution (query_parser.py get_queries).
            add(
                    feature,
                    "athena:GetQueryExecution",
                    historyWorkgroups,
                    Block.ATHENA_QUERY_HISTORY,
                    "Reads the text and statistics of one past query",
                    Citations.GENERIC_HISTORY);
        }
    }

    // ---- Data ----

    private void readData(Feature feature) {
        if (dataBuckets.isEmpty()) {
            notes.add(feature.id() + " reads table data from S3, but no data location was given, so no data"
                    + " read is granted: add data s3://bucket/prefix/ for each table location, or queries fail"
                    + " with S3 AccessDenied");
        } else {
            add(
                    feature,
                    "s3:GetBucketLocation",
                    dataBuckets,
                    Block.DATA_BUCKETS,
                    "Athena checks the region of each data bucket",
                    Citations.DATA_READS);
            add(
                    feature,
                    "s3:ListBucket",
                    dataBuckets,
                    Block.DATA_BUCKETS,
                    "Athena lists the files under each table location",
                    Citations.DATA_READS);
            add(
                    feature,
                    "s3:GetObject",
                    dataObjects,
                    Block.DATA_OBJECTS,
                    "Athena reads table data with the caller's credentials; read-only, only under the data"
                            + " locations",
                    Citations.DATA_READS);
        }
        if (connection.kms()) {
            add(feature, "kms:Decrypt", kmsKeys, Block.KMS_KEYS, "Reads SSE-KMS encrypted table data", Citations.KMS);
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

    /** DataHub creates and drops temporary views in its session database, which must be a scratch database. */
    private void scratchViews(Feature feature) {
        for (String action : List.of("glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable", "glue:GetTable")) {
            add(
                    feature,
                    action,
                    scratchTables,
                    Block.GLUE_SCRATCH_TABLES,
                    "DataHub creates, replaces and drops temporary views (ge_…) in its session database, the"
                            + " scratch database; Athena writes them to Glue with the caller's identity. Writes"
                            + " only there",
                    Citations.DATAHUB_TEMP_VIEWS);
        }
    }

    /**
     * dbt builds models in the named databases: Athena DDL writes Glue tables, views and partitions with the
     * caller's identity, and dbt-athena itself updates and deletes tables, partitions and table versions.
     */
    private void modelWrites(Feature feature) {
        for (String action : List.of(
                "glue:GetTables",
                "glue:CreateTable",
                "glue:UpdateTable",
                "glue:DeleteTable",
                "glue:GetPartition",
                "glue:CreatePartition",
                "glue:DeletePartition",
                "glue:BatchCreatePartition",
                "glue:BatchDeletePartition")) {
            add(
                    feature,
                    action,
                    glueTables,
                    Block.GLUE_TABLE_WRITES,
                    "dbt creates, replaces and drops the tables, views and partitions of its models; only in the"
                            + " named databases",
                    action.equals("glue:GetTables") ? Citations.DBT_GLUE_READS : Citations.DBT_GLUE_WRITES);
        }
        for (String action : List.of("glue:GetTableVersions", "glue:DeleteTableVersion")) {
            add(
                    feature,
                    action,
                    glueTables,
                    Block.GLUE_TABLE_WRITES,
                    "dbt-athena expires old Glue table versions after every view and incremental model",
                    Citations.DBT_TABLE_VERSIONS);
        }
        add(
                feature,
                "glue:GetDatabases",
                glueDatabases,
                Block.GLUE_DATABASES,
                "dbt lists the databases of the catalog to find the schemas of its models",
                Citations.DBT_GLUE_READS);
        add(
                feature,
                "glue:CreateDatabase",
                glueDatabases,
                Block.GLUE_DATABASES,
                "dbt runs \"create schema if not exists\" for the schema of every model; only the named databases",
                Citations.DBT_CREATE_SCHEMA);
        for (String action : List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads")) {
            add(
                    feature,
                    action,
                    writeBuckets,
                    Block.WRITE_BUCKETS,
                    "dbt lists a table's location before it deletes it, and Athena writes table data in the"
                            + " bucket",
                    Citations.DBT_S3_WRITES);
        }
        for (String action : List.of(
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts")) {
            add(
                    feature,
                    action,
                    writeObjects,
                    Block.WRITE_OBJECTS,
                    "Athena writes the data of the tables dbt builds (CREATE TABLE AS, INSERT INTO), and dbt deletes"
                            + " a table's data when it rebuilds or drops it; only under the write locations",
                    Citations.DBT_S3_WRITES);
        }
        if (connection.kms()) {
            add(
                    feature,
                    "kms:GenerateDataKey",
                    kmsKeys,
                    Block.KMS_KEYS,
                    "Writes SSE-KMS encrypted table data",
                    Citations.KMS);
        }
    }

    /**
     * dbt's relation cache and {@code dbt docs generate} read Glue directly (impl.py), not through Athena's catalog
     * API; a non-default catalog is read through Athena.
     */
    private void dbtIntrospection(Feature feature) {
        add(
                feature,
                "glue:GetDatabases",
                glueDatabases,
                Block.GLUE_DATABASES,
                "dbt lists the schemas of the catalog",
                Citations.DBT_GLUE_READS);
        add(
                feature,
                "glue:GetTables",
                glueTables,
                Block.GLUE_TABLES,
                "dbt lists the relations of each schema (its relation cache, dbt docs generate)",
                Citations.DBT_GLUE_READS);
        add(
                feature,
                "glue:GetTable",
                glueTables,
                Block.GLUE_TABLES,
                "dbt reads the columns, type and location of a relation",
                Citations.DBT_GLUE_READS);
        externalCatalogs(feature);
        if (!externalCatalogs.isEmpty()) {
            add(
                    feature,
                    "athena:ListTableMetadata",
                    externalCatalogs,
                    Block.ATHENA_FEDERATED_CATALOG,
                    "dbt docs generate lists the tables of a non-Glue catalog through Athena",
                    Citations.DBT_CATALOG);
        }
    }

    // ---- Federated catalogs and UDFs ----

    private void federated(Feature feature) {
        add(
                feature,
                "lambda:InvokeFunction",
                lambdas,
                Block.LAMBDA_FUNCTIONS,
                "Athena invokes the federated connector or UDF function with the caller's identity;"
                        + " function:f does not match function:f:1, so the qualified form is granted too",
                Citations.LAMBDA);
        externalCatalogs(feature);
        if (spillBuckets.isEmpty()) {
            notes.add("federated-query: no spill location was given, so none is granted; a federated connector"
                    + " spills large responses to S3 (its spill_bucket and spill_prefix), and Athena reads them"
                    + " with the caller's identity: add spill s3://bucket/prefix/, or queries that spill fail");
            return;
        }
        add(
                feature,
                "s3:GetBucketLocation",
                spillBuckets,
                Block.SPILL_BUCKETS,
                "Athena checks the region of the connector's spill bucket",
                Citations.SPILL);
        add(
                feature,
                "s3:ListBucket",
                spillBuckets,
                Block.SPILL_BUCKETS,
                "Athena lists the spill location of a federated query",
                Citations.SPILL);
        add(
                feature,
                "s3:GetObject",
                spillObjects,
                Block.SPILL_OBJECTS,
                "Athena reads the data the connector spilled to S3; read-only, only under the spill prefix",
                Citations.SPILL);
    }

    private void add(
            Feature feature,
            String action,
            ImmutableList<Resource> resources,
            Block block,
            String why,
            Evidence evidence) {
        requirements.add(new Requirement(feature, Action.parse(action), resources, why, block.sid(), evidence));
        notes.addAll(blockNotes.getOrDefault(block, List.of()));
    }

    // ---- Notes that concern the request as a whole ----

    private void generalNotes() {
        boolean history = request.features().contains(Feature.USAGE)
                || (request.features().contains(Feature.LINEAGE) && profile != Profile.DATAHUB);
        if (history
                && profile == Profile.OPENMETADATA
                && !request.placeholders()
                && !connection.historyWorkgroups().contains(Connection.ALL_WORKGROUPS)) {
            notes.add("OpenMetadata's usage and lineage read the query history of every ENABLED workgroup, not"
                    + " only the configured one (query_parser.py get_work_groups), and stop at the first they may"
                    + " not read: history is granted on "
                    + historyWorkgroups.stream()
                            .map(r -> r.pattern().substring(r.pattern().lastIndexOf('/') + 1))
                            .collect(Collectors.joining(", "))
                    + "; add every other enabled workgroup as a history workgroup, or \"*\" for all");
        }
        if (!history && !connection.historyWorkgroups().isEmpty()) {
            notes.add("history workgroups are not used: no requested feature reads the query history");
        }
        if (!request.features().contains(Feature.FEDERATED_QUERY)
                && !connection.spill().isEmpty()) {
            notes.add("spill locations are not used: they serve the federated-query feature only");
        }
        if (profile == Profile.OMNI
                && connection.workgroup() != null
                && !connection.workgroup().equals(Connection.DEFAULT_WORKGROUP)) {
            notes.add("Omni's connection form has no workgroup field, so Omni probably runs its queries in primary"
                    + " (unconfirmed): if it does, workgroup \"" + connection.workgroup() + "\" grants nothing Omni"
                    + " uses");
        }
        if (profile == Profile.DATAHUB
                && request.features().contains(Feature.PROFILER)
                && !request.features().contains(Feature.PARTITION_PROFILING)) {
            notes.add("DataHub's partition_profiling_enabled and custom-SQL profiling create temporary views in"
                    + " the session database: they need the partition-profiling feature and a scratch session"
                    + " database");
        }
        if (!request.features().contains(Feature.FEDERATED_QUERY)) {
            for (Resource catalog : externalCatalogs) {
                String name = catalog.pattern().substring(catalog.pattern().lastIndexOf('/') + 1);
                notes.add("catalog \"" + name + "\" is not the default catalog: if it is a federated (Lambda)"
                        + " catalog, add the federated-query feature with its lambda and spill location; if it is"
                        + " a Glue catalog of another account, the Glue grants here name this account's catalog"
                        + " and do not reach it");
            }
        }
    }

    // ---- Resource lists ----

    /**
     * The workgroups whose history the tool reads. OpenMetadata reads every enabled workgroup; primary always
     * exists and is enabled unless someone disabled it, so it is granted with the configured one. The other
     * enabled workgroups come from the connection (discovery lists them); {@code *} grants every workgroup.
     */
    private ImmutableList<Resource> historyArns(String configured) {
        if (connection.historyWorkgroups().contains(Connection.ALL_WORKGROUPS)) {
            return ImmutableList.of(scope.athena("workgroup/*"));
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(configured);
        if (profile == Profile.OPENMETADATA) {
            names.add(Connection.DEFAULT_WORKGROUP);
        }
        names.addAll(connection.historyWorkgroups());
        return names.stream().map(name -> scope.athena("workgroup/" + name)).collect(ImmutableList.toImmutableList());
    }

    /** Catalog ARNs in the spelling the tool sends; {@code externalOnly} leaves out the default catalog. */
    private ImmutableList<Resource> catalogArns(boolean externalOnly) {
        Set<String> names = new LinkedHashSet<>();
        if (connection.catalogs().isEmpty() && request.placeholders()) {
            return externalOnly
                    ? ImmutableList.of()
                    : ImmutableList.of(scope.athena("datacatalog/" + CATALOG_PLACEHOLDER));
        }
        if (connection.catalogs().isEmpty()) {
            // No catalog configured: the tool sends its default spelling (PyAthena "awsdatacatalog", JDBC
            // "AwsDataCatalog"); a tool whose driver is unknown gets both, the safe default while the spelling
            // Athena authorizes is unconfirmed (connector-ground-truth.md §11.3).
            if (!externalOnly) {
                names.addAll(profile.defaultCatalogSpellings());
                if (connection.bothCatalogCases()) {
                    names.add("AwsDataCatalog");
                    names.add(Connection.DEFAULT_CATALOG);
                }
            }
            return names.stream()
                    .map(name -> scope.athena("datacatalog/" + name))
                    .collect(ImmutableList.toImmutableList());
        }
        for (String catalog : connection.catalogs()) {
            boolean isDefault = catalog.equalsIgnoreCase(Connection.DEFAULT_CATALOG);
            if (externalOnly && isDefault) {
                continue; // GetDataCatalog on AwsDataCatalog always fails: "DataCatalog … was not found"
            }
            // A configured name is sent verbatim (OpenMetadata connection.py catalog_name=quote_plus(catalogId),
            // DataHub catalog_name, the JDBC Catalog property); only Omni's form asks for the lowercase name.
            String sent = profile.lowercasesCatalogs() ? catalog.toLowerCase(Locale.ROOT) : catalog;
            names.add(sent);
            if (!sent.equals(catalog) && !externalOnly) {
                note(
                        Block.ATHENA_CATALOG,
                        "catalog \"" + catalog + "\" is written as \"" + sent + "\": " + profile.displayName()
                                + " asks for the lowercase name and IAM compares resource names case-sensitively;"
                                + " both-catalog-cases grants both spellings");
            }
            // The default catalog configured in a spelling the tool would not send by itself.
            if (isDefault
                    && !profile.defaultCatalogSpellings().contains(sent)
                    && !externalOnly
                    && !connection.bothCatalogCases()) {
                note(
                        Block.ATHENA_CATALOG,
                        "catalog \"" + catalog + "\" is granted as configured, the spelling "
                                + profile.displayName() + " sends; whether Athena also authorizes it as"
                                + " \"awsdatacatalog\" is unconfirmed; both-catalog-cases grants both spellings");
            }
            if (connection.bothCatalogCases()) {
                names.add(isDefault ? "AwsDataCatalog" : catalog);
                names.add(catalog.toLowerCase(Locale.ROOT));
            }
        }
        return names.stream().map(name -> scope.athena("datacatalog/" + name)).collect(ImmutableList.toImmutableList());
    }

    /** The database names as Glue stores them (lowercase), or the placeholder when none was given. */
    private List<String> foldedDatabases() {
        Set<String> databases = new LinkedHashSet<>();
        if (connection.databases().isEmpty()) {
            databases.add(DATABASE_PLACEHOLDER);
        }
        for (String database : connection.databases()) {
            String folded = database.toLowerCase(Locale.ROOT);
            if (!folded.equals(database)) {
                String note = "database \"" + database + "\" is written as \"" + folded
                        + "\": Glue folds database names to lowercase";
                note(Block.GLUE_DATABASES, note);
                note(Block.GLUE_TABLES, note);
            }
            databases.add(folded);
        }
        return List.copyOf(databases);
    }

    /**
     * Where dbt writes table data: the given write locations, or dbt-athena's default when none is given, the
     * {@code tables/} folder under the query result location (impl.py {@code _s3_table_prefix}: s3_data_dir
     * defaults to s3_staging_dir + "tables/").
     */
    private List<S3Location> writeLocations(boolean writes) {
        if (!writes || !connection.writeLocations().isEmpty() || connection.results() == null) {
            return List.copyOf(connection.writeLocations());
        }
        S3Location results = connection.results();
        S3Location tables = new S3Location(results.bucket(), results.prefix() + "tables/");
        notes.add("models: no write location was given, so dbt-athena's default table location " + tables
                + " (s3_staging_dir + tables/) is granted; add write-location for s3_data_dir, s3_tmp_table_dir and"
                + " every external_location your models use");
        return List.of(tables);
    }

    /**
     * The root catalog and the session database, or nothing when the listed databases already hold it ({@code *},
     * or the session database is one of them).
     */
    private ImmutableList<Resource> sessionDatabaseArns(List<String> databases) {
        String session = connection.sessionDatabaseOrDefault().toLowerCase(Locale.ROOT);
        if (connection.allDatabases() || databases.contains(session)) {
            return ImmutableList.of();
        }
        return ImmutableList.of(scope.glue("catalog"), scope.glue("database/" + session));
    }

    /** Root catalog, then database ARNs, then (for tables) {@code table/<db>/*}; Glue checks all ancestors. */
    private ImmutableList<Resource> glueArns(List<String> databases, boolean tables) {
        ImmutableList.Builder<Resource> arns = ImmutableList.builder();
        arns.add(scope.glue("catalog"));
        databases.forEach(db -> arns.add(scope.glue("database/" + db)));
        if (tables) {
            databases.forEach(db -> arns.add(scope.glue("table/" + db + "/*")));
        }
        return arns.build();
    }

    private void note(Block block, String note) {
        blockNotes.computeIfAbsent(block, k -> new ArrayList<>()).add(note);
    }

    /**
     * Bucket or object ARNs of S3 locations; in a template, a placeholder bucket when {@code used} and none was
     * given.
     */
    private ImmutableList<Resource> locationArns(
            Iterable<S3Location> locations, boolean used, String placeholder, boolean objects) {
        Set<Resource> arns = new LinkedHashSet<>();
        if (!locations.iterator().hasNext() && request.placeholders() && used) {
            arns.add(scope.s3(objects ? placeholder + "/*" : placeholder));
        }
        for (S3Location location : locations) {
            arns.add(scope.s3(objects ? location.bucket() + "/" + location.prefix() + "*" : location.bucket()));
        }
        return ImmutableList.copyOf(arns);
    }

    private ImmutableList<Resource> kmsArns() {
        if (connection.kmsKeys().isEmpty()) {
            return ImmutableList.of(scope.kms("key/" + KMS_PLACEHOLDER));
        }
        return connection.kmsKeys().stream()
                .map(key -> key.keyArn().map(Resource::of).orElseGet(() -> scope.kms("key/" + key.keyId())))
                .collect(ImmutableList.toImmutableList());
    }

    private ImmutableList<Resource> lambdaArns() {
        Set<Resource> arns = new LinkedHashSet<>();
        if (connection.lambdas().isEmpty()) {
            arns.add(scope.lambda("function:" + LAMBDA_PLACEHOLDER));
            arns.add(scope.lambda("function:" + LAMBDA_PLACEHOLDER + ":*"));
        }
        for (LambdaFunction function : connection.lambdas()) {
            String base = function.unqualifiedArn()
                    .map(Object::toString)
                    .orElseGet(() -> scope.lambda("function:" + function.name()).pattern());
            if (function.isQualified()) {
                arns.add(Resource.parse(base + ":" + function.qualifier()));
            } else {
                arns.add(Resource.parse(base));
                arns.add(Resource.parse(base + ":*"));
            }
        }
        return ImmutableList.copyOf(arns);
    }
}

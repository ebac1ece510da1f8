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

/**
 * Collects the requirements of a {@link PolicyRequest} feature by feature, in the order the tool makes its calls;
 * the resource lists are computed once per request. {@link RequirementSet#of} is its only user.
 */
final class RequirementPlanner {

    static final String DATABASE_PLACEHOLDER = "<<DATABASE_NAME>>";
    static final String CATALOG_PLACEHOLDER = "<<CATALOG_NAME>>";
    static final String WORKGROUP_PLACEHOLDER = "<<WORKGROUP_NAME>>";
    static final String BUCKET_PLACEHOLDER = "<<S3_BUCKET_NAME>>";
    static final String DATA_BUCKET_PLACEHOLDER = "<<DATA_BUCKET_NAME>>";
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
    private final ImmutableList<Resource> catalogs;
    private final ImmutableList<Resource> federatedCatalogs;
    private final ImmutableList<Resource> glueDatabases;
    private final ImmutableList<Resource> glueTables;
    private final ImmutableList<Resource> resultsBucket;
    private final ImmutableList<Resource> resultsObjects;
    private final ImmutableList<Resource> dataBuckets;
    private final ImmutableList<Resource> dataObjects;
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
        this.catalogs = catalogArns(false);
        this.federatedCatalogs = catalogArns(true);
        List<String> databases = foldedDatabases();
        this.glueDatabases = glueArns(databases, false);
        this.glueTables = glueArns(databases, true);
        String bucket = connection.results() == null
                ? BUCKET_PLACEHOLDER
                : connection.results().bucket();
        String prefix = connection.results() == null ? "" : connection.results().prefix();
        this.resultsBucket = ImmutableList.of(scope.s3(bucket));
        this.resultsObjects = ImmutableList.of(scope.s3(bucket + "/" + prefix + "*"));
        this.dataBuckets = dataArns(false);
        this.dataObjects = dataArns(true);
        this.kmsKeys = kmsArns();
        this.lambdas = lambdaArns();
    }

    /** {@return the requirements of every requested feature, and the notes on how inputs were read} */
    RequirementSet plan() {
        for (Feature feature : request.features()) {
            plan(feature);
        }
        return new RequirementSet(request, ImmutableList.copyOf(requirements), ImmutableList.copyOf(notes));
    }

    private void plan(Feature feature) {
        switch (feature) {
            case METADATA -> {
                runQueries(feature, "the connection test (SELECT 1) and view definitions (SHOW CREATE VIEW)");
                listWorkGroups(feature);
                listDataCatalogs(feature);
                athenaMetadata(feature);
                glueMetadata(feature);
            }
            case USAGE, LINEAGE -> {
                if (feature == Feature.LINEAGE && profile == Profile.DATAHUB) {
                    // DataHub derives Athena lineage from view definitions, not from the query history.
                    runQueries(feature, "view definitions (SHOW CREATE VIEW) for lineage");
                    athenaMetadata(feature);
                    glueMetadata(feature);
                } else {
                    queryHistory(feature);
                }
            }
            case PROFILER, SAMPLE_DATA, QUERY -> {
                runQueries(feature, "queries over table data");
                glueForQueries(feature);
                readData(feature);
            }
            case TAGS ->
                add(
                        feature,
                        "lakeformation:GetResourceLFTags",
                        ImmutableList.of(Resource.ALL),
                        Block.UNSCOPED,
                        "Reads the LF-tags of databases, tables and columns. Lake Formation has no IAM resource"
                                + " types, so only \"*\" grants it; the OpenMetadata page scopes it to Glue ARNs,"
                                + " which grants nothing. Lake Formation must also grant DESCRIBE on the tags");
            case FEDERATED_QUERY -> federated(feature);
        }
    }

    private void runQueries(Feature feature, String what) {
        add(
                feature,
                "athena:StartQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Starts queries in the workgroup: " + what);
        add(feature, "athena:GetQueryExecution", workgroup, Block.ATHENA_WORKGROUP, "Polls a query until it finishes");
        add(feature, "athena:GetQueryResults", workgroup, Block.ATHENA_WORKGROUP, "Reads query results");
        add(
                feature,
                "athena:StopQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Cancels a query that timed out; missing from the OpenMetadata page, so a cancelled query keeps"
                        + " running");
        if (profile.jdbcDriver()) {
            add(
                    feature,
                    "athena:GetQueryResultsStream",
                    workgroup,
                    Block.ATHENA_WORKGROUP,
                    "The Athena JDBC driver streams large results");
            add(
                    feature,
                    "athena:GetWorkGroup",
                    workgroup,
                    Block.ATHENA_WORKGROUP,
                    "JDBC drivers and dbt read the workgroup to find an enforced output location"
                            + " (dbt-labs/dbt-athena#262)");
        }
        add(
                feature,
                "s3:GetBucketLocation",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena checks that the results bucket is in its region before writing results");
        add(
                feature,
                "s3:ListBucket",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena lists the result location with the caller's credentials");
        add(
                feature,
                "s3:ListBucketMultipartUploads",
                resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena writes large results as multipart uploads; missing from the OpenMetadata page");
        add(
                feature,
                "s3:GetObject",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Reads result files under the result prefix");
        add(
                feature,
                "s3:PutObject",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena writes query results with the caller's credentials; scoped to the result prefix, not"
                        + " the whole bucket as on the OpenMetadata page");
        add(
                feature,
                "s3:AbortMultipartUpload",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Cleans up a failed multipart result upload; missing from the OpenMetadata page");
        add(
                feature,
                "s3:ListMultipartUploadParts",
                resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena resumes multipart result uploads; missing from the OpenMetadata page");
        if (connection.kms()) {
            add(
                    feature,
                    "kms:GenerateDataKey",
                    kmsKeys,
                    Block.KMS_KEYS,
                    "Writes SSE-KMS encrypted query results (Athena encryption docs: GenerateDataKey and"
                            + " Decrypt); the OpenMetadata page also grants kms:DescribeKey, which Athena does"
                            + " not need to read or write encrypted data");
            add(feature, "kms:Decrypt", kmsKeys, Block.KMS_KEYS, "Reads SSE-KMS encrypted query results");
        }
    }

    private void listWorkGroups(Feature feature) {
        if (profile.listsWorkGroups()) {
            add(
                    feature,
                    "athena:ListWorkGroups",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Lists workgroups; the action has no resource types (Service Authorization Reference), so"
                            + " only \"*\" grants it");
        }
    }

    private void listDataCatalogs(Feature feature) {
        if (profile.listsDataCatalogs()) {
            add(
                    feature,
                    "athena:ListDataCatalogs",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Lists data catalogs; the action has no resource types, so only \"*\" grants it"
                            + " (datahub-project/datahub#17341)");
        }
    }

    private void athenaMetadata(Feature feature) {
        add(
                feature,
                "athena:ListDatabases",
                catalogs,
                Block.ATHENA_CATALOG,
                "Lists schemas of the catalog (PyAthena list_databases)");
        add(feature, "athena:ListTableMetadata", catalogs, Block.ATHENA_CATALOG, "Lists tables and views");
        add(
                feature,
                "athena:GetTableMetadata",
                catalogs,
                Block.ATHENA_CATALOG,
                "Reads columns, comments and table properties");
        if (profile.jdbcDriver()) {
            add(feature, "athena:GetDatabase", catalogs, Block.ATHENA_CATALOG, "JDBC drivers read schema details");
        }
    }

    private void glueMetadata(Feature feature) {
        add(
                feature,
                "glue:GetDatabase",
                glueDatabases,
                Block.GLUE_DATABASES,
                "Athena reads each database from Glue with the caller's identity; Glue checks the root"
                        + " catalog and the database ARN; missing from the OpenMetadata page");
        add(
                feature,
                "glue:GetDatabases",
                glueDatabases,
                Block.GLUE_DATABASES,
                "Lists databases (Athena ListDatabases, schema descriptions); Glue checks the root catalog"
                        + " and each database ARN");
        add(
                feature,
                "glue:GetTable",
                glueTables,
                Block.GLUE_TABLES,
                "Reads a table (Athena GetTableMetadata, view definitions); Glue checks the root catalog, the"
                        + " database and the table ARN");
        add(
                feature,
                "glue:GetTables",
                glueTables,
                Block.GLUE_TABLES,
                "Lists tables (Athena ListTableMetadata); Glue checks the root catalog, the database and the"
                        + " table ARNs");
    }

    private void glueForQueries(Feature feature) {
        add(
                feature,
                "glue:GetDatabase",
                glueDatabases,
                Block.GLUE_DATABASES,
                "Athena resolves the database of each queried table");
        add(
                feature,
                "glue:GetTable",
                glueTables,
                Block.GLUE_TABLES,
                "Athena reads the queried table's schema and location");
        add(
                feature,
                "glue:GetPartitions",
                glueTables,
                Block.GLUE_TABLES,
                "Athena reads the partitions of partitioned tables it queries (OpenMetadata#14158)");
        add(
                feature,
                "glue:BatchGetPartition",
                glueTables,
                Block.GLUE_TABLES,
                "Athena fetches partitions in batches when it plans a query");
    }

    private void queryHistory(Feature feature) {
        add(
                feature,
                "athena:ListQueryExecutions",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Lists past queries of the workgroup. The OpenMetadata page grants it on \"*\", but it is"
                        + " authorized on the workgroup (resource type workgroup), so the workgroup ARN is enough");
        add(
                feature,
                "athena:BatchGetQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Reads the text and statistics of past queries in batches");
        add(
                feature,
                "athena:GetQueryExecution",
                workgroup,
                Block.ATHENA_WORKGROUP,
                "Reads the text and statistics of one past query");
    }

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
                    "Athena checks the region of each data bucket");
            add(
                    feature,
                    "s3:ListBucket",
                    dataBuckets,
                    Block.DATA_BUCKETS,
                    "Athena lists the files under each table location");
            add(
                    feature,
                    "s3:GetObject",
                    dataObjects,
                    Block.DATA_OBJECTS,
                    "Athena reads table data with the caller's credentials; read-only, only under the data"
                            + " locations");
        }
        if (connection.kms()) {
            add(feature, "kms:Decrypt", kmsKeys, Block.KMS_KEYS, "Reads SSE-KMS encrypted table data");
        }
        if (connection.lakeFormation()) {
            add(
                    feature,
                    "lakeformation:GetDataAccess",
                    ImmutableList.of(Resource.ALL),
                    Block.UNSCOPED,
                    "Athena asks Lake Formation for credentials to read LF-governed data; Lake Formation has"
                            + " no IAM resource types, so only \"*\" grants it. Lake Formation must also grant"
                            + " SELECT on the tables");
        }
    }

    private void federated(Feature feature) {
        add(
                feature,
                "lambda:InvokeFunction",
                lambdas,
                Block.LAMBDA_FUNCTIONS,
                "Athena invokes the federated connector or UDF function with the caller's identity;"
                        + " function:f does not match function:f:1, so the qualified form is granted too");
        if (!federatedCatalogs.isEmpty()) {
            add(
                    feature,
                    "athena:GetDataCatalog",
                    federatedCatalogs,
                    Block.ATHENA_FEDERATED_CATALOG,
                    "Reads the federated catalog's definition (needed for federated views)");
        }
    }

    private void add(Feature feature, String action, ImmutableList<Resource> resources, Block block, String why) {
        requirements.add(new Requirement(feature, Action.parse(action), resources, why, block.sid()));
        notes.addAll(blockNotes.getOrDefault(block, List.of()));
    }

    /** Catalog ARNs in the spelling the tool sends; {@code federatedOnly} leaves out the default catalog. */
    private ImmutableList<Resource> catalogArns(boolean federatedOnly) {
        Set<String> names = new LinkedHashSet<>();
        if (connection.catalogs().isEmpty() && request.placeholders()) {
            return federatedOnly
                    ? ImmutableList.of()
                    : ImmutableList.of(scope.athena("datacatalog/" + CATALOG_PLACEHOLDER));
        }
        // No catalog given: the default one. A tool whose spelling is unknown (generic JDBC; Simba drivers send
        // "AwsDataCatalog") gets both spellings, the safe default of athena-connector-needs.md §4.
        Iterable<String> given = !connection.catalogs().isEmpty()
                ? connection.catalogs()
                : profile.lowercaseCatalogs()
                        ? ImmutableList.of(Connection.DEFAULT_CATALOG)
                        : ImmutableList.of("AwsDataCatalog", Connection.DEFAULT_CATALOG);
        for (String catalog : given) {
            boolean isDefault = catalog.equalsIgnoreCase(Connection.DEFAULT_CATALOG);
            if (federatedOnly && isDefault) {
                continue; // GetDataCatalog on AwsDataCatalog always fails: "DataCatalog … was not found"
            }
            String sent = profile.lowercaseCatalogs() ? catalog.toLowerCase(Locale.ROOT) : catalog;
            names.add(sent);
            if (!sent.equals(catalog) && !federatedOnly) {
                note(
                        Block.ATHENA_CATALOG,
                        "catalog \"" + catalog + "\" is written as \"" + sent + "\": " + profile.displayName()
                                + " sends the lowercase name and IAM compares resource names case-sensitively;"
                                + " both-catalog-cases grants both spellings");
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

    private ImmutableList<Resource> dataArns(boolean objects) {
        Set<Resource> arns = new LinkedHashSet<>();
        if (connection.data().isEmpty() && request.placeholders() && request.readsData()) {
            arns.add(scope.s3(objects ? DATA_BUCKET_PLACEHOLDER + "/*" : DATA_BUCKET_PLACEHOLDER));
        }
        for (S3Location location : connection.data()) {
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

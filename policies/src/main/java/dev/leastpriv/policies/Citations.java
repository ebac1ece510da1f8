package dev.leastpriv.policies;

/**
 * The evidence behind leastpriv's requirements, one constant per source read. Versions, lines and the study itself:
 * {@code shared/reference/connector-ground-truth.md} §0-§6. Kept in one place so a re-read of a tool's source
 * updates every requirement that cites it.
 */
final class Citations {

    private Citations() {}

    private static final String PYATHENA = "laughingman7743/PyAthena ";
    private static final String OM =
            "open-metadata/OpenMetadata ingestion/src/metadata/ingestion/source/database/athena/";
    private static final String DATAHUB = "datahub-project/datahub metadata-ingestion/src/datahub/ingestion/source/";
    private static final String DBT = "dbt-labs/dbt-adapters dbt-athena/src/dbt/adapters/athena/";
    private static final String METABASE = "metabase/metabase modules/drivers/athena/src/metabase/driver/athena.clj";
    private static final String ATHENA_UG = "Athena User Guide (awsdocs/amazon-athena-user-guide, archived 2023) ";

    // ---- Athena and its server-side calls (AWS documentation) ----

    static final Evidence SAR_NO_RESOURCE_TYPES =
            Evidence.docs("Service Authorization Reference: the action has no resource types, so only \"*\" grants it");
    static final Evidence SAR_WORKGROUP =
            Evidence.docs("Service Authorization Reference, Amazon Athena: the action's resource type is workgroup");
    static final Evidence RESULTS_BUCKET = Evidence.docs(ATHENA_UG
            + "federated-query-iam-access.md and udf-iam-access.md example policies: s3:GetBucketLocation and"
            + " s3:ListBucket on the query result bucket");
    static final Evidence RESULTS_MULTIPART = Evidence.docs(ATHENA_UG
            + "federated-query-iam-access.md example policy and the AWS managed policy AWSQuicksightAthenaAccess:"
            + " multipart upload actions on the result location");
    static final Evidence RESULTS_OBJECTS = Evidence.docs(ATHENA_UG
            + "federated-query-iam-access.md and udf-iam-access.md example policies: s3:GetObject and s3:PutObject"
            + " on the result location");
    static final Evidence KMS = Evidence.docs(ATHENA_UG
            + "encryption.md: SSE-KMS results need kms:GenerateDataKey and kms:Decrypt; encrypted data kms:Decrypt");
    static final Evidence GLUE_DATABASE_ARNS = Evidence.docs(
            "AWS Glue Developer Guide glue-specifying-resource-arns.md: a database action is authorized on the"
                    + " catalog and the database ARNs");
    static final Evidence GLUE_TABLE_ARNS = Evidence.docs(
            "AWS Glue Developer Guide glue-specifying-resource-arns.md: a table action is authorized on the"
                    + " catalog, the database and the table ARNs");
    static final Evidence GLUE_GET_TABLES =
            Evidence.issue("open-metadata/OpenMetadata#15923: ListTableMetadata fails with \"not authorized to perform:"
                    + " glue:GetTables on resource: …:catalog\"");
    static final Evidence GLUE_PARTITIONS = Evidence.docs(ATHENA_UG
            + "\"Table partitions and versions\": GetPartitions needs the catalog, the database and the table");
    static final Evidence GLUE_BATCH_PARTITIONS =
            Evidence.unconfirmed("in the AWS managed policy AWSQuicksightAthenaAccess; whether Athena engine v3 calls"
                    + " glue:BatchGetPartition needs a live test");
    static final Evidence SESSION_DATABASE_DOC = Evidence.docs(ATHENA_UG
            + "fine-grained-access-to-glue-resources.md: \"Mandatory: access policy to the Default database and"
            + " catalog per AWS Region\" (glue:GetDatabase); aws/aws-sdk-pandas#3020");
    static final Evidence DATA_READS = Evidence.docs(
            ATHENA_UG + "s3-permissions.md: users must have permission to access the S3 buckets they query");
    static final Evidence LAKE_FORMATION_DATA = Evidence.docs(
            "Lake Formation Developer Guide, underlying data access: Athena calls lakeformation:GetDataAccess"
                    + " with the caller's credentials; the action has no resource types");
    static final Evidence LAMBDA = Evidence.docs(
            ATHENA_UG + "federated-query-iam-access.md and udf-iam-access.md: lambda:InvokeFunction on the function");
    static final Evidence SPILL = Evidence.docs(ATHENA_UG
            + "federated-query-iam-access.md: s3:GetObject on the spill prefix, s3:ListBucket and"
            + " s3:GetBucketLocation on the spill bucket");
    static final Evidence GET_DATA_CATALOG = Evidence.docs(
            "Athena API Reference, StartQueryExecution: running queries against an external catalog requires"
                    + " GetDataCatalog permission to the catalog");

    // ---- PyAthena (OpenMetadata, DataHub, Superset, dbt-athena) ----

    static final Evidence PYATHENA_START =
            Evidence.source(PYATHENA + "pyathena/common.py BaseCursor._execute (start_query_execution)");
    static final Evidence PYATHENA_POLL =
            Evidence.source(PYATHENA + "pyathena/common.py BaseCursor._get_query_execution (polls each query)");
    static final Evidence PYATHENA_RESULTS =
            Evidence.source(PYATHENA + "pyathena/result_set.py AthenaResultSet (get_query_results)");
    static final Evidence PYATHENA_CANCEL = Evidence.source(PYATHENA
            + "pyathena/common.py BaseCursor._cancel (stop_query_execution, on KeyboardInterrupt or cursor.cancel())");
    static final Evidence PYATHENA_SESSION_DATABASE = Evidence.source(PYATHENA
            + "pyathena/common.py BaseCursor._build_start_query_execution_request: QueryExecutionContext.Database"
            + " on every query, \"default\" unless configured (connection.py, sqlalchemy/base.py)");
    static final Evidence PYATHENA_CATALOG = Evidence.source(PYATHENA
            + "pyathena/common.py _build_start_query_execution_request (QueryExecutionContext.Catalog),"
            + " _build_list_databases_request, _build_list_table_metadata_request (CatalogName); Athena API"
            + " Reference: an external catalog requires GetDataCatalog");
    static final Evidence PYATHENA_LIST_DATABASES = Evidence.source(
            PYATHENA + "pyathena/common.py BaseCursor._list_databases; sqlalchemy/base.py AthenaDialect._get_schemas");
    static final Evidence PYATHENA_LIST_TABLES = Evidence.source(PYATHENA
            + "pyathena/common.py BaseCursor._list_table_metadata; sqlalchemy/base.py AthenaDialect._get_tables");
    static final Evidence PYATHENA_GET_TABLE = Evidence.source(PYATHENA
            + "pyathena/common.py BaseCursor._get_table_metadata; sqlalchemy/base.py AthenaDialect._get_table");
    static final Evidence PYATHENA_VIEW = Evidence.source(
            PYATHENA + "pyathena/sqlalchemy/base.py AthenaDialect.get_view_definition (SHOW CREATE VIEW)");

    // ---- OpenMetadata ----

    static final Evidence OM_CHECK_ACCESS =
            Evidence.source(OM + "connection.py AthenaChecks.check_access (SELECT 1) through PyAthena");
    static final Evidence OM_GLUE_DATABASES =
            Evidence.source(OM + "metadata.py AthenaSource.prepare (glue get_databases paginator)");
    static final Evidence OM_LIST_WORKGROUPS =
            Evidence.source(OM + "query_parser.py AthenaQueryParserSource.get_work_groups (list_work_groups)");
    static final Evidence OM_QUERY_HISTORY = Evidence.source(OM
            + "query_parser.py AthenaQueryParserSource.get_queries (list_query_executions for every enabled"
            + " workgroup)");
    static final Evidence OM_BATCH_HISTORY =
            Evidence.source(OM + "query_parser.py AthenaQueryParserSource.get_queries (batch_get_query_execution)");
    static final Evidence OM_TAGS = Evidence.source(OM
            + "client.py AthenaLakeFormationClient.get_database_tags, get_table_and_column_tags"
            + " (get_resource_lf_tags); includeTags defaults to true");
    static final Evidence OM_PROFILER = Evidence.source(
            "open-metadata/OpenMetadata ingestion/src/metadata/sampler/sqlalchemy/athena/sampler.py AthenaSampler:"
                    + " profiler and sample-data queries through PyAthena");
    static final Evidence OM_PARTITIONS =
            Evidence.issue("open-metadata/OpenMetadata#14158: profiling partitioned tables needs glue:GetPartitions");

    // ---- DataHub ----

    static final Evidence DATAHUB_VIEW =
            Evidence.source(DATAHUB + "sql/athena.py CustomAthenaRestDialect.get_view_definition (SHOW CREATE VIEW)");
    static final Evidence DATAHUB_LIST_CATALOGS = Evidence.source(DATAHUB
            + "sql/athena.py AthenaSource._catalog_type, is_glue_catalog (list_data_catalogs paginator; tests"
            + " test_catalog_type_*); pull request datahub-project/datahub#17341");
    static final Evidence DATAHUB_PARTITIONS = Evidence.source(DATAHUB
            + "sql/athena.py AthenaSource.get_partitions (SELECT … \"table$partitions\"; extract_partitions defaults"
            + " to true)");
    static final Evidence DATAHUB_PROFILER =
            Evidence.source(DATAHUB + "sqlalchemy_profiler/adapters/athena.py AthenaAdapter (profiling queries)");
    static final Evidence DATAHUB_TEMP_VIEWS = Evidence.source(DATAHUB
            + "sqlalchemy_profiler/adapters/athena.py AthenaAdapter._create_temp_view_for_custom_sql (CREATE OR"
            + " REPLACE VIEW in"
            + " the session database), _drop_temp_view (DROP VIEW IF EXISTS)");

    // ---- Superset, Metabase, JDBC drivers, Omni ----

    static final Evidence SUPERSET = Evidence.source(
            "apache/superset superset/db_engine_specs/athena.py AthenaEngineSpec: every call through PyAthena's"
                    + " SQLAlchemy dialect");
    static final Evidence METABASE_SYNC = Evidence.source(
            METABASE + " describe-database (JDBC getSchemas, getTables), describe-table-fields (getColumns, DESCRIBE)");
    static final Evidence METABASE_QUERIES =
            Evidence.source(METABASE + " connection-details->spec (WorkGroup, OutputLocation): queries through JDBC");
    static final Evidence JDBC3_METADATA = Evidence.docs(
            "Athena JDBC 3.x driver release notes 3.4.0: getSchemas → ListDatabases, getTables → ListTableMetadata,"
                    + " GetTableMetadata; metabase/metabase#55630");
    static final Evidence JDBC_SESSION_DATABASE =
            Evidence.docs("Athena JDBC 3.x driver, connection parameters: Schema defaults to \"default\"; "
                    + "Athena User Guide (archived) fine-grained-access-to-glue-resources.md: the default database is"
                    + " mandatory");
    static final Evidence JDBC_STREAM =
            Evidence.docs("Athena JDBC 3.x driver, result fetcher: the streaming fetcher calls GetQueryResultsStream");
    static final Evidence JDBC_WORKGROUP = Evidence.unconfirmed(
            "JDBC drivers reading the workgroup's configuration (dbt-labs/dbt-athena#262 shows dbt doing it)");
    static final Evidence JDBC_GET_DATABASE =
            Evidence.unconfirmed("JDBC drivers reading schema details with athena:GetDatabase");
    static final Evidence JDBC_METADATA =
            Evidence.docs("Athena JDBC 3.x driver: metadata through Athena's API (ListDatabases, ListTableMetadata,"
                    + " GetTableMetadata)");
    static final Evidence JDBC_QUERIES = Evidence.docs(
            "Athena JDBC 3.x driver: statements run with StartQueryExecution, polled with GetQueryExecution, results"
                    + " read with GetQueryResults, S3 or GetQueryResultsStream (ResultFetcher)");
    static final Evidence JDBC_LIST = Evidence.unconfirmed("JDBC clients listing workgroups and data catalogs");
    static final Evidence SIMBA_GLUE_CHECK = Evidence.issue(
            "dacort/metabase-athena-driver#105 (AJClient.checkGlueSupport denied glue:GetCatalogImportStatus on"
                    + " the catalog); pull request metabase/metabase#41388 (the same denial from Simba 2.0.35)");
    static final Evidence OMNI_QUERIES =
            Evidence.source("docs.omni.co/connect-data/setup/athena (closed source; BI queries over table data)");
    static final Evidence OMNI_LIST_CATALOGS = Evidence.unconfirmed(
            "Omni's form has \"Include Other Data Catalogs\"; that Omni lists catalogs needs a live test");
    static final Evidence GENERIC_HISTORY = Evidence.unconfirmed("a JDBC tool reading the workgroup's query history");

    // ---- dbt-athena (dbt-labs/dbt-athena @ ead6879b) ----

    static final Evidence DBT_WORKGROUP = Evidence.source(DBT
            + "impl.py AthenaAdapter._get_work_group (get_work_group), from is_work_group_output_location_enforced"
            + " on every CREATE TABLE AS; dbt-labs/dbt-athena#262");
    static final Evidence DBT_QUERIES = Evidence.source(DBT
            + "connections.py AthenaConnectionManager (PyAthena cursor) and the table, view, incremental and seed"
            + " materializations");
    static final Evidence DBT_GLUE_READS = Evidence.source(DBT
            + "impl.py AthenaAdapter.list_schemas (get_databases), list_relations_without_caching (get_tables),"
            + " get_columns_in_relation (get_table)");
    static final Evidence DBT_GLUE_WRITES = Evidence.source(DBT
            + "impl.py AthenaAdapter.delete_from_glue_catalog (delete_table), swap_table (update_table,"
            + " batch_delete_partition, batch_create_partition), clean_up_partitions (get_partitions,"
            + " delete_partition); Athena DDL of the materializations (CreateTable, UpdateTable)");
    static final Evidence DBT_TABLE_VERSIONS = Evidence.source(DBT
            + "impl.py AthenaAdapter._get_glue_table_versions_to_expire (get_table_versions) and"
            + " expire_glue_table_versions (delete_table_version), after every view and incremental model");
    static final Evidence DBT_CREATE_SCHEMA = Evidence.issue(
            "dbt-labs/dbt-athena#364: dbt run fails without glue:CreateDatabase (athena__create_schema runs"
                    + " \"create schema if not exists\")");
    static final Evidence DBT_S3_WRITES = Evidence.source(DBT
            + "impl.py AthenaAdapter.delete_from_s3 (objects.filter().delete()), _s3_path_exists"
            + " (list_objects_v2), upload_seed_to_s3 (upload_file); table data under s3_data_dir");
    static final Evidence DBT_CATALOG = Evidence.source(
            DBT + "impl.py AthenaAdapter._get_data_catalog (get_data_catalog for a non-default catalog)");
}

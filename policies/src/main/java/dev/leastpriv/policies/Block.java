package dev.leastpriv.policies;

/**
 * The statements leastpriv writes, in output order. Each has a stable Sid (IAM allows only {@code [A-Za-z0-9]})
 * that {@code check} and {@code preflight} use to point back at the block and its features.
 */
enum Block {
    UNSCOPED("UnscopedActions"),
    ATHENA_WORKGROUP("AthenaWorkgroup"),
    /** The workgroups whose query history the tool reads: the configured one, primary and the named others. */
    ATHENA_QUERY_HISTORY("AthenaQueryHistory"),
    ATHENA_CATALOG("AthenaCatalog"),
    /** Non-default catalogs: their definitions (athena:GetDataCatalog). */
    ATHENA_FEDERATED_CATALOG("AthenaFederatedCatalog"),
    /** The root Glue catalog alone (the Simba JDBC driver's Glue check). */
    GLUE_CATALOG("GlueCatalog"),
    /** The session database every query names ({@code default} unless configured). */
    GLUE_SESSION_DATABASE("GlueSessionDatabase"),
    GLUE_DATABASES("GlueDatabases"),
    GLUE_TABLES("GlueTables"),
    /** Glue table writes in the named databases (dbt-athena models). */
    GLUE_TABLE_WRITES("GlueTableWrites"),
    /** Temporary views in a scratch database (DataHub partition profiling). */
    GLUE_SCRATCH_TABLES("GlueScratchTables"),
    RESULTS_BUCKET("ResultsBucket"),
    RESULTS_OBJECTS("ResultsObjects"),
    DATA_BUCKETS("DataBuckets"),
    DATA_OBJECTS("DataObjects"),
    /** Buckets and objects a write-capable tool writes table data to. */
    WRITE_BUCKETS("WriteBuckets"),
    WRITE_OBJECTS("WriteObjects"),
    /** The spill locations of federated connectors. */
    SPILL_BUCKETS("SpillBuckets"),
    SPILL_OBJECTS("SpillObjects"),
    KMS_KEYS("KmsKeys"),
    LAMBDA_FUNCTIONS("LambdaFunctions");

    private final String sid;

    Block(String sid) {
        this.sid = sid;
    }

    String sid() {
        return sid;
    }

    /** {@return the output position of the statement with this Sid; unknown Sids go last} */
    static int rank(String sid) {
        for (Block block : values()) {
            if (block.sid.equals(sid)) {
                return block.ordinal();
            }
        }
        return values().length;
    }
}

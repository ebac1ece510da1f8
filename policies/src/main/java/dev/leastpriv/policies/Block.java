package dev.leastpriv.policies;

/**
 * The statements leastpriv writes, in output order. Each has a stable Sid (IAM allows only {@code [A-Za-z0-9]})
 * that {@code check} and {@code preflight} use to point back at the block and its features.
 */
enum Block {
    UNSCOPED("UnscopedActions"),
    ATHENA_WORKGROUP("AthenaWorkgroup"),
    ATHENA_CATALOG("AthenaCatalog"),
    ATHENA_FEDERATED_CATALOG("AthenaFederatedCatalog"),
    GLUE_DATABASES("GlueDatabases"),
    GLUE_TABLES("GlueTables"),
    RESULTS_BUCKET("ResultsBucket"),
    RESULTS_OBJECTS("ResultsObjects"),
    DATA_BUCKETS("DataBuckets"),
    DATA_OBJECTS("DataObjects"),
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

package dev.leastpriv.policies;

/**
 * What every query needs, whichever feature runs it: the query lifecycle in the workgroup, the session database
 * and the catalog it names, the result location, and the KMS keys of encrypted results.
 */
final class QueryRequirements {

    private final RequirementPlanner plan;

    QueryRequirements(RequirementPlanner plan) {
        this.plan = plan;
    }

    /** The calls of every query: the query lifecycle, the session database, the results, KMS, the catalog. */
    void run(Feature feature, String what, Evidence start) {
        boolean pyathena = plan.profile.client() == Profile.Client.PYATHENA;
        plan.add(
                feature,
                "athena:StartQueryExecution",
                plan.lists.workgroup,
                Block.ATHENA_WORKGROUP,
                "Starts queries in the workgroup: " + what,
                pyathena ? Citations.PYATHENA_START : start);
        plan.add(
                feature,
                "athena:GetQueryExecution",
                plan.lists.workgroup,
                Block.ATHENA_WORKGROUP,
                "Polls a query until it finishes",
                pyathena ? Citations.PYATHENA_POLL : start);
        plan.add(
                feature,
                "athena:GetQueryResults",
                plan.lists.workgroup,
                Block.ATHENA_WORKGROUP,
                "Reads query results",
                pyathena ? Citations.PYATHENA_RESULTS : start);
        plan.add(
                feature,
                "athena:StopQueryExecution",
                plan.lists.workgroup,
                Block.ATHENA_WORKGROUP,
                pyathena
                        ? "Cancels a running query (PyAthena cancels on an interrupt or cursor.cancel()); missing from"
                                + " the OpenMetadata page"
                        : "Cancels a query that is stopped or timed out; missing from the OpenMetadata page",
                pyathena ? Citations.PYATHENA_CANCEL : start);
        if (plan.profile.client().jdbc()) {
            plan.add(
                    feature,
                    "athena:GetQueryResultsStream",
                    plan.lists.workgroup,
                    Block.ATHENA_WORKGROUP,
                    "The Athena JDBC driver streams large results",
                    Citations.JDBC_STREAM);
        }
        Evidence readsWorkgroup = plan.calls.readsWorkgroupConfiguration();
        if (readsWorkgroup != null) {
            plan.add(
                    feature,
                    "athena:GetWorkGroup",
                    plan.lists.workgroup,
                    Block.ATHENA_WORKGROUP,
                    "Reads the workgroup to learn whether it enforces its output location",
                    readsWorkgroup);
        }
        sessionDatabase(feature);
        externalCatalogs(feature);
        plan.add(
                feature,
                "s3:GetBucketLocation",
                plan.lists.resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena checks that the results bucket is in its region before writing results",
                Citations.RESULTS_BUCKET);
        plan.add(
                feature,
                "s3:ListBucket",
                plan.lists.resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena lists the result location with the caller's credentials",
                Citations.RESULTS_BUCKET);
        plan.add(
                feature,
                "s3:ListBucketMultipartUploads",
                plan.lists.resultsBucket,
                Block.RESULTS_BUCKET,
                "Athena writes large results as multipart uploads; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        plan.add(
                feature,
                "s3:GetObject",
                plan.lists.resultsObjects,
                Block.RESULTS_OBJECTS,
                "Reads result files under the result prefix",
                Citations.RESULTS_OBJECTS);
        plan.add(
                feature,
                "s3:PutObject",
                plan.lists.resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena writes query results with the caller's credentials; scoped to the result prefix, not"
                        + " the whole bucket as on the OpenMetadata page",
                Citations.RESULTS_OBJECTS);
        plan.add(
                feature,
                "s3:AbortMultipartUpload",
                plan.lists.resultsObjects,
                Block.RESULTS_OBJECTS,
                "Cleans up a failed multipart result upload; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        plan.add(
                feature,
                "s3:ListMultipartUploadParts",
                plan.lists.resultsObjects,
                Block.RESULTS_OBJECTS,
                "Athena resumes multipart result uploads; missing from the OpenMetadata page",
                Citations.RESULTS_MULTIPART);
        if (plan.connection.kms()) {
            plan.add(
                    feature,
                    "kms:GenerateDataKey",
                    plan.lists.kmsKeys,
                    Block.KMS_KEYS,
                    "Writes SSE-KMS encrypted query results (Athena encryption docs: GenerateDataKey and"
                            + " Decrypt); the OpenMetadata page also grants kms:DescribeKey, which Athena does"
                            + " not need to read or write encrypted data",
                    Citations.KMS);
            plan.add(
                    feature,
                    "kms:Decrypt",
                    plan.lists.kmsKeys,
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
    void sessionDatabase(Feature feature) {
        if (plan.lists.sessionDatabase.isEmpty()) {
            return;
        }
        plan.add(
                feature,
                "glue:GetDatabase",
                plan.lists.sessionDatabase,
                Block.GLUE_SESSION_DATABASE,
                "Every query names the session database \"" + plan.connection.sessionDatabaseOrDefault() + "\""
                        + (plan.connection.sessionDatabase() == null ? " (the default when none is configured)" : "")
                        + "; Athena looks it up in Glue with the caller's identity. Read-only",
                switch (plan.profile.client()) {
                    case PYATHENA -> Citations.PYATHENA_SESSION_DATABASE;
                    case JDBC3, SIMBA_JDBC, JDBC_UNKNOWN -> Citations.JDBC_SESSION_DATABASE;
                    case UNKNOWN -> Citations.SESSION_DATABASE_DOC;
                });
    }

    /** A non-default catalog is named on every call, and Athena reads its definition first. */
    void externalCatalogs(Feature feature) {
        if (plan.lists.externalCatalogs.isEmpty()) {
            return;
        }
        plan.add(
                feature,
                "athena:GetDataCatalog",
                plan.lists.externalCatalogs,
                Block.ATHENA_FEDERATED_CATALOG,
                "Every query and metadata call names the catalog; Athena reads a non-default catalog's definition"
                        + " with the caller's identity (\"running queries against an external catalog requires"
                        + " GetDataCatalog\")",
                plan.calls.catalogDefinition() != null
                        ? plan.calls.catalogDefinition()
                        : plan.profile.client() == Profile.Client.PYATHENA
                                ? Citations.PYATHENA_CATALOG
                                : Citations.GET_DATA_CATALOG);
    }
}

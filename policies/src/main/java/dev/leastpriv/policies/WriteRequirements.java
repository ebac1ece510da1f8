package dev.leastpriv.policies;

import java.util.List;

/**
 * The features that write (DataHub's temporary views in a scratch database, dbt-athena's models), and dbt's Glue
 * introspection: the only Glue and S3 writes leastpriv grants, each scoped to the databases and locations named.
 */
final class WriteRequirements {

    private final RequirementPlanner plan;

    WriteRequirements(RequirementPlanner plan) {
        this.plan = plan;
    }

    /** DataHub creates and drops temporary views in its session database, which must be a scratch database. */
    void scratchViews(Feature feature) {
        for (String action : List.of("glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable", "glue:GetTable")) {
            plan.add(
                    feature,
                    action,
                    plan.lists.scratchTables,
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
    void modelWrites(Feature feature) {
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
            plan.add(
                    feature,
                    action,
                    plan.lists.glueTables,
                    Block.GLUE_TABLE_WRITES,
                    "dbt creates, replaces and drops the tables, views and partitions of its models; only in the"
                            + " named databases",
                    action.equals("glue:GetTables") ? Citations.DBT_GLUE_READS : Citations.DBT_GLUE_WRITES);
        }
        for (String action : List.of("glue:GetTableVersions", "glue:DeleteTableVersion")) {
            plan.add(
                    feature,
                    action,
                    plan.lists.glueTables,
                    Block.GLUE_TABLE_WRITES,
                    "dbt-athena expires old Glue table versions after every view and incremental model",
                    Citations.DBT_TABLE_VERSIONS);
        }
        plan.add(
                feature,
                "glue:GetDatabases",
                plan.lists.glueDatabases,
                Block.GLUE_DATABASES,
                "dbt lists the databases of the catalog to find the schemas of its models",
                Citations.DBT_GLUE_READS);
        plan.add(
                feature,
                "glue:CreateDatabase",
                plan.lists.glueDatabases,
                Block.GLUE_DATABASES,
                "dbt runs \"create schema if not exists\" for the schema of every model; only the named databases",
                Citations.DBT_CREATE_SCHEMA);
        for (String action : List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads")) {
            plan.add(
                    feature,
                    action,
                    plan.lists.writeBuckets,
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
            plan.add(
                    feature,
                    action,
                    plan.lists.writeObjects,
                    Block.WRITE_OBJECTS,
                    "Athena writes the data of the tables dbt builds (CREATE TABLE AS, INSERT INTO), and dbt deletes"
                            + " a table's data when it rebuilds or drops it; only under the write locations",
                    Citations.DBT_S3_WRITES);
        }
        if (plan.connection.kms()) {
            plan.add(
                    feature,
                    "kms:GenerateDataKey",
                    plan.lists.kmsKeys,
                    Block.KMS_KEYS,
                    "Writes SSE-KMS encrypted table data",
                    Citations.KMS);
        }
    }

    /**
     * dbt's relation cache and {@code dbt docs generate} read Glue directly (impl.py), not through Athena's catalog
     * API; a non-default catalog is read through Athena.
     */
    void introspection(Feature feature) {
        plan.add(
                feature,
                "glue:GetDatabases",
                plan.lists.glueDatabases,
                Block.GLUE_DATABASES,
                "dbt lists the schemas of the catalog",
                Citations.DBT_GLUE_READS);
        plan.add(
                feature,
                "glue:GetTables",
                plan.lists.glueTables,
                Block.GLUE_TABLES,
                "dbt lists the relations of each schema (its relation cache, dbt docs generate)",
                Citations.DBT_GLUE_READS);
        plan.add(
                feature,
                "glue:GetTable",
                plan.lists.glueTables,
                Block.GLUE_TABLES,
                "dbt reads the columns, type and location of a relation",
                Citations.DBT_GLUE_READS);
        plan.queries.externalCatalogs(feature);
        if (!plan.lists.externalCatalogs.isEmpty()) {
            plan.add(
                    feature,
                    "athena:ListTableMetadata",
                    plan.lists.externalCatalogs,
                    Block.ATHENA_FEDERATED_CATALOG,
                    "dbt docs generate lists the tables of a non-Glue catalog through Athena",
                    Citations.DBT_CATALOG);
        }
    }
}

package dev.leastpriv.core.eval;

import java.util.List;

/** The actions the differential test draws from: real actions of the services leastpriv covers. */
final class ActionSpecs {

    private ActionSpecs() {}

    static List<DifferentialCases.ActionSpec> fromCatalog() {
        String glue = "arn:${Partition}:glue:${Region}:${Account}:";
        String athena = "arn:${Partition}:athena:${Region}:${Account}:";
        return List.of(
                spec("athena:StartQueryExecution", athena + "workgroup/${WorkGroupName}"),
                spec("athena:GetQueryExecution", athena + "workgroup/${WorkGroupName}"),
                spec("athena:ListQueryExecutions", athena + "workgroup/${WorkGroupName}"),
                spec("athena:GetTableMetadata", athena + "datacatalog/${DataCatalogName}"),
                spec("athena:ListDatabases", athena + "datacatalog/${DataCatalogName}"),
                spec("athena:ListWorkGroups"),
                spec("athena:ListDataCatalogs"),
                spec("glue:GetDatabase", glue + "catalog", glue + "database/${DatabaseName}"),
                spec(
                        "glue:GetTables",
                        glue + "catalog",
                        glue + "database/${DatabaseName}",
                        glue + "table/${DatabaseName}/${TableName}"),
                spec("glue:GetPartitions", glue + "table/${DatabaseName}/${TableName}"),
                spec("glue:DeleteTable", glue + "table/${DatabaseName}/${TableName}"),
                spec("s3:GetObject", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
                spec("s3:PutObject", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
                spec("s3:ListBucket", "arn:${Partition}:s3:::${BucketName}"),
                spec("s3:GetBucketLocation", "arn:${Partition}:s3:::${BucketName}"),
                spec("s3:DeleteBucket", "arn:${Partition}:s3:::${BucketName}"),
                spec("lambda:InvokeFunction", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"),
                spec("kms:Decrypt", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"),
                spec("kms:GenerateDataKey", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"),
                spec("lakeformation:GetDataAccess"),
                spec("lakeformation:GetResourceLFTags"),
                spec("iam:GetRole", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
                spec("sts:AssumeRole", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
                spec("sts:GetCallerIdentity"));
    }

    private static DifferentialCases.ActionSpec spec(String action, String... formats) {
        return new DifferentialCases.ActionSpec(action, List.of(formats));
    }
}

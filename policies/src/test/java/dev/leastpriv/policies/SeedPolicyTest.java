package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Maps the policy published on OpenMetadata's Athena page (shared/seeds, copied to {@code seed/}) to what
 * leastpriv renders for the openmetadata profile, statement by statement: every (action, resource) the page grants
 * for the default features is granted identically, except where the page is wrong, and each deviation is pinned.
 */
class SeedPolicyTest {

    private static final String REGION = "eu-west-1";
    private static final String ACCOUNT = "123456789012";
    private static final String WORKGROUP = "arn:aws:athena:eu-west-1:123456789012:workgroup/primary";

    /** The page's placeholders, filled with the same values the connection below uses. */
    private static Policy seed(String resource) {
        return Policy.fromJson(Golden.read(resource)
                .replace("<<AWS_REGION>>", REGION)
                .replace("<<ACCOUNT_ID>>", ACCOUNT)
                .replace("<<WORKGROUP_NAME>>", "primary")
                .replace("<<CATALOG_NAME>>", "awsdatacatalog")
                .replace("<<DATABASE_NAME>>", "sales")
                .replace("<<COLUMN_NAME>>", "email")
                .replace("<<S3_BUCKET_NAME>>", "athena-results")
                .replace("<<LAMBDA_FUNCTION_NAME>>", "athena-dynamodb-connector")
                .replace("<<KMS_KEY_ID>>", "1234abcd-12ab-34cd-56ef-1234567890ab"));
    }

    private static Connection.Builder connection() {
        return Connection.builder()
                .region(REGION)
                .account(ACCOUNT)
                .addDatabase("sales")
                .results("s3://athena-results/"); // the page grants the whole bucket: no prefix
    }

    private static final Policy MINIMUM = seed("seed/openmetadata-minimum-policy.json");
    private static final Policy OPTIONAL = seed("seed/openmetadata-optional-blocks.json");
    private static final Policy DEFAULT_RENDER = PolicyRenderer.render(
                    PolicyRequest.of(connection().build(), Profile.OPENMETADATA, List.of()))
            .policy();

    @Test
    void seedStatement0_workgroupQueryActions_grantedOnTheSameWorkgroupInAthenaWorkgroup() {
        assertGrantedAsInSeed(MINIMUM.statements().get(0), "AthenaWorkgroup");
    }

    @Test
    void seedStatement1_catalogMetadataActions_grantedOnTheSameCatalogInAthenaCatalog() {
        assertGrantedAsInSeed(MINIMUM.statements().get(1), "AthenaCatalog");
    }

    @Test
    void seedStatement2_listWorkGroups_grantedOnStarInUnscopedActions() {
        Statement seedStatement = MINIMUM.statements().get(2);

        assertThat(seedStatement.actions()).contains(Action.parse("athena:ListWorkGroups"));
        assertThat(grantingSid(DEFAULT_RENDER, "athena:ListWorkGroups", "*")).contains("UnscopedActions");
    }

    @Test
    void seedStatement2_listQueryExecutionsOnStar_isNarrowedToTheWorkgroup() {
        // The page grants athena:ListQueryExecutions on "*"; its resource type is workgroup (SAR), so the
        // workgroup ARN is enough and "*" would let the role read the query history of every workgroup.
        assertThat(MINIMUM.statements().get(2).resources()).containsExactly(Resource.ALL);

        assertThat(grantingSid(DEFAULT_RENDER, "athena:ListQueryExecutions", "*"))
                .isEmpty();
        assertThat(grantingSid(DEFAULT_RENDER, "athena:ListQueryExecutions", WORKGROUP))
                .contains("AthenaWorkgroup");
    }

    @Test
    void seedStatement3_glueRead_grantedWithAllAncestorArnsInGlueStatements() {
        Statement seedStatement = MINIMUM.statements().get(3);

        for (Action action : seedStatement.actions()) {
            for (Resource resource : seedStatement.resources()) {
                boolean tableArn = resource.pattern().contains(":table/");
                if (action.name().equals("GetDatabases") && tableArn) {
                    // glue:GetDatabases is authorized on the root catalog and databases only (SAR: rootcatalog*,
                    // database*); the table ARN in the page's statement grants it nothing.
                    assertThat(grantingSid(DEFAULT_RENDER, action.toString(), resource.pattern()))
                            .isEmpty();
                    continue;
                }
                assertThat(grantingSid(DEFAULT_RENDER, action.toString(), resource.pattern()))
                        .as("%s on %s", action, resource)
                        .get()
                        .isIn("GlueDatabases", "GlueTables");
            }
        }
    }

    @Test
    void seedStatement4_resultObjects_grantedOnTheSameObjectsInResultsObjects() {
        assertGrantedAsInSeed(MINIMUM.statements().get(4), "ResultsObjects");
    }

    @Test
    void seedStatement5_resultsBucket_grantedOnTheSameBucketInResultsBucket() {
        assertGrantedAsInSeed(MINIMUM.statements().get(5), "ResultsBucket");
    }

    @Test
    void seed_everyStatementIsMapped() {
        assertThat(MINIMUM.statements()).hasSize(6);
        assertThat(OPTIONAL.statements()).hasSize(3);
    }

    @Test
    void seedLakeFormationBlock_scopedToGlueArns_isRenderedOnStar() {
        Statement seedStatement = OPTIONAL.statements().get(0);
        Policy rendered = render(connection(), Feature.TAGS);

        // Lake Formation has no IAM resource types: the page's Glue ARNs match nothing, "*" is the only grant.
        assertThat(seedStatement.resources()).allMatch(r -> r.pattern().startsWith("arn:aws:glue:"));
        for (Resource resource : seedStatement.resources()) {
            assertThat(grantingSid(rendered, "lakeformation:GetResourceLFTags", resource.pattern()))
                    .isEmpty();
        }
        assertThat(grantingSid(rendered, "lakeformation:GetResourceLFTags", "*"))
                .contains("UnscopedActions");
    }

    @Test
    void seedLambdaBlock_bareFunction_isGrantedWithItsQualifiedForms() {
        Statement seedStatement = OPTIONAL.statements().get(1);
        String function = seedStatement.resources().iterator().next().pattern();
        Policy rendered = render(connection().addLambda("athena-dynamodb-connector"), Feature.FEDERATED_QUERY);

        assertThat(grantingSid(rendered, "lambda:InvokeFunction", function)).contains("LambdaFunctions");
        assertThat(grantingSid(rendered, "lambda:InvokeFunction", function + ":*"))
                .contains("LambdaFunctions");
    }

    @Test
    void seedKmsBlock_decryptAndGenerateDataKey_grantedOnTheKeyWithoutDescribeKey() {
        Statement seedStatement = OPTIONAL.statements().get(2);
        String key = seedStatement.resources().iterator().next().pattern();
        Policy rendered = render(connection().addKmsKey(key), Feature.METADATA);

        assertThat(grantingSid(rendered, "kms:Decrypt", key)).contains("KmsKeys");
        assertThat(grantingSid(rendered, "kms:GenerateDataKey", key)).contains("KmsKeys");
        // Athena's encryption docs list Decrypt and GenerateDataKey; the page's DescribeKey is not needed.
        assertThat(seedStatement.actions()).contains(Action.parse("kms:DescribeKey"));
        assertThat(grantingSid(rendered, "kms:DescribeKey", key)).isEmpty();
    }

    private static Policy render(Connection.Builder connection, Feature feature) {
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), Profile.OPENMETADATA, List.of(feature)))
                .policy();
    }

    private static void assertGrantedAsInSeed(Statement seedStatement, String sid) {
        for (Action action : seedStatement.actions()) {
            for (Resource resource : seedStatement.resources()) {
                assertThat(grantingSid(DEFAULT_RENDER, action.toString(), resource.pattern()))
                        .as("%s on %s", action, resource)
                        .contains(sid);
            }
        }
    }

    /** The Sid of the rendered Allow statement naming exactly this action and this resource, if any. */
    private static Optional<String> grantingSid(Policy policy, String action, String resource) {
        return policy.statements().stream()
                .filter(Statement::isAllow)
                .filter(s -> s.actions().contains(Action.parse(action)))
                .filter(s -> s.resources().contains(Resource.parse(resource)))
                .map(Statement::sid)
                .findFirst();
    }
}

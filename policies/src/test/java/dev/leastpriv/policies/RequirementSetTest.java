package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequirementSetTest {

    private static final String GLUE = "arn:aws:glue:eu-west-1:123456789012:";

    private static Connection.Builder base() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addDatabase("sales")
                .results("s3://athena-results/om/");
    }

    private static RequirementSet requirements(Connection.Builder connection, Profile profile, Feature... features) {
        return RequirementSet.of(PolicyRequest.of(connection.build(), profile, List.of(features)));
    }

    private static Optional<Requirement> find(RequirementSet set, Feature feature, String action) {
        return set.requirements().stream()
                .filter(r -> r.feature() == feature && r.action().equals(Action.parse(action)))
                .findFirst();
    }

    private static List<String> arns(Requirement requirement) {
        return requirement.resources().stream().map(Resource::pattern).toList();
    }

    @Test
    void of_glueGetTables_requiresRootCatalogDatabaseAndTables() {
        RequirementSet set = requirements(base(), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "glue:GetTables").orElseThrow()))
                .containsExactly(GLUE + "catalog", GLUE + "database/sales", GLUE + "table/sales/*");
    }

    @Test
    void of_glueGetDatabases_requiresRootCatalogAndDatabaseOnly() {
        RequirementSet set = requirements(base(), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "glue:GetDatabases").orElseThrow()))
                .containsExactly(GLUE + "catalog", GLUE + "database/sales");
    }

    @Test
    void of_usage_requiresQueryHistoryOnTheWorkgroupsNotStar() {
        RequirementSet set = requirements(base().workgroup("ingest"), Profile.OPENMETADATA, Feature.USAGE);

        // OpenMetadata reads every enabled workgroup: the configured one and primary by default.
        assertThat(arns(find(set, Feature.USAGE, "athena:ListQueryExecutions").orElseThrow()))
                .containsExactly(
                        "arn:aws:athena:eu-west-1:123456789012:workgroup/ingest",
                        "arn:aws:athena:eu-west-1:123456789012:workgroup/primary");
        assertThat(set.requirements()).extracting(Requirement::action).doesNotContain(Action.parse("s3:PutObject"));
    }

    @Test
    void of_metadataOnly_grantsNoDataRead() {
        RequirementSet set = requirements(base().addData("s3://lake/"), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(set.requirements()).noneMatch(r -> r.sid().startsWith("Data"));
    }

    @Test
    void of_profilerWithData_grantsReadOnlyOnDataLocations() {
        RequirementSet set =
                requirements(base().addData("s3://lake/warehouse/"), Profile.OPENMETADATA, Feature.PROFILER);

        assertThat(set.requirements().stream().filter(r -> r.sid().startsWith("Data")))
                .extracting(r -> r.action().toString())
                .containsExactly("s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject");
        assertThat(arns(set.requirements().stream()
                        .filter(r -> r.sid().equals("DataObjects"))
                        .findFirst()
                        .orElseThrow()))
                .containsExactly("arn:aws:s3:::lake/warehouse/*");
    }

    @Test
    void of_profilerWithoutData_notesThatNoDataReadIsGranted() {
        RequirementSet set = requirements(base(), Profile.OPENMETADATA, Feature.PROFILER);

        assertThat(set.notes()).anyMatch(note -> note.startsWith("profiler reads table data from S3, but no data"));
    }

    @Test
    void of_lakeFormationAndTags_requireStarForLakeFormationActions() {
        RequirementSet set = requirements(
                base().lakeFormation(true).addData("s3://lake/"), Profile.OPENMETADATA, Feature.TAGS, Feature.PROFILER);

        assertThat(arns(find(set, Feature.TAGS, "lakeformation:GetResourceLFTags")
                        .orElseThrow()))
                .containsExactly("*");
        assertThat(arns(find(set, Feature.PROFILER, "lakeformation:GetDataAccess")
                        .orElseThrow()))
                .containsExactly("*");
    }

    @Test
    void of_lakeFormationWithoutDataFeature_requiresNoGetDataAccess() {
        RequirementSet set = requirements(base().lakeFormation(true), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(set.requirements())
                .extracting(r -> r.action().toString())
                .doesNotContain("lakeformation:GetDataAccess");
    }

    @Test
    void of_mixedCaseCatalogForLowercaseProfile_writesLowercaseAndNotes() {
        RequirementSet set = requirements(base().addCatalog("AwsDataCatalog"), Profile.OMNI, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "athena:ListDatabases").orElseThrow()))
                .containsExactly("arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog");
        assertThat(set.notes())
                .contains("catalog \"AwsDataCatalog\" is written as \"awsdatacatalog\": Omni asks for the lowercase"
                        + " name and IAM compares resource names case-sensitively; both-catalog-cases grants both"
                        + " spellings");
    }

    @Test
    void of_genericProfile_keepsTheCatalogSpellingAsConfigured() {
        RequirementSet set = requirements(base().addCatalog("AwsDataCatalog"), Profile.GENERIC, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "athena:ListDatabases").orElseThrow()))
                .containsExactly("arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog");
        assertThat(set.notes()).isEmpty();
    }

    @Test
    void of_bothCatalogCasesForCustomCatalog_grantsGivenAndLowercaseSpellings() {
        RequirementSet set = requirements(
                base().addCatalog("SalesCatalog").bothCatalogCases(true), Profile.GENERIC, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "athena:ListDatabases").orElseThrow()))
                .containsExactly(
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/SalesCatalog",
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/salescatalog");
    }

    @Test
    void of_mixedCaseDatabase_isFoldedToLowercaseWithNote() {
        RequirementSet set = requirements(
                Connection.builder()
                        .region("eu-west-1")
                        .account("123456789012")
                        .addDatabase("Sales_2024")
                        .results("s3://athena-results/"),
                Profile.OPENMETADATA,
                Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "glue:GetTable").orElseThrow()))
                .contains(GLUE + "database/sales_2024", GLUE + "table/sales_2024/*");
        assertThat(set.notes())
                .contains("database \"Sales_2024\" is written as \"sales_2024\": Glue folds database"
                        + " names to lowercase");
    }

    @Test
    void of_federatedQueryWithDefaultCatalogOnly_doesNotRequireGetDataCatalog() {
        // GetDataCatalog on AwsDataCatalog always fails ("DataCatalog AwsDataCatalog was not found").
        RequirementSet set = requirements(base().addLambda("udf"), Profile.OPENMETADATA, Feature.FEDERATED_QUERY);

        assertThat(set.requirements()).extracting(r -> r.action().toString()).doesNotContain("athena:GetDataCatalog");
    }

    @Test
    void of_genericProfile_addsJdbcDriverCalls() {
        RequirementSet set = requirements(base(), Profile.GENERIC, Feature.METADATA);

        assertThat(set.requirements())
                .extracting(r -> r.action().toString())
                .contains(
                        "athena:GetQueryResultsStream",
                        "athena:GetWorkGroup",
                        "athena:GetDatabase",
                        "athena:ListDataCatalogs",
                        "athena:ListWorkGroups");
    }

    @Test
    void of_everyRequirement_hasAReasonAndAKnownSid() {
        RequirementSet set = RequirementSet.of(PolicyRequest.template(
                Connection.builder().lakeFormation(true).kms(true).build(),
                Profile.GENERIC,
                List.copyOf(Profile.GENERIC.features())));

        assertThat(set.requirements()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.reason()).isNotBlank();
            assertThat(Block.rank(r.sid())).isLessThan(Block.values().length);
        });
    }

    @Test
    void of_wildcardResources_onlyForActionsWithoutResourceTypes() {
        RequirementSet set = RequirementSet.of(PolicyRequest.template(
                Connection.builder().lakeFormation(true).kms(true).build(),
                Profile.GENERIC,
                List.copyOf(Profile.GENERIC.features())));

        assertThat(set.requirements().stream().filter(r -> r.resources().contains(Resource.ALL)))
                .extracting(r -> r.action().toString())
                .containsOnly(
                        "athena:ListWorkGroups",
                        "athena:ListDataCatalogs",
                        "lakeformation:GetResourceLFTags",
                        "lakeformation:GetDataAccess");
    }

    @Test
    void of_noStatementUsesTheCatalog_hasNoCatalogNote() {
        RequirementSet set = requirements(
                Connection.builder()
                        .region("eu-west-1")
                        .account("123456789012")
                        .addDatabase("Sales")
                        .addCatalog("AwsDataCatalog")
                        .results("s3://athena-results/"),
                Profile.OPENMETADATA,
                Feature.TAGS);

        assertThat(set.notes()).noneMatch(note -> note.startsWith("catalog ") || note.startsWith("database "));
    }

    @Test
    void of_genericProfileWithoutCatalog_grantsBothSpellingsOfTheDefault() {
        RequirementSet set = requirements(base(), Profile.GENERIC, Feature.METADATA);

        assertThat(arns(find(set, Feature.METADATA, "athena:ListDatabases").orElseThrow()))
                .containsExactly(
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog",
                        "arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog");
    }
}

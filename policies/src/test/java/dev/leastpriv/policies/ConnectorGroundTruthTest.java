package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the tools really call (shared/reference/connector-ground-truth.md §8, defects D1-D10), one test per defect:
 * each fails on the profiles as they were before the tools' source was read. Decisions are checked with the
 * evaluator against the rendered policy, as IAM would decide them.
 */
class ConnectorGroundTruthTest {

    private static final String ATHENA = "arn:aws:athena:eu-west-1:123456789012:";
    private static final String GLUE = "arn:aws:glue:eu-west-1:123456789012:";

    private static Connection.Builder base() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("analytics")
                .addDatabase("sales")
                .results("s3://athena-results/connector/");
    }

    private static RenderedPolicy render(Connection.Builder connection, Profile profile, Feature... features) {
        return PolicyRenderer.render(PolicyRequest.of(connection.build(), profile, ImmutableSet.copyOf(features)));
    }

    private static Decision decide(RenderedPolicy rendered, String action, String resource) {
        return Evaluator.compile(Policies.identity(rendered.policy()))
                .evaluate(Request.builder()
                        .action(action)
                        .resource(resource)
                        .principal("arn:aws:iam::123456789012:role/connector")
                        .build())
                .decision();
    }

    private static Optional<Requirement> find(RenderedPolicy rendered, Feature feature, String action) {
        return rendered.requirements().requirements().stream()
                .filter(r -> r.feature() == feature && r.action().toString().equals(action))
                .findFirst();
    }

    // ---- D1: OpenMetadata usage and lineage read every enabled workgroup ----

    @Test
    void openMetadataUsage_readsHistoryOfTheConfiguredWorkgroupAndPrimary() {
        RenderedPolicy rendered = render(base(), Profile.OPENMETADATA, Feature.USAGE);

        for (String action : List.of("athena:ListQueryExecutions", "athena:BatchGetQueryExecution")) {
            assertThat(decide(rendered, action, ATHENA + "workgroup/analytics")).isEqualTo(Decision.ALLOWED);
            assertThat(decide(rendered, action, ATHENA + "workgroup/primary")).isEqualTo(Decision.ALLOWED);
            assertThat(decide(rendered, action, ATHENA + "workgroup/other")).isEqualTo(Decision.IMPLICIT_DENY);
        }
        assertThat(rendered.notes()).anyMatch(note -> note.contains("every ENABLED workgroup"));
    }

    @Test
    void openMetadataLineage_historyWorkgroups_areGrantedAndStarGrantsEveryWorkgroup() {
        RenderedPolicy named = render(base().addHistoryWorkgroup("etl"), Profile.OPENMETADATA, Feature.LINEAGE);
        RenderedPolicy all = render(base().addHistoryWorkgroup("*"), Profile.OPENMETADATA, Feature.LINEAGE);

        assertThat(decide(named, "athena:ListQueryExecutions", ATHENA + "workgroup/etl"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(named, "athena:ListQueryExecutions", ATHENA + "workgroup/adhoc"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(all, "athena:ListQueryExecutions", ATHENA + "workgroup/adhoc"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(all.notes()).noneMatch(note -> note.contains("every ENABLED workgroup"));
    }

    @Test
    void openMetadataHistory_neverWidensQueriesBeyondTheConfiguredWorkgroup() {
        RenderedPolicy rendered =
                render(base().addHistoryWorkgroup("*"), Profile.OPENMETADATA, Feature.METADATA, Feature.USAGE);

        assertThat(decide(rendered, "athena:StartQueryExecution", ATHENA + "workgroup/analytics"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "athena:StartQueryExecution", ATHENA + "workgroup/primary"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "athena:GetQueryResults", ATHENA + "workgroup/other"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void openMetadata_listWorkGroupsBelongsToUsageNotMetadata_andHistoryHasNoGetQueryExecution() {
        RenderedPolicy metadata = render(base(), Profile.OPENMETADATA, Feature.METADATA);
        RenderedPolicy usage = render(base(), Profile.OPENMETADATA, Feature.USAGE);

        assertThat(find(metadata, Feature.METADATA, "athena:ListWorkGroups")).isEmpty();
        assertThat(find(usage, Feature.USAGE, "athena:ListWorkGroups")).isPresent();
        assertThat(find(usage, Feature.USAGE, "athena:GetQueryExecution")).isEmpty();
        assertThat(decide(usage, "athena:GetQueryExecution", ATHENA + "workgroup/analytics"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void historyWorkgroups_withoutAHistoryFeature_areNotedAsUnused() {
        RenderedPolicy rendered = render(base().addHistoryWorkgroup("etl"), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(rendered.notes())
                .contains("history workgroups are not used: no requested feature reads the query" + " history");
        assertThat(decide(rendered, "athena:ListQueryExecutions", ATHENA + "workgroup/etl"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- D2: the session database ----

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"OPENMETADATA", "DATAHUB", "SUPERSET", "METABASE", "METABASE_SIMBA", "OMNI", "GENERIC"})
    void everyQuery_namesTheSessionDatabase_defaultIsReadableAndNothingElse(Profile profile) {
        RenderedPolicy rendered = render(base(), profile, Feature.METADATA);

        assertThat(decide(rendered, "glue:GetDatabase", GLUE + "database/default"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "glue:GetDatabase", GLUE + "catalog")).isEqualTo(Decision.ALLOWED);
        for (String action : List.of("glue:GetTables", "glue:GetTable", "glue:CreateTable", "glue:DeleteDatabase")) {
            assertThat(decide(rendered, action, GLUE + "database/default"))
                    .as(action)
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }
    }

    @Test
    void configuredSessionDatabase_replacesDefault() {
        RenderedPolicy rendered = render(base().sessionDatabase("scratch"), Profile.SUPERSET, Feature.QUERY);

        assertThat(decide(rendered, "glue:GetDatabase", GLUE + "database/scratch"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "glue:GetDatabase", GLUE + "database/default"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(rendered.requirements().requirements())
                .anyMatch(r -> r.sid().equals("GlueSessionDatabase")
                        && r.evidence().citation().contains("QueryExecutionContext.Database"));
    }

    @Test
    void sessionDatabaseAmongTheDatabases_addsNoSeparateStatement() {
        RenderedPolicy rendered = render(base().sessionDatabase("Sales"), Profile.DATAHUB, Feature.METADATA);

        assertThat(rendered.requirements().requirements())
                .noneMatch(r -> r.sid().equals("GlueSessionDatabase"));
        assertThat(decide(rendered, "glue:GetDatabase", GLUE + "database/sales"))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void openMetadata_refusesASessionDatabaseItNeverSends() {
        assertThatThrownBy(() -> render(base().sessionDatabase("scratch"), Profile.OPENMETADATA, Feature.METADATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("session-database: OpenMetadata always uses the session database \"default\"");
    }

    @Test
    void sessionDatabase_hostileNames_areRejectedNamingTheField() {
        for (String hostile : List.of("*", "a/b", "de\"fault", "", "x*")) {
            assertThatThrownBy(() -> Connection.builder().sessionDatabase(hostile))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("session-database ");
        }
    }

    // ---- D3: DataHub partitions ----

    @Test
    void dataHubMetadata_readsPartitionsOfTheDatabasesOnly_andWarnsAboutIceberg() {
        RenderedPolicy rendered = render(base(), Profile.DATAHUB, Feature.METADATA);

        for (String action : List.of("glue:GetPartitions", "glue:BatchGetPartition")) {
            assertThat(decide(rendered, action, GLUE + "table/sales/orders")).isEqualTo(Decision.ALLOWED);
            assertThat(decide(rendered, action, GLUE + "table/other/orders")).isEqualTo(Decision.IMPLICIT_DENY);
        }
        assertThat(find(rendered, Feature.METADATA, "glue:GetPartitions")
                        .orElseThrow()
                        .evidence()
                        .citation())
                .contains("get_partitions");
        assertThat(find(rendered, Feature.METADATA, "glue:GetPartitions")
                        .orElseThrow()
                        .reason())
                .contains("Iceberg");
    }

    // ---- D4: non-default catalogs, federated catalogs and spill ----

    @ParameterizedTest
    @EnumSource(
            value = Feature.class,
            names = {"METADATA", "PROFILER", "SAMPLE_DATA"})
    void nonDefaultCatalog_needsGetDataCatalogForEveryFeatureThatNamesIt(Feature feature) {
        RenderedPolicy rendered = render(base().addCatalog("lakehouse"), Profile.OPENMETADATA, feature);

        assertThat(decide(rendered, "athena:GetDataCatalog", ATHENA + "datacatalog/lakehouse"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "athena:GetDataCatalog", ATHENA + "datacatalog/awsdatacatalog"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(rendered.notes()).anyMatch(note -> note.startsWith("catalog \"lakehouse\" is not the default"));
    }

    @Test
    void federatedCatalog_spillLocation_isReadOnlyAndScopedToItsPrefix() {
        RenderedPolicy rendered = render(
                base().addCatalog("dynamodb").addLambda("athena-ddb").addSpill("s3://athena-spill/ddb/"),
                Profile.OPENMETADATA,
                Feature.FEDERATED_QUERY);

        assertThat(decide(rendered, "s3:GetObject", "arn:aws:s3:::athena-spill/ddb/q1/part-0"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "s3:ListBucket", "arn:aws:s3:::athena-spill"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "s3:GetBucketLocation", "arn:aws:s3:::athena-spill"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "s3:GetObject", "arn:aws:s3:::athena-spill/other/x"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "s3:PutObject", "arn:aws:s3:::athena-spill/ddb/x"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(rendered.notes()).noneMatch(note -> note.contains("not the default"));
    }

    @Test
    void federatedQueryWithoutSpill_notesIt_andTemplateRendersAPlaceholder() {
        RenderedPolicy rendered = render(
                base().addCatalog("dynamodb").addLambda("athena-ddb"), Profile.OPENMETADATA, Feature.FEDERATED_QUERY);
        RenderedPolicy template = PolicyRenderer.render(PolicyRequest.template(
                Connection.builder().build(), Profile.OPENMETADATA, ImmutableSet.of(Feature.FEDERATED_QUERY)));

        assertThat(rendered.notes()).anyMatch(note -> note.startsWith("federated-query: no spill location"));
        assertThat(template.policy().toJson()).contains("arn:aws:s3:::<<SPILL_BUCKET_NAME>>/*");
    }

    // ---- D5: catalog spelling ----

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"OPENMETADATA", "DATAHUB", "SUPERSET", "DBT_ATHENA"})
    void pyAthenaProfiles_sendAConfiguredCatalogVerbatim_andOnlyTheUnsetDefaultLowercase(Profile profile) {
        RenderedPolicy configured = render(base().addCatalog("MyCatalog"), profile, Feature.METADATA);
        RenderedPolicy unset = render(base(), profile, Feature.METADATA);

        if (profile != Profile.DBT_ATHENA) { // dbt reads Glue directly, not Athena's catalog API
            assertThat(decide(configured, "athena:ListDatabases", ATHENA + "datacatalog/MyCatalog"))
                    .isEqualTo(Decision.ALLOWED);
            assertThat(decide(configured, "athena:ListDatabases", ATHENA + "datacatalog/mycatalog"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(decide(unset, "athena:ListDatabases", ATHENA + "datacatalog/awsdatacatalog"))
                    .isEqualTo(Decision.ALLOWED);
            assertThat(decide(unset, "athena:ListDatabases", ATHENA + "datacatalog/AwsDataCatalog"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }
        assertThat(decide(configured, "athena:GetDataCatalog", ATHENA + "datacatalog/MyCatalog"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(configured.notes()).noneMatch(note -> note.contains("is written as"));
    }

    @Test
    void omni_keepsLowercasingAConfiguredCatalog() {
        RenderedPolicy rendered = render(base().addCatalog("MyCatalog"), Profile.OMNI, Feature.METADATA);

        assertThat(decide(rendered, "athena:ListDatabases", ATHENA + "datacatalog/mycatalog"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(rendered.notes()).anyMatch(note -> note.contains("is written as \"mycatalog\""));
    }

    @Test
    void omni_configuredWorkgroupOtherThanPrimary_isNotedAsUnconfirmed() {
        RenderedPolicy rendered = render(base(), Profile.OMNI, Feature.QUERY);
        RenderedPolicy primary = render(base().workgroup("primary"), Profile.OMNI, Feature.QUERY);

        assertThat(rendered.notes()).anyMatch(note -> note.startsWith("Omni's connection form has no workgroup"));
        assertThat(primary.notes()).noneMatch(note -> note.startsWith("Omni's connection form"));
    }

    @Test
    void openMetadata_configuredMixedCaseDefault_isGrantedAsSentWithANote() {
        RenderedPolicy rendered = render(base().addCatalog("AwsDataCatalog"), Profile.OPENMETADATA, Feature.METADATA);

        assertThat(decide(rendered, "athena:ListDatabases", ATHENA + "datacatalog/AwsDataCatalog"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(rendered.notes())
                .anyMatch(note -> note.startsWith("catalog \"AwsDataCatalog\" is granted as" + " configured"));
    }

    // ---- D6, D7: OpenMetadata tags by default, schema filter guidance ----

    @Test
    void openMetadataDefaults_includeTags_andTellHowToScopeSchemas() {
        RenderedPolicy rendered = PolicyRenderer.render(
                PolicyRequest.of(base().addDatabase("Marketing").build(), Profile.OPENMETADATA, ImmutableSet.of()));

        assertThat(rendered.requirements().request().features()).contains(Feature.TAGS);
        assertThat(decide(rendered, "lakeformation:GetResourceLFTags", "*")).isEqualTo(Decision.ALLOWED);
        assertThat(find(rendered, Feature.TAGS, "lakeformation:GetResourceLFTags")
                        .orElseThrow()
                        .reason())
                .contains("includeTags is on by default");
        assertThat(find(rendered, Feature.METADATA, "glue:GetDatabases")
                        .orElseThrow()
                        .reason())
                .contains("Set OpenMetadata's schemaFilterPattern to these databases");
    }

    // ---- D8: DataHub partition profiling ----

    @Test
    void dataHubPartitionProfiling_writesViewsOnlyInTheScratchDatabase() {
        RenderedPolicy rendered = render(
                base().sessionDatabase("dh_scratch").addData("s3://lake/"),
                Profile.DATAHUB,
                Feature.PARTITION_PROFILING);

        for (String action : List.of("glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable", "glue:GetTable")) {
            assertThat(decide(rendered, action, GLUE + "table/dh_scratch/ge_1a2b3c4d"))
                    .as(action)
                    .isEqualTo(Decision.ALLOWED);
        }
        for (String action : List.of("glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable")) {
            assertThat(decide(rendered, action, GLUE + "table/sales/orders")).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(decide(rendered, action, GLUE + "table/default/t")).isEqualTo(Decision.IMPLICIT_DENY);
        }
    }

    @Test
    void dataHubPartitionProfiling_withoutScratchDatabase_isRefused_andProfilerAloneNotesIt() {
        assertThatThrownBy(() -> render(base(), Profile.DATAHUB, Feature.PARTITION_PROFILING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("features: partition-profiling creates and drops temporary views");
        RenderedPolicy profiler = render(base().addData("s3://lake/"), Profile.DATAHUB, Feature.PROFILER);

        assertThat(profiler.notes()).anyMatch(note -> note.startsWith("DataHub's partition_profiling_enabled"));
        assertThat(decide(profiler, "glue:CreateTable", GLUE + "table/default/ge_x"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- D9: Simba's Glue check ----

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"GENERIC", "METABASE_SIMBA"})
    void simbaDrivers_checkGlueWithGetCatalogImportStatusOnTheCatalog(Profile profile) {
        RenderedPolicy rendered = render(base(), profile, Feature.METADATA);

        assertThat(decide(rendered, "glue:GetCatalogImportStatus", GLUE + "catalog"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "glue:GetCatalogImportStatus", GLUE + "database/sales"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void metabaseWithJdbc3_doesNotGetSimbasGlueCheck() {
        RenderedPolicy rendered = render(base(), Profile.METABASE, Feature.METADATA, Feature.QUERY);

        assertThat(find(rendered, Feature.METADATA, "glue:GetCatalogImportStatus"))
                .isEmpty();
        assertThat(decide(rendered, "athena:GetQueryResultsStream", ATHENA + "workgroup/analytics"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "athena:ListDatabases", ATHENA + "datacatalog/AwsDataCatalog"))
                .isEqualTo(Decision.ALLOWED);
    }

    // ---- D10 and the new profiles ----

    @Test
    void superset_queriesAndReadsResultsButWritesNothing() {
        RenderedPolicy rendered =
                render(base().addData("s3://lake/"), Profile.SUPERSET, Feature.METADATA, Feature.QUERY);

        assertThat(decide(rendered, "s3:GetObject", "arn:aws:s3:::athena-results/connector/q.csv"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "glue:CreateTable", GLUE + "table/sales/t")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "s3:PutObject", "arn:aws:s3:::lake/x")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void dbtAthena_writesOnlyInTheNamedDatabasesAndWriteLocations() {
        RenderedPolicy rendered = render(
                base().addWriteLocation("s3://lake/dbt/").addData("s3://lake/raw/"),
                Profile.DBT_ATHENA,
                Feature.METADATA,
                Feature.MODELS);

        for (String action : List.of("glue:CreateTable", "glue:DeleteTable", "glue:BatchCreatePartition")) {
            assertThat(decide(rendered, action, GLUE + "table/sales/orders")).isEqualTo(Decision.ALLOWED);
            assertThat(decide(rendered, action, GLUE + "table/other/orders")).isEqualTo(Decision.IMPLICIT_DENY);
        }
        assertThat(decide(rendered, "glue:CreateDatabase", GLUE + "database/sales"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "glue:CreateDatabase", GLUE + "database/other"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "glue:DeleteDatabase", GLUE + "database/sales"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "s3:DeleteObject", "arn:aws:s3:::lake/dbt/sales/orders/part-0"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "s3:DeleteObject", "arn:aws:s3:::lake/raw/x"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "s3:PutObject", "arn:aws:s3:::lake/raw/x")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(rendered, "athena:GetWorkGroup", ATHENA + "workgroup/analytics"))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void dbtAthena_withoutWriteLocation_grantsItsDefaultTablesFolderWithANote() {
        RenderedPolicy rendered = render(base(), Profile.DBT_ATHENA, Feature.MODELS);

        assertThat(decide(rendered, "s3:DeleteObject", "arn:aws:s3:::athena-results/connector/tables/t/x"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(rendered, "s3:DeleteObject", "arn:aws:s3:::athena-results/connector/q.csv"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(rendered.notes()).anyMatch(note -> note.startsWith("models: no write location was given"));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void writeLocation_outsideTheModelsFeature_isRefused(Profile profile) {
        Feature readOnly = Feature.METADATA;
        assertThatThrownBy(() -> render(base().addWriteLocation("s3://lake/dbt/"), profile, readOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("write-location is used only by the models feature");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void noProfileButDbtAthena_grantsAnyWrite(Profile profile) {
        if (profile.writes()) {
            return;
        }
        Connection.Builder connection = base().addData("s3://lake/").sessionDatabase("scratch");
        if (profile == Profile.OPENMETADATA) {
            connection = base().addData("s3://lake/");
        }
        ImmutableSet<Feature> features = profile.features().stream()
                .filter(f -> f != Feature.PARTITION_PROFILING && f != Feature.FEDERATED_QUERY)
                .collect(ImmutableSet.toImmutableSet());
        RenderedPolicy rendered = PolicyRenderer.render(PolicyRequest.of(connection.build(), profile, features));

        assertThat(rendered.policy().toJson())
                .doesNotContain("glue:Create")
                .doesNotContain("glue:Delete")
                .doesNotContain("glue:Update")
                .doesNotContain("glue:Batch" + "Create")
                .doesNotContain("s3:DeleteObject");
    }

    // ---- Evidence as data ----

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyRequirement_ofEveryFeature_namesItsEvidence(Profile profile) {
        RenderedPolicy rendered = PolicyRenderer.render(PolicyRequest.template(
                Connection.builder()
                        .lakeFormation(true)
                        .kms(true)
                        .addCatalog("dynamodb")
                        .build(),
                profile,
                profile.features()));

        assertThat(rendered.requirements().requirements()).isNotEmpty().allSatisfy(requirement -> {
            assertThat(requirement.evidence().citation()).isNotBlank();
            // A source citation names a repository (owner/name) or the vendor's documentation site.
            if (requirement.evidence().kind() == Evidence.Kind.SOURCE) {
                assertThat(requirement.evidence().citation()).matches("^([\\w.-]+/[\\w.-]+ |docs\\.omni\\.co/).*");
            }
            if (requirement.evidence().kind() == Evidence.Kind.ISSUE) {
                assertThat(requirement.evidence().citation()).containsPattern("[\\w.-]+/[\\w.-]+#\\d+");
            }
        });
        assertThat(rendered.explanations())
                .allSatisfy(statement -> assertThat(statement.actions())
                        .allSatisfy(action -> assertThat(action.evidence()).isNotEmpty()));
    }

    @Test
    void evidence_withoutCitation_isRefused() {
        assertThatThrownBy(() -> Evidence.unconfirmed(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence of kind unconfirmed has no citation");
        assertThat(Evidence.source("a/b f.py g")).hasToString("source: a/b f.py g");
    }

    @Test
    void requirement_withoutEvidence_isRefused() {
        assertThatThrownBy(() -> new Requirement(
                        Feature.METADATA,
                        dev.leastpriv.core.Action.parse("athena:ListDatabases"),
                        com.google.common.collect.ImmutableList.of(Resource.ALL),
                        "why",
                        "Sid",
                        null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("evidence");
    }
}

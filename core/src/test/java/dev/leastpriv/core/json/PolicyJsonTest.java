package dev.leastpriv.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.io.Resources;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyJsonTest {

    private static final Policy TRUST = Policy.of(Statement.allow()
            .sid("AssumeRole")
            .addPrincipal(Principal.aws("arn:aws:iam::123456789012:root"))
            .addAction("sts:AssumeRole")
            .addCondition(Condition.of("StringEquals", "sts:ExternalId", "abc"))
            .build());

    private static final Principal CANONICAL_USER = new Principal(
            Principal.Type.CANONICAL_USER, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
    private static final Principal COGNITO = new Principal(Principal.Type.FEDERATED, "cognito-identity.amazonaws.com");

    /** A bucket policy using every key: Id, Principal + NotAction + NotResource, NotPrincipal + Action + Resource. */
    private static final Policy BUCKET_POLICY = Policy.builder()
            .id("ResultsBucketPolicy")
            .addStatement(Statement.deny()
                    .sid("DenyAllButReads")
                    // added out of type order: the writer groups them AWS, CanonicalUser, Federated, Service
                    .addPrincipal(Principal.service("athena.amazonaws.com"))
                    .addPrincipal(COGNITO)
                    .addPrincipal(Principal.aws("arn:aws:iam::123456789012:role/service-role/ConnectorRole"))
                    .addPrincipal(CANONICAL_USER)
                    .addPrincipal(Principal.aws("123456789012"))
                    .notActions(List.of(Action.parse("s3:GetObject"), Action.parse("s3:ListBucket")))
                    .notResources(List.of(
                            Resource.parse("arn:aws:s3:::athena-results"),
                            Resource.parse("arn:aws:s3:::athena-results/connector/*")))
                    // interleaved operators: written grouped by operator in first-appearance order
                    .addCondition(Condition.of("StringNotEquals", "aws:PrincipalOrgID", "o-abc123"))
                    .addCondition(Condition.of("Bool", "aws:SecureTransport", "true"))
                    .addCondition(Condition.of("StringNotEquals", "aws:SourceVpce", "vpce-1a2b3c4d"))
                    .addCondition(
                            Condition.of("ForAnyValue:StringLike", "aws:PrincipalTag/team", List.of("data*", "bi")))
                    .build())
            .addStatement(Statement.deny()
                    .sid("DenyDeleteExceptAdmin")
                    .notPrincipals(List.of(
                            Principal.aws("arn:aws:iam::123456789012:role/Admin"),
                            Principal.aws("arn:aws:sts::123456789012:assumed-role/Admin/break-glass")))
                    .addAction("s3:DeleteObject")
                    .addResource("arn:aws:s3:::athena-results/*")
                    .addCondition(Condition.of("NumericGreaterThanIfExists", "aws:MultiFactorAuthAge", "3600"))
                    .build())
            .build();

    /** A role trust policy: service principals, one action, no resource. */
    private static final Policy SERVICE_TRUST = Policy.of(Statement.allow()
            .sid("GlueAndLambda")
            .addPrincipal(Principal.service("lambda.amazonaws.com"))
            .addPrincipal(Principal.service("glue.amazonaws.com"))
            .addAction("sts:AssumeRole")
            .addCondition(Condition.of("StringEquals", "aws:SourceAccount", "123456789012"))
            .addCondition(Condition.of("ArnLike", "aws:SourceArn", "arn:aws:glue:eu-west-1:123456789012:*"))
            .build());

    /** The scalar-form document behind {@code golden/public-read-legacy.json}: no Version, one statement object. */
    private static final String PUBLIC_READ_SCALAR_FORMS = json("{'Statement':{'Sid':'PublicRead','Effect':'Allow',"
            + "'Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::public-reports/*',"
            + "'Condition':{'IpAddress':{'aws:SourceIp':['192.0.2.0/24','203.0.113.0/24']},"
            + "'Bool':{'aws:SecureTransport':true}}}}");

    private static final Policy PUBLIC_READ_LEGACY = Policy.builder()
            .version(Policy.VERSION_2008)
            .addStatement(Statement.allow()
                    .sid("PublicRead")
                    .addPrincipal(Principal.ALL)
                    .addAction("s3:GetObject")
                    .addResource("arn:aws:s3:::public-reports/*")
                    .addCondition(Condition.of("IpAddress", "aws:SourceIp", List.of("192.0.2.0/24", "203.0.113.0/24")))
                    .addCondition(Condition.of("Bool", "aws:SecureTransport", "true"))
                    .build())
            .build();

    /** An identity policy for a metadata connector, one element per list. */
    private static final Policy CONNECTOR_IDENTITY = Policy.of(
            Statement.allow()
                    .sid("AthenaGlobal")
                    // athena:ListWorkGroups has no resource types, so "*" is required
                    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonathena.html)
                    .addAction("athena:ListWorkGroups")
                    .addResource(Resource.ALL)
                    .build(),
            Statement.allow()
                    .sid("GlueMetadata")
                    .addAction("glue:GetTables")
                    .addResource("arn:aws:glue:eu-west-1:123456789012:catalog")
                    .addResource("arn:aws:glue:eu-west-1:123456789012:database/sales")
                    .addResource("arn:aws:glue:eu-west-1:123456789012:table/sales/*")
                    .build(),
            Statement.allow()
                    .sid("ResultsObjects")
                    .addAction("s3:GetObject")
                    .addAction("s3:PutObject")
                    .addResource("arn:aws:s3:::athena-results/connector/*")
                    .build());

    /** Golden file name and the policy it holds. */
    static Stream<Arguments> goldenPolicies() {
        return Stream.of(
                arguments("bucket-policy-all-keys.json", BUCKET_POLICY),
                arguments("trust-policy-services.json", SERVICE_TRUST),
                arguments("public-read-legacy.json", PUBLIC_READ_LEGACY),
                arguments("connector-identity.json", CONNECTOR_IDENTITY));
    }

    /** Policies for the round-trip tests, including ones read from scalar forms. */
    static Stream<Policy> corpus() {
        return Stream.of(
                TRUST,
                BUCKET_POLICY,
                SERVICE_TRUST,
                PUBLIC_READ_LEGACY,
                CONNECTOR_IDENTITY,
                PolicyJson.read(PUBLIC_READ_SCALAR_FORMS),
                PolicyJson.read(json("{'Version':'2012-10-17','Id':'Scalars','Statement':{'Effect':'Deny',"
                        + "'NotPrincipal':{'AWS':'arn:aws:iam::123456789012:root','Service':'s3.amazonaws.com'},"
                        + "'NotAction':'s3:Get*','NotResource':'arn:aws:s3:::b/*',"
                        + "'Condition':{'NumericLessThan':{'s3:max-keys':10},'Null':{'aws:TokenIssueTime':false}}}}")),
                PolicyJson.read(json("{'Statement':[{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'*'},"
                        + "{'Effect':'Deny','NotPrincipal':'*','Action':'s3:?etObject','Resource':'*'}]}")),
                Policy.of(Statement.allow()
                        .addAction(Action.ALL)
                        .addResource("arn:aws:s3:::b/with \"quote\", \\backslash, caf\u00e9 and /slash")
                        .addCondition(Condition.of("StringLike", "s3:prefix", List.of("a b", "${aws:username}/*")))
                        .build()));
    }

    @Test
    void writePretty_trustPolicy_matchesAwsDocumentationLayout() {
        String json = PolicyJson.writePretty(TRUST);

        assertThat(json).isEqualTo("""
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "AssumeRole",
                            "Effect": "Allow",
                            "Principal": {
                                "AWS": [
                                    "arn:aws:iam::123456789012:root"
                                ]
                            },
                            "Action": [
                                "sts:AssumeRole"
                            ],
                            "Condition": {
                                "StringEquals": {
                                    "sts:ExternalId": [
                                        "abc"
                                    ]
                                }
                            }
                        }
                    ]
                }
                """);
    }

    @Test
    void write_trustPolicy_isOneLineWithoutWhitespace() {
        assertThat(PolicyJson.write(TRUST))
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeRole\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\"]},\"Action\":[\"sts:AssumeRole\"],"
                        + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":[\"abc\"]}}}]}");
    }

    @Test
    void read_badActionInArray_pointsAtElement() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                + "\"s3-GetObject\"],\"Resource\":\"*\"}]}";

        assertThatThrownBy(() -> PolicyJson.read(json))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("Invalid action \"s3-GetObject\"")
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo("/Statement/0/Action/1");
    }

    @Test
    void read_writtenPolicy_roundTrips() {
        assertThat(PolicyJson.read(PolicyJson.writePretty(TRUST))).isEqualTo(TRUST);
        assertThat(PolicyJson.read(PolicyJson.write(TRUST))).isEqualTo(TRUST);
    }

    @Test
    void read_compactDocumentJustUnderTheLimit_readsBackFromBothLayouts() {
        // 5,200 resources, compact: about 125,000 characters; indented by the pretty writer: about 215,000.
        StringBuilder resources = new StringBuilder();
        for (int i = 0; i < 5_200; i++) {
            resources.append(i == 0 ? "" : ",").append(String.format("'arn:aws:s3:::b/k%05d'", i));
        }
        String document = json("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:GetObject',"
                + "'Resource':[" + resources + "]}}");
        assertThat(document.length()).isBetween(120_000, PolicyReader.MAX_DOCUMENT);

        Policy policy = PolicyJson.read(document);

        assertThat(PolicyJson.writePretty(policy)).hasSizeGreaterThan(PolicyReader.MAX_DOCUMENT);
        assertThat(PolicyJson.read(PolicyJson.writePretty(policy))).isEqualTo(policy);
        assertThat(PolicyJson.read(PolicyJson.write(policy))).isEqualTo(policy);
    }

    /** Turns {@code '} into {@code "} so that documents in this test stay readable. */
    private static String json(String text) {
        return text.replace('\'', '"');
    }

    /** {@return a 2012-10-17 document holding one statement with these members, so it is at /Statement/0} */
    private static String withStatement(String members) {
        return json("{'Version':'2012-10-17','Statement':[{" + members + "}]}");
    }

    private static String golden(String name) throws IOException {
        return Resources.toString(Resources.getResource("golden/" + name), UTF_8);
    }

    private static Statement onlyStatement(String json) {
        return PolicyJson.read(json).statements().get(0);
    }

    // ---- reading: accepted shapes

    @Test
    void read_statementObject_equalsSingleElementArray() {
        Policy object = PolicyJson.read(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*'}}"));

        Policy array = PolicyJson.read(json("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*'}]}"));

        assertThat(object).isEqualTo(array);
        assertThat(object.statements()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "Action,      s3:GetObject",
        "NotAction,   s3:GetObject",
        "Resource,    arn:aws:s3:::b/*",
        "NotResource, arn:aws:s3:::b/*"
    })
    void read_scalarElement_equalsSingleElementArray(String element, String value) {
        String action = element.endsWith("Action") ? "" : "'Action':'s3:GetObject',";
        String scalar = withStatement("'Effect':'Allow'," + action + "'" + element + "':'" + value + "'");
        String array = withStatement("'Effect':'Allow'," + action + "'" + element + "':['" + value + "']");

        Policy fromScalar = PolicyJson.read(scalar);

        assertThat(fromScalar).isEqualTo(PolicyJson.read(array));
    }

    @Test
    void read_actionArray_keepsOrder() {
        Statement statement =
                onlyStatement(withStatement("'Effect':'Allow','Action':['s3:PutObject','s3:GetObject','s3:Get*']"));

        assertThat(statement.actions())
                .containsExactly(Action.parse("s3:PutObject"), Action.parse("s3:GetObject"), Action.parse("s3:Get*"));
    }

    @Test
    void read_resourceAndNotResourceArrays_readEveryValue() {
        Statement allow =
                onlyStatement(withStatement("'Effect':'Allow','Action':'*','Resource':['arn:aws:s3:::a','*']"));
        Statement deny =
                onlyStatement(withStatement("'Effect':'Deny','Action':'*','NotResource':['arn:aws:s3:::a','*']"));

        assertThat(allow.resources()).containsExactly(Resource.parse("arn:aws:s3:::a"), Resource.ALL);
        assertThat(deny.notResources()).containsExactly(Resource.parse("arn:aws:s3:::a"), Resource.ALL);
        assertThat(deny.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void read_principalIdScalar_equalsOneElementArray() {
        Statement scalar =
                onlyStatement(withStatement("'Effect':'Allow','Principal':{'AWS':'123456789012'},'Action':'*'"));
        Statement array =
                onlyStatement(withStatement("'Effect':'Allow','Principal':{'AWS':['123456789012']},'Action':'*'"));

        assertThat(scalar).isEqualTo(array);
        assertThat(scalar.principals()).containsExactly(Principal.aws("123456789012"));
    }

    @Test
    void read_principalIdArray_readsEveryId() {
        Statement statement = onlyStatement(withStatement(
                "'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::111111111111:root','222222222222']},'Action':'*'"));

        assertThat(statement.principals())
                .containsExactly(Principal.aws("arn:aws:iam::111111111111:root"), Principal.aws("222222222222"));
    }

    @Test
    void read_principalStar_isAll() {
        Statement statement = onlyStatement(withStatement("'Effect':'Allow','Principal':'*','Action':'*'"));

        assertThat(statement.principals()).containsExactly(Principal.ALL);
    }

    @Test
    void read_allFourPrincipalTypes_readsEachType() {
        Statement statement = onlyStatement(withStatement("'Effect':'Allow','Principal':{"
                + "'Service':'glue.amazonaws.com','AWS':'123456789012',"
                + "'Federated':'cognito-identity.amazonaws.com','CanonicalUser':'79a59df900b949e5'},'Action':'*'"));

        assertThat(statement.principals())
                .containsExactly(
                        Principal.service("glue.amazonaws.com"),
                        Principal.aws("123456789012"),
                        new Principal(Principal.Type.FEDERATED, "cognito-identity.amazonaws.com"),
                        new Principal(Principal.Type.CANONICAL_USER, "79a59df900b949e5"));
    }

    @Test
    void read_notPrincipal_readsIntoNotPrincipals() {
        Statement statement = onlyStatement(
                withStatement("'Effect':'Deny','NotPrincipal':{'AWS':'123456789012'},'Action':'*','Resource':'*'"));

        assertThat(statement.notPrincipals()).containsExactly(Principal.aws("123456789012"));
        assertThat(statement.principals()).isEmpty();
    }

    @Test
    void read_conditionValuesOfEveryScalarType_becomeText() {
        Statement statement = onlyStatement(withStatement("'Effect':'Allow','Action':'*','Condition':{"
                + "'StringEquals':{'sts:ExternalId':'abc'},"
                + "'NumericLessThan':{'s3:max-keys':10},"
                + "'Bool':{'aws:SecureTransport':true},"
                + "'NumericEquals':{'s3:object-lock-remaining-retention-days':[1,2.5,'3']},"
                + "'Null':{'aws:TokenIssueTime':false}}"));

        assertThat(statement.conditions())
                .containsExactly(
                        Condition.of("StringEquals", "sts:ExternalId", "abc"),
                        Condition.of("NumericLessThan", "s3:max-keys", "10"),
                        Condition.of("Bool", "aws:SecureTransport", "true"),
                        Condition.of(
                                "NumericEquals", "s3:object-lock-remaining-retention-days", List.of("1", "2.5", "3")),
                        Condition.of("Null", "aws:TokenIssueTime", "false"));
    }

    @Test
    void read_decimalConditionValues_keepTheirDigits() {
        // Read as doubles these were "1.1", "1.2345678901234567E19" and "Infinity": values the policy does not hold.
        Statement statement = onlyStatement(withStatement("'Effect':'Allow','Action':'*','Condition':{"
                + "'StringEquals':{'aws:RequestTag/version':[1.10,12345678901234567890.5,1e999999]}}"));

        assertThat(statement.conditions())
                .containsExactly(Condition.of(
                        "StringEquals",
                        "aws:RequestTag/version",
                        List.of("1.10", "12345678901234567890.5", "1E+999999")));
    }

    @Test
    void read_severalKeysUnderOneOperator_readsOneConditionPerKey() {
        Statement statement = onlyStatement(withStatement("'Effect':'Allow','Action':'*','Condition':{"
                + "'StringEquals':{'aws:SourceAccount':'123456789012','aws:SourceVpce':['vpce-1','vpce-2']}}"));

        assertThat(statement.conditions())
                .containsExactly(
                        Condition.of("StringEquals", "aws:SourceAccount", "123456789012"),
                        Condition.of("StringEquals", "aws:SourceVpce", List.of("vpce-1", "vpce-2")));
    }

    @Test
    void read_missingVersion_isLegacyVersion() {
        Policy policy = PolicyJson.read(json("{'Statement':{'Effect':'Allow','Action':'*'}}"));

        assertThat(policy.version()).isEqualTo("2008-10-17");
    }

    @Test
    void read_idSidAndVersion_areKept() {
        Policy policy = PolicyJson.read(
                json("{'Id':'P1','Version':'2012-10-17','Statement':{'Sid':'S1','Effect':'Allow','Action':'*'}}"));

        assertThat(policy.version()).isEqualTo("2012-10-17");
        assertThat(policy.id()).isEqualTo("P1");
        assertThat(policy.statements().get(0).sid()).isEqualTo("S1");
    }

    @Test
    void read_statementWithoutResource_isAccepted() {
        Statement statement = onlyStatement(withStatement(
                "'Effect':'Allow','Principal':{'Service':'glue.amazonaws.com'},'Action':'sts:AssumeRole'"));

        assertThat(statement.resources()).isEmpty();
        assertThat(statement.actions()).containsExactly(Action.parse("sts:AssumeRole"));
    }

    @Test
    void read_keysInAnyOrderWithWhitespace_equalsCanonicalDocument() {
        String shuffled = json("\r\n\t{ 'Statement' : [ { 'Resource' : '*' ,\n 'Action' : 's3:GetObject' ,"
                + " 'Effect' : 'Allow' } ] ,\t'Version' : '2012-10-17' }\r\n");

        Policy policy = PolicyJson.read(shuffled);

        assertThat(policy)
                .isEqualTo(Policy.of(Statement.allow()
                        .addAction("s3:GetObject")
                        .addResource(Resource.ALL)
                        .build()));
    }

    // ---- reading: rejections, each with the exact pointer

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                // the document
                arguments("{", "", "Invalid JSON"),
                arguments("Version", "", "Invalid JSON"),
                arguments("", "", "A policy must be a JSON object"),
                arguments("[]", "", "A policy must be a JSON object"),
                arguments("\"policy\"", "", "A policy must be a JSON object"),
                arguments("null", "", "A policy must be a JSON object"),
                arguments(json("{'Statement':{'Effect':'Allow','Action':'*'}} {}"), "", "Unexpected content after"),
                arguments(json("{'Statement':{'Effect':'Allow','Action':'*'}} x"), "", "Invalid JSON"),
                arguments(
                        json("{'Foo':1,'Statement':{'Effect':'Allow','Action':'*'}}"),
                        "/Foo",
                        "Unknown element \"Foo\""),
                arguments(json("{'version':'2012-10-17','Statement':{}}"), "/version", "Unknown element \"version\""),
                arguments(json("{'Version':'2012-10-17'}"), "", "A policy needs a \"Statement\" element"),
                arguments(json("{'Version':2012,'Statement':[]}"), "/Version", "Expected a string, found number"),
                arguments(
                        json("{'Version':'2012-10-18','Statement':{'Effect':'Allow','Action':'*'}}"),
                        "/Version",
                        "Invalid policy version \"2012-10-18\""),
                arguments(json("{'Id':['x'],'Statement':[]}"), "/Id", "Expected a string, found array"),
                arguments(
                        json("{'Id':'','Statement':{'Effect':'Allow','Action':'*'}}"),
                        "/Id",
                        "Policy Id must not be empty"),
                // Statement
                arguments(json("{'Statement':[]}"), "/Statement", "must be an object or a non-empty array"),
                arguments(json("{'Statement':'*'}"), "/Statement", "must be an object or a non-empty array"),
                arguments(json("{'Statement':null}"), "/Statement", "must be an object or a non-empty array"),
                arguments(
                        json("{'Statement':[{'Effect':'Allow','Action':'*'},'Allow']}"),
                        "/Statement/1",
                        "A statement must be a JSON object"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Actions':'*'"),
                        "/Statement/0/Actions",
                        "Unknown element \"Actions\""),
                arguments(
                        json("{'Statement':{'Effect':'Allow','Action':'*','Foo':1}}"),
                        "/Statement/Foo",
                        "Unknown element \"Foo\""),
                arguments(withStatement("'Action':'*'"), "/Statement/0", "Statement has no \"Effect\""),
                arguments(
                        withStatement("'Effect':'allow','Action':'*'"),
                        "/Statement/0/Effect",
                        "Invalid Effect \"allow\""),
                arguments(
                        withStatement("'Effect':true,'Action':'*'"),
                        "/Statement/0/Effect",
                        "Expected a string, found boolean"),
                arguments(
                        withStatement("'Sid':1,'Effect':'Allow','Action':'*'"),
                        "/Statement/0/Sid",
                        "Expected a string, found number"),
                arguments(
                        withStatement("'Sid':'','Effect':'Allow','Action':'*'"),
                        "/Statement/0/Sid",
                        "Sid must not be empty"),
                // Action, NotAction
                arguments(withStatement("'Effect':'Allow','Action':[]"), "/Statement/0/Action", "Empty array"),
                arguments(
                        withStatement("'Effect':'Allow','Action':[1]"),
                        "/Statement/0/Action/0",
                        "Expected a string, found number"),
                arguments(
                        withStatement("'Effect':'Allow','Action':{'s3':'GetObject'}"),
                        "/Statement/0/Action",
                        "found object"),
                arguments(withStatement("'Effect':'Allow','Action':null"), "/Statement/0/Action", "found null"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'s3-GetObject'"),
                        "/Statement/0/Action",
                        "Invalid action \"s3-GetObject\""),
                arguments(
                        withStatement("'Effect':'Allow','NotAction':['s3:GetObject','s3:']"),
                        "/Statement/0/NotAction/1",
                        "Invalid action \"s3:\""),
                arguments(
                        withStatement("'Effect':'Allow','Resource':'*'"),
                        "/Statement/0",
                        "neither \"Action\" nor \"NotAction\""),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','NotAction':'s3:*'"),
                        "/Statement/0",
                        "exactly one of \"Action\" and \"NotAction\""),
                // Resource, NotResource
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Resource':'bucket'"),
                        "/Statement/0/Resource",
                        "Invalid resource \"bucket\""),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Resource':['*','arn:aws:s3']"),
                        "/Statement/0/Resource/1",
                        "Invalid resource \"arn:aws:s3\""),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Resource':[]"),
                        "/Statement/0/Resource",
                        "Empty array"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Resource':'arn:aws:s3:::b/\\u0100'"),
                        "/Statement/0/Resource",
                        "only printable characters"),
                arguments(
                        withStatement("'Effect':'Deny','Action':'*','NotResource':[true]"),
                        "/Statement/0/NotResource/0",
                        "Expected a string, found boolean"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Resource':'*','NotResource':'*'"),
                        "/Statement/0",
                        "has both \"Resource\" and \"NotResource\""),
                // Principal, NotPrincipal
                arguments(
                        withStatement("'Effect':'Allow','Principal':{'Foo':'x'},'Action':'*'"),
                        "/Statement/0/Principal/Foo",
                        "Unknown principal type \"Foo\""),
                arguments(
                        withStatement("'Effect':'Allow','Principal':{},'Action':'*'"),
                        "/Statement/0/Principal",
                        "A principal must be \"*\" or an object"),
                arguments(
                        withStatement("'Effect':'Allow','Principal':'123456789012','Action':'*'"),
                        "/Statement/0/Principal",
                        "A principal must be \"*\" or an object"),
                arguments(
                        withStatement("'Effect':'Allow','Principal':['*'],'Action':'*'"),
                        "/Statement/0/Principal",
                        "A principal must be \"*\" or an object"),
                arguments(
                        withStatement("'Effect':'Allow','Principal':{'AWS':[]},'Action':'*'"),
                        "/Statement/0/Principal/AWS",
                        "Empty array"),
                arguments(
                        withStatement("'Effect':'Allow','Principal':{'AWS':['1',2]},'Action':'*'"),
                        "/Statement/0/Principal/AWS/1",
                        "Expected a string, found number"),
                arguments(
                        withStatement("'Effect':'Allow','Principal':{'Service':''},'Action':'*'"),
                        "/Statement/0/Principal/Service",
                        "Principal Service must not be empty"),
                arguments(
                        withStatement("'Effect':'Deny','NotPrincipal':{'aws':'x'},'Action':'*'"),
                        "/Statement/0/NotPrincipal/aws",
                        "Unknown principal type \"aws\""),
                arguments(
                        withStatement("'Effect':'Deny','Principal':'*','NotPrincipal':{'AWS':'x'},'Action':'*'"),
                        "/Statement/0",
                        "has both \"Principal\" and \"NotPrincipal\""),
                // Condition
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Condition':'x'"),
                        "/Statement/0/Condition",
                        "\"Condition\" must be an object of operators"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Condition':[]"),
                        "/Statement/0/Condition",
                        "\"Condition\" must be an object of operators"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Condition':{'StringEquals':'x'}"),
                        "/Statement/0/Condition/StringEquals",
                        "must map to an object of context keys"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Condition':{'StringEquals':{}}"),
                        "/Statement/0/Condition/StringEquals",
                        "must map to an object of context keys"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:SourceAccount':null}}"),
                        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
                        "Expected a string, number or boolean, found null"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:SourceAccount':['1',null]}}"),
                        "/Statement/0/Condition/StringEquals/aws:SourceAccount/1",
                        "found null"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:SourceAccount':{'v':'1'}}}"),
                        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
                        "found object"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:SourceAccount':[]}}"),
                        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
                        "Empty array"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEqualz':{'aws:SourceAccount':'1'}}"),
                        "/Statement/0/Condition/StringEqualz/aws:SourceAccount",
                        "Unknown condition operator \"StringEqualz\""),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'NullIfExists':{'aws:TokenIssueTime':true}}"),
                        "/Statement/0/Condition/NullIfExists/aws:TokenIssueTime",
                        "Unknown condition operator \"NullIfExists\""),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:Source Account':'1'}}"),
                        "/Statement/0/Condition/StringEquals/aws:Source Account",
                        "Invalid condition key \"aws:Source Account\""),
                // RFC 6901: "~" is written "~0" and "/" is written "~1", "~" first
                arguments(json("{'a/b':1,'Statement':[]}"), "/a~1b", "Unknown element \"a/b\""),
                arguments(json("{'~x':1,'Statement':[]}"), "/~0x", "Unknown element \"~x\""),
                arguments(json("{'~1':1,'Statement':[]}"), "/~01", "Unknown element \"~1\""),
                arguments(json("{'/~/':1,'Statement':[]}"), "/~1~0~1", "Unknown element \"/~/\""),
                arguments(
                        withStatement("'Effect':'Allow','Principal':{'A/W~S':'x'},'Action':'*'"),
                        "/Statement/0/Principal/A~1W~0S",
                        "Unknown principal type \"A/W~S\""),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:PrincipalTag/team~x':null}}"),
                        "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team~0x",
                        "found null"),
                arguments(
                        withStatement("'Effect':'Allow','Action':'*','Condition':{'Foo/Bar':{'s3:prefix/x':'a'}}"),
                        "/Statement/0/Condition/Foo~1Bar/s3:prefix~1x",
                        "Unknown condition operator \"Foo/Bar\""));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("invalidDocuments")
    void read_invalidDocument_throwsWithExactPointer(String document, String pointer, String message) {
        assertThatThrownBy(() -> PolicyJson.read(document))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining(message)
                .hasMessageEndingWith(" at " + (pointer.isEmpty() ? "/" : pointer))
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo(pointer);
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                arguments(
                        json(
                                "{'Version':'2012-10-17','Version':'2008-10-17','Statement':{'Effect':'Allow','Action':'*'}}"),
                        "Version"),
                arguments(withStatement("'Effect':'Allow','Action':'s3:GetObject','Action':'*'"), "Action"),
                arguments(withStatement("'Effect':'Allow','Effect':'Deny','Action':'*'"), "Effect"),
                arguments(withStatement("'Effect':'Allow','Principal':{'AWS':'1','AWS':'2'},'Action':'*'"), "AWS"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'Bool':{'aws:SecureTransport':true},'Bool':{'aws:ViaAWSService':true}}"),
                        "Bool"),
                arguments(
                        withStatement(
                                "'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'aws:SourceAccount':'1','aws:SourceAccount':'2'}}"),
                        "aws:SourceAccount"));
    }

    // IAM rejects a key that appears twice; keeping either one would check a different policy than IAM stores.
    @ParameterizedTest(name = "[{index}] duplicate {1}")
    @MethodSource("duplicateKeys")
    void read_duplicateKey_isRejected(String document, String key) {
        assertThatThrownBy(() -> PolicyJson.read(document))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("Duplicate field '" + key + "'")
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo("");
    }

    @Test
    void read_invalidJson_keepsParserCause() {
        assertThatThrownBy(() -> PolicyJson.read("{\"Version\":"))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith("Invalid JSON: ")
                .hasCauseInstanceOf(JsonProcessingException.class);
    }

    @Test
    void read_null_throwsNullPointerException() {
        assertThatThrownBy(() -> PolicyJson.read(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("json");
    }

    // ---- writing

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void writePretty_goldenPolicy_matchesGoldenFile(String name, Policy policy) throws IOException {
        String json = PolicyJson.writePretty(policy);

        assertThat(json).isEqualTo(golden(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void read_goldenFile_returnsPolicy(String name, Policy policy) throws IOException {
        Policy read = PolicyJson.read(golden(name));

        assertThat(read).isEqualTo(policy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void write_goldenPolicy_isGoldenFileWithoutLayout(String name, Policy policy) throws IOException {
        // The golden files hold no line breaks or ": " inside strings, so removing the layout is exact.
        String withoutLayout = golden(name).replaceAll("\n *", "").replace("\": ", "\":");

        String json = PolicyJson.write(policy);

        assertThat(json).isEqualTo(withoutLayout);
    }

    @Test
    void read_scalarFormsDocument_writesLikeGoldenFile() throws IOException {
        Policy policy = PolicyJson.read(PUBLIC_READ_SCALAR_FORMS);

        assertThat(PolicyJson.writePretty(policy)).isEqualTo(golden("public-read-legacy.json"));
    }

    @Test
    void write_principalNotActionNotResourceCondition_writesKeysInCanonicalOrder() {
        Policy policy = Policy.of(Statement.deny()
                .addCondition(Condition.of("Bool", "aws:SecureTransport", "false"))
                .notResources(List.of(Resource.parse("arn:aws:s3:::b")))
                .notActions(List.of(Action.parse("s3:GetObject")))
                .addPrincipal(Principal.aws("123456789012"))
                .sid("S")
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json)
                .isEqualTo(
                        json(
                                "{'Version':'2012-10-17','Statement':[{'Sid':'S','Effect':'Deny',"
                                        + "'Principal':{'AWS':['123456789012']},'NotAction':['s3:GetObject'],"
                                        + "'NotResource':['arn:aws:s3:::b'],'Condition':{'Bool':{'aws:SecureTransport':['false']}}}]}"));
    }

    @Test
    void write_notPrincipalActionResource_writesKeysInCanonicalOrder() {
        Policy policy = Policy.of(Statement.deny()
                .addResource("arn:aws:s3:::b")
                .addAction("s3:DeleteBucket")
                .notPrincipals(List.of(Principal.service("s3.amazonaws.com")))
                .sid("S")
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json)
                .isEqualTo(json("{'Version':'2012-10-17','Statement':[{'Sid':'S','Effect':'Deny',"
                        + "'NotPrincipal':{'Service':['s3.amazonaws.com']},'Action':['s3:DeleteBucket'],"
                        + "'Resource':['arn:aws:s3:::b']}]}"));
    }

    @Test
    void write_singleValues_writesArrays() {
        Policy policy = Policy.of(Statement.allow()
                .addPrincipal(Principal.aws("123456789012"))
                .addAction("s3:GetObject")
                .addResource("arn:aws:s3:::b/*")
                .addCondition(Condition.of("Bool", "aws:SecureTransport", "true"))
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json)
                .contains(json("'Statement':[{"))
                .contains(json("'AWS':['123456789012']"))
                .contains(json("'Action':['s3:GetObject']"))
                .contains(json("'Resource':['arn:aws:s3:::b/*']"))
                .contains(json("'aws:SecureTransport':['true']"));
    }

    @Test
    void write_principalStar_writesBareStar() {
        Policy policy = Policy.of(
                Statement.allow().addPrincipal(Principal.ALL).addAction("*").build());

        assertThat(PolicyJson.write(policy)).contains(json("'Principal':'*',"));
    }

    @Test
    void write_id_isWrittenAfterVersion() {
        Policy policy = Policy.builder()
                .id("P1")
                .addStatement(Statement.allow().addAction("*").build())
                .build();

        String json = PolicyJson.write(policy);

        assertThat(json).startsWith(json("{'Version':'2012-10-17','Id':'P1','Statement':["));
    }

    @Test
    void write_principalsOfMixedTypes_groupsThemByTypeInEnumOrder() {
        Policy policy = Policy.of(Statement.allow()
                .addPrincipal(Principal.service("glue.amazonaws.com"))
                .addPrincipal(Principal.aws("111111111111"))
                .addPrincipal(COGNITO)
                .addPrincipal(Principal.aws("222222222222"))
                .addPrincipal(CANONICAL_USER)
                .addAction("sts:AssumeRole")
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json)
                .contains(json("'Principal':{'AWS':['111111111111','222222222222'],"
                        + "'CanonicalUser':['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],"
                        + "'Federated':['cognito-identity.amazonaws.com'],'Service':['glue.amazonaws.com']}"));
    }

    @Test
    void write_interleavedConditions_groupsThemByOperatorInFirstAppearanceOrder() {
        Policy policy = Policy.of(Statement.allow()
                .addAction("s3:ListBucket")
                .addCondition(Condition.of("StringLike", "s3:prefix", "reports/*"))
                .addCondition(Condition.of("Bool", "aws:SecureTransport", "true"))
                .addCondition(Condition.of("StringLike", "s3:delimiter", "/"))
                .addCondition(Condition.of("NumericLessThanEquals", "s3:max-keys", "100"))
                .addCondition(Condition.of("Bool", "aws:ViaAWSService", "false"))
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json)
                .contains(json("'Condition':{'StringLike':{'s3:prefix':['reports/*'],'s3:delimiter':['/']},"
                        + "'Bool':{'aws:SecureTransport':['true'],'aws:ViaAWSService':['false']},"
                        + "'NumericLessThanEquals':{'s3:max-keys':['100']}}"));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void writePretty_anyPolicy_usesDocumentationLayout(Policy policy) {
        String json = PolicyJson.writePretty(policy);

        assertThat(json).startsWith("{\n    \"Version\": ").endsWith("\n}\n").doesNotContain("\r", "\t", " :", "\n\n");
        assertThat(json.lines())
                .allSatisfy(
                        line -> assertThat((line.length() - line.stripLeading().length()) % 4)
                                .as("indent of " + line)
                                .isZero());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void write_anyPolicy_hasNoWhitespaceOutsideStrings(Policy policy) {
        String json = PolicyJson.write(policy);

        assertThat(json.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")).doesNotContainAnyWhitespaces();
    }

    @Test
    void write_quotesAndBackslashes_areEscapedByConstruction() {
        Policy policy = Policy.of(Statement.allow()
                .addAction("s3:GetObject")
                .addResource("arn:aws:s3:::b/a\"b\\c")
                .build());

        String json = PolicyJson.write(policy);

        assertThat(json).contains("\"Resource\":[\"arn:aws:s3:::b/a\\\"b\\\\c\"]");
    }

    // ---- round trips

    @ParameterizedTest
    @MethodSource("corpus")
    void read_compactJson_roundTrips(Policy policy) {
        assertThat(PolicyJson.read(PolicyJson.write(policy))).isEqualTo(policy);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void read_prettyJson_roundTrips(Policy policy) {
        assertThat(PolicyJson.read(PolicyJson.writePretty(policy))).isEqualTo(policy);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void write_calledTwice_isByteIdentical(Policy policy) {
        String compact = PolicyJson.write(policy);
        String pretty = PolicyJson.writePretty(policy);

        assertThat(PolicyJson.write(policy)).isEqualTo(compact);
        assertThat(PolicyJson.writePretty(policy)).isEqualTo(pretty);
        assertThat(PolicyJson.write(PolicyJson.read(compact))).isEqualTo(compact);
    }
}

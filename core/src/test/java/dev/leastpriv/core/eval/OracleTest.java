package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hand-written cases that prove the oracle harness (tools/oracle) and its mapping of the interchange format: each
 * asserts the oracle's decision for one request. The oracle's limitations are pinned at the end of the class.
 */
class OracleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private static final String OBJECT = "arn:aws:s3:::data-lake/sales/2024.csv";
    private static final ObjectNode ALLOW_GET_OBJECT = policy("""
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-lake/*"}""");
    private static final ObjectNode ALLOW_ALL = policy("""
            {"Effect": "Allow", "Action": "*", "Resource": "*"}""");

    private static Oracle oracle;

    @BeforeAll
    static void startOracle() {
        oracle = Oracle.start();
    }

    @AfterAll
    static void stopOracle() {
        if (oracle != null) {
            oracle.close();
        }
    }

    // --- statements, actions, resources -------------------------------------------------------------------------

    @Test
    void evaluate_allowStatementMatches_allowed() {
        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT))).isEqualTo("allowed");
    }

    @Test
    void evaluate_noStatement_implicitDeny() {
        assertThat(decision(get(OBJECT))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_allowForOtherResourceOnly_implicitDeny() {
        assertThat(decision(get("arn:aws:s3:::other-bucket/key").identity(ALLOW_GET_OBJECT)))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_denyAndAllowBothMatch_explicitDeny() {
        ObjectNode denySales = policy("""
                {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::data-lake/sales/*"}""");

        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT, denySales))).isEqualTo("explicitDeny");
    }

    @Test
    void evaluate_notActionExcludesOtherService_allowed() {
        ObjectNode allButIam = policy("""
                {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}""");

        assertThat(decision(get(OBJECT).identity(allButIam))).isEqualTo("allowed");
    }

    @Test
    void evaluate_notActionCoversAction_implicitDeny() {
        ObjectNode allButS3 = policy("""
                {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}""");

        assertThat(decision(get(OBJECT).identity(allButS3))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_notResourceExcludesOtherPrefix_allowed() {
        ObjectNode allButSecrets = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::data-lake/secrets/*"}""");

        assertThat(decision(get(OBJECT).identity(allButSecrets))).isEqualTo("allowed");
    }

    @Test
    void evaluate_notResourceCoversResource_implicitDeny() {
        ObjectNode allButSecrets = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::data-lake/secrets/*"}""");

        assertThat(decision(get("arn:aws:s3:::data-lake/secrets/key").identity(allButSecrets)))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_actionWildcardGetStarMatchesGetObject_allowed() {
        ObjectNode allowGets = policy("""
                {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}""");

        assertThat(decision(get(OBJECT).identity(allowGets))).isEqualTo("allowed");
    }

    @Test
    void evaluate_actionWildcardGetStarOnPutObject_implicitDeny() {
        ObjectNode allowGets = policy("""
                {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}""");

        assertThat(decision(request("s3:PutObject", OBJECT).identity(allowGets)))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_actionInOtherCaseInPolicyAndRequest_allowed() {
        ObjectNode upperCase = policy("""
                {"Effect": "Allow", "Action": "S3:GETOBJECT", "Resource": "*"}""");

        assertThat(decision(request("s3:getobject", OBJECT).identity(upperCase)))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_resourceQuestionMarkMatchesOneCharacter_allowed() {
        ObjectNode logs = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/day-?.gz"}""");

        assertThat(decision(get("arn:aws:s3:::logs/day-7.gz").identity(logs))).isEqualTo("allowed");
    }

    @Test
    void evaluate_resourceQuestionMarkAgainstTwoCharacters_implicitDeny() {
        ObjectNode logs = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/day-?.gz"}""");

        assertThat(decision(get("arn:aws:s3:::logs/day-17.gz").identity(logs))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_resourceIdInOtherCase_implicitDeny() {
        ObjectNode salesOnly = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-lake/sales/*"}""");

        assertThat(decision(get("arn:aws:s3:::data-lake/SALES/2024.csv").identity(salesOnly)))
                .isEqualTo("implicitDeny");
    }

    // --- condition operators ----------------------------------------------------------------------------------------

    private static final ObjectNode ALLOW_FROM_VPC = policy("""
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1111"}}}""");

    @Test
    void evaluate_stringEqualsKeyPresentAndEqual_allowed() {
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC).context("aws:SourceVpc", "vpc-1111")))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_stringEqualsKeyPresentAndDifferent_implicitDeny() {
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC).context("aws:SourceVpc", "vpc-2222")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_stringEqualsKeyAbsent_implicitDeny() {
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_stringEqualsContextKeyNameInOtherCase_allowed() {
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC).context("AWS:SOURCEVPC", "vpc-1111")))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_stringLikeMatches_allowed() {
        ObjectNode cliOnly = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"StringLike": {"aws:UserAgent": "aws-cli/2.*"}}}""");

        assertThat(decision(get(OBJECT).identity(cliOnly).context("aws:UserAgent", "aws-cli/2.15.0 Python/3.11")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(cliOnly).context("aws:UserAgent", "Boto3/1.34")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_numericLessThan_allowedBelowAndImplicitDenyAtLimit() {
        ObjectNode recentMfa = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}""");

        assertThat(decision(get(OBJECT).identity(recentMfa).context("aws:MultiFactorAuthAge", "120")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(recentMfa).context("aws:MultiFactorAuthAge", "3600")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_dateGreaterThan_allowedAfterAndImplicitDenyBefore() {
        ObjectNode from2024 = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}}""");

        assertThat(decision(get(OBJECT).identity(from2024).context("aws:CurrentTime", "2025-06-01T12:00:00Z")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(from2024).context("aws:CurrentTime", "2023-06-01T12:00:00Z")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_bool_allowedWhenTrueAndImplicitDenyWhenFalse() {
        ObjectNode tlsOnly = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"Bool": {"aws:SecureTransport": "true"}}}""");

        assertThat(decision(get(OBJECT).identity(tlsOnly).context("aws:SecureTransport", "true")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(tlsOnly).context("aws:SecureTransport", "false")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_ipAddressCidr_allowedInsideAndImplicitDenyOutside() {
        ObjectNode office = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}""");

        assertThat(decision(get(OBJECT).identity(office).context("aws:SourceIp", "203.0.113.77")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(office).context("aws:SourceIp", "198.51.100.77")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_arnLike_allowedMatchingAndImplicitDenyOther() {
        // The oracle does not derive aws:PrincipalArn from "principal": the request's context must carry it.
        ObjectNode dataRoles = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/data-*"}}}""");

        assertThat(decision(get(OBJECT)
                        .identity(dataRoles)
                        .context("aws:PrincipalArn", "arn:aws:iam::123456789012:role/data-reader")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT)
                        .identity(dataRoles)
                        .context("aws:PrincipalArn", "arn:aws:iam::123456789012:role/ops")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_nullTrue_allowedWhenKeyAbsentAndImplicitDenyWhenPresent() {
        ObjectNode notFromVpc = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"Null": {"aws:SourceVpc": "true"}}}""");

        assertThat(decision(get(OBJECT).identity(notFromVpc))).isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(notFromVpc).context("aws:SourceVpc", "vpc-1111")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_forAnyValueStringEqualsWithArrayContext_allowedWhenOneValueMatches() {
        ObjectNode viaAthena = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"ForAnyValue:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}}}""");

        assertThat(decision(get(OBJECT)
                        .identity(viaAthena)
                        .context("aws:CalledVia", "glue.amazonaws.com", "athena.amazonaws.com")))
                .isEqualTo("allowed");
        assertThat(decision(get(OBJECT)
                        .identity(viaAthena)
                        .context("aws:CalledVia", "glue.amazonaws.com", "lambda.amazonaws.com")))
                .isEqualTo("implicitDeny");
        assertThat(decision(get(OBJECT).identity(viaAthena))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_stringEqualsIfExistsKeyAbsent_allowed() {
        ObjectNode vpcIfAny = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1111"}}}""");

        assertThat(decision(get(OBJECT).identity(vpcIfAny))).isEqualTo("allowed");
        assertThat(decision(get(OBJECT).identity(vpcIfAny).context("aws:SourceVpc", "vpc-2222")))
                .isEqualTo("implicitDeny");
    }

    // --- permissions boundary, SCPs, resource policy -----------------------------------------------------------

    @Test
    void evaluate_permissionsBoundaryAllowsAction_allowed() {
        ObjectNode s3Boundary = policy("""
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}""");

        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT).boundary(s3Boundary)))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_permissionsBoundaryDoesNotAllow_implicitDeny() {
        ObjectNode ec2Boundary = policy("""
                {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}""");

        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT).boundary(ec2Boundary)))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_everyScpLevelAllows_allowed() {
        assertThat(decision(
                        get(OBJECT).identity(ALLOW_GET_OBJECT).scp(ALLOW_ALL).scp(ALLOW_ALL)))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_oneScpLevelDoesNotAllow_implicitDeny() {
        ObjectNode ec2Only = policy("""
                {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}""");

        assertThat(decision(
                        get(OBJECT).identity(ALLOW_GET_OBJECT).scp(ALLOW_ALL).scp(ec2Only)))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_scpExplicitDeny_explicitDeny() {
        ObjectNode denyGet = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*"}""", """
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}""");

        assertThat(decision(
                        get(OBJECT).identity(ALLOW_GET_OBJECT).scp(ALLOW_ALL).scp(denyGet)))
                .isEqualTo("explicitDeny");
    }

    @Test
    void evaluate_crossAccountWithoutResourcePolicy_implicitDeny() {
        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT).resourceAccount("999999999999")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_crossAccountResourcePolicyTrustsAccount_allowed() {
        ObjectNode bucketPolicy = policy("""
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-lake/*"}""");

        assertThat(decision(get(OBJECT)
                        .identity(ALLOW_GET_OBJECT)
                        .resourceAccount("999999999999")
                        .resourcePolicy(bucketPolicy)))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_resourcePolicyDeniesPrincipal_explicitDeny() {
        ObjectNode bucketPolicy = policy("""
                {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:role/leastpriv-test"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-lake/*"}""");

        assertThat(decision(get(OBJECT).identity(ALLOW_GET_OBJECT).resourcePolicy(bucketPolicy)))
                .isEqualTo("explicitDeny");
    }

    // --- policy variables -----------------------------------------------------------------------------------------

    @Test
    void evaluate_policyVariableUsernameInResource_allowedOnlyInOwnFolder() {
        ObjectNode homeFolder = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}""");

        assertThat(decision(get("arn:aws:s3:::home/alice/notes.txt")
                        .principal("arn:aws:iam::123456789012:user/alice")
                        .context("aws:username", "alice")
                        .identity(homeFolder)))
                .isEqualTo("allowed");
        assertThat(decision(get("arn:aws:s3:::home/bob/notes.txt")
                        .principal("arn:aws:iam::123456789012:user/alice")
                        .context("aws:username", "alice")
                        .identity(homeFolder)))
                .isEqualTo("implicitDeny");
    }

    // --- the harness ------------------------------------------------------------------------------------------------

    @Test
    void evaluate_malformedLine_errorLineAndNextLineStillEvaluated() {
        String good = get(OBJECT).identity(ALLOW_GET_OBJECT).json();

        List<String> answers = oracle.evaluate(List.of("{\"id\": 1, \"action\": ", good));

        assertThat(answers).hasSize(2);
        assertThat(parse(answers.get(0)).path("error").asText()).startsWith("malformed JSON");
        assertThat(parse(answers.get(1)).path("decision").asText()).isEqualTo("allowed");
    }

    @Test
    void evaluate_missingAction_errorLineWithId() {
        JsonNode answer = parse(oracle.evaluate(List.of("{\"id\": \"no-action\", \"resource\": \"*\"}"))
                .get(0));

        assertThat(answer.path("id").asText()).isEqualTo("no-action");
        assertThat(answer.path("error").asText()).contains("\"action\"");
    }

    @Test
    void evaluate_unknownField_errorLine() {
        ObjectNode typo = get(OBJECT).identity(ALLOW_GET_OBJECT).node;
        typo.set("permissionBoundary", ALLOW_ALL);

        assertThat(parse(oracle.evaluate(List.of(typo.toString())).get(0))
                        .path("error")
                        .asText())
                .contains("unknown field \"permissionBoundary\"");
    }

    @Test
    void evaluate_unknownAction_errorLine() {
        assertThat(parse(oracle.evaluate(List.of(request("s3:GetObjekt", OBJECT).json()))
                                .get(0))
                        .path("error")
                        .asText())
                .contains("invalid.action");
    }

    @Test
    void evaluate_fiveThousandLines_everyAnswerInOrder() {
        ObjectNode salesOnly = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data-lake/sales/*"}""");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String folder = i % 3 == 0 ? "other" : "sales";
            ObjectNode line = get("arn:aws:s3:::data-lake/" + folder + "/" + i).identity(salesOnly).node;
            line.put("id", i);
            lines.add(line.toString());
        }

        List<String> answers = oracle.evaluate(lines);

        assertThat(answers).hasSize(5_000);
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = parse(answers.get(i));
            assertThat(answer.path("id").asInt()).isEqualTo(i);
            assertThat(answer.path("decision").asText()).isEqualTo(i % 3 == 0 ? "implicitDeny" : "allowed");
        }
    }

    @Test
    void evaluate_strictContextWithKeyTheActionDoesNotDefine_errorLine() {
        try (Oracle strict = Oracle.start("--strict-context")) {
            ObjectNode prefixOnGetObject =
                    get(OBJECT).identity(ALLOW_GET_OBJECT).context("s3:prefix", "sales/").node;

            JsonNode answer =
                    parse(strict.evaluate(List.of(prefixOnGetObject.toString())).get(0));

            assertThat(answer.path("error").asText()).contains("s3:prefix");
        }
    }

    // --- the oracle's limitations, pinned so that a new version that changes them is noticed --------------------

    @Test
    void evaluate_contextKeyNotDefinedForAction_ignoredSoImplicitDeny() {
        // s3:prefix belongs to s3:ListBucket, not s3:GetObject: the oracle drops it before evaluating.
        ObjectNode prefixCondition = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"StringEquals": {"s3:prefix": "sales/"}}}""");

        assertThat(decision(get(OBJECT).identity(prefixCondition).context("s3:prefix", "sales/")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_principalArnNotInContext_notDerivedSoImplicitDeny() {
        ObjectNode ownRole = policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/leastpriv-test"}}}""");

        assertThat(decision(get(OBJECT).identity(ownRole))).isEqualTo("implicitDeny");
    }

    @Test
    void evaluate_version2008PolicyVariable_substitutedAnywaySoAllowed() {
        // IAM treats ${...} literally in a 2008-10-17 policy; the oracle substitutes it whatever the Version.
        ObjectNode homeFolder2008 = JSON.createObjectNode().put("Version", "2008-10-17");
        homeFolder2008.putArray("Statement").add(statement("""
                        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}"""));

        assertThat(decision(get("arn:aws:s3:::home/alice/notes.txt")
                        .context("aws:username", "alice")
                        .identity(homeFolder2008)))
                .isEqualTo("allowed");
    }

    @Test
    void evaluate_arrayForSingleValuedKey_onlyFirstValueKept() {
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC).context("aws:SourceVpc", "vpc-2222", "vpc-1111")))
                .isEqualTo("implicitDeny");
        assertThat(decision(get(OBJECT).identity(ALLOW_FROM_VPC).context("aws:SourceVpc", "vpc-1111", "vpc-2222")))
                .isEqualTo("allowed");
    }

    /**
     * Short ARNs ending with {@code *}: the IAM User Guide (Resource element, "Using wildcards in resource ARNs") lets
     * a segment-final {@code *} expand beyond the colons, in every Resource element. The oracle matches them in an
     * identity policy's {@code Resource}, but never in {@code NotResource} (nor in a resource policy, per its own
     * notes). leastpriv follows the documentation; DifferentialCases writes short ARNs only where the two agree.
     */
    @Test
    void evaluate_shortArnPatterns_matchedInResourceButNeverInNotResource() {
        String table = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
        ObjectNode glueShort = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:glue:us-east-1:1234*"}""");
        ObjectNode glueShortNot = policy("""
                {"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:glue:us-east-1:9999*"}""");
        ObjectNode iamShort = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:iam::1234*"}""");

        assertThat(decision(request("glue:GetTable", table).identity(glueShort)))
                .isEqualTo("allowed");
        assertThat(decision(request("iam:GetRole", "arn:aws:iam::123456789012:role/r")
                        .identity(iamShort)))
                .isEqualTo("allowed");
        assertThat(decision(request("glue:GetTable", table).identity(glueShortNot)))
                .as("documented: allowed (the table is not under account 9999…)")
                .isEqualTo("implicitDeny");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** One interchange request line under construction; principal and resource account default as in the runner. */
    private static final class Request {
        final ObjectNode node = JSON.createObjectNode();

        Request(String action, String resource) {
            node.put("id", "case-" + IDS.incrementAndGet());
            node.put("action", action);
            node.put("resource", resource);
        }

        Request principal(String arn) {
            node.put("principal", arn);
            return this;
        }

        Request resourceAccount(String account) {
            node.put("resourceAccount", account);
            return this;
        }

        Request context(String key, String value) {
            context().put(key, value);
            return this;
        }

        Request context(String key, String first, String... more) {
            ArrayNode values = context().putArray(key).add(first);
            for (String value : more) {
                values.add(value);
            }
            return this;
        }

        Request identity(ObjectNode... policies) {
            ArrayNode list = array("identityPolicies");
            for (ObjectNode policy : policies) {
                list.add(policy);
            }
            return this;
        }

        Request boundary(ObjectNode policy) {
            node.set("permissionsBoundary", policy);
            return this;
        }

        /** Adds one SCP level below the ones already added (root first, account last). */
        Request scp(ObjectNode policy) {
            array("serviceControlPolicies").add(policy);
            return this;
        }

        Request resourcePolicy(ObjectNode policy) {
            node.set("resourcePolicy", policy);
            return this;
        }

        String json() {
            return node.toString();
        }

        private ObjectNode context() {
            return node.has("context") ? (ObjectNode) node.get("context") : node.putObject("context");
        }

        private ArrayNode array(String field) {
            return node.has(field) ? (ArrayNode) node.get(field) : node.putArray(field);
        }
    }

    private static Request request(String action, String resource) {
        return new Request(action, resource);
    }

    private static Request get(String resource) {
        return request("s3:GetObject", resource);
    }

    /** A 2012-10-17 policy holding the given statements, each a JSON object. */
    private static ObjectNode policy(String... statements) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode list = policy.putArray("Statement");
        for (String statement : statements) {
            list.add(statement(statement));
        }
        return policy;
    }

    private static JsonNode statement(String json) {
        return parse(json);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The oracle's decision for one request; an error line fails the test with the oracle's message. */
    private static String decision(Request request) {
        JsonNode answer = parse(oracle.evaluate(List.of(request.json())).get(0));
        assertThat(answer.path("id").asText()).isEqualTo(request.node.path("id").asText());
        assertThat(answer.has("error"))
                .as(
                        "oracle error for %s: %s",
                        request.json(), answer.path("error").asText())
                .isFalse();
        return answer.path("decision").asText();
    }
}

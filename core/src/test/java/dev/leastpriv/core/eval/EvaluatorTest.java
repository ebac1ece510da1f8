package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/connector";
    private static final String BUCKET = "arn:aws:s3:::athena-results";
    private static final String OBJECT = "arn:aws:s3:::athena-results/connector/a.csv";

    private static Policy policy(String statements) {
        return Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements.replace('\'', '"') + "]}");
    }

    private static Decision decide(Policies policies, Request request) {
        return Evaluator.compile(policies).evaluate(request).decision();
    }

    private static Decision decide(String statements, String action, String resource) {
        return decide(Policies.identity(policy(statements)), Request.of(action, resource));
    }

    @Test
    void evaluate_noStatementMatches_isImplicitDenyWithReason() {
        Evaluation result = Evaluator.compile(Policies.identity(
                        policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'" + OBJECT + "'}")))
                .evaluate(Request.of("s3:PutObject", OBJECT));

        assertThat(result.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(result.reason()).isEqualTo("no identity-based policy allows the action");
        assertThat(result.matched()).isEmpty();
    }

    @Test
    void evaluate_denyAndAllowBothApply_isExplicitDenyNamingTheStatement() {
        Evaluation result = Evaluator.compile(
                        Policies.identity(policy("{'Effect':'Allow','Action':'s3:*','Resource':'*'},"
                                + "{'Sid':'NoDelete','Effect':'Deny','Action':'s3:DeleteObject','Resource':'*'}")))
                .evaluate(Request.of("s3:DeleteObject", OBJECT));

        assertThat(result.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(result.reason())
                .isEqualTo(
                        "explicit deny in an identity-based policy (Deny in identity policy 0, statement 1 (Sid NoDelete))");
        assertThat(result.matched()).hasSize(2);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "s3:GetObject, s3:GetObject, ALLOWED",
        "s3:GetObject, S3:getobject, ALLOWED", // actions compare case-insensitively
        "s3:Get*, s3:GetObjectVersion, ALLOWED",
        "s3:Get*, s3:PutObject, IMPLICIT_DENY",
        "s3:?etObject, s3:GetObject, ALLOWED",
        "s3:?etObject, s3:GGetObject, IMPLICIT_DENY",
        "*, kms:Decrypt, ALLOWED",
        "s3:*, s3x:GetObject, IMPLICIT_DENY"
    })
    void evaluate_actionPatterns_matchAsIamDoes(String pattern, String action, Decision expected) {
        assertThat(decide("{'Effect':'Allow','Action':'" + pattern + "','Resource':'*'}", action, OBJECT))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "arn:aws:s3:::athena-results/connector/*, arn:aws:s3:::athena-results/connector/a.csv, ALLOWED",
        "arn:aws:s3:::athena-results/*, arn:aws:s3:::athena-results/connector/deep/a.csv, ALLOWED", // * crosses /
        "arn:aws:s3:::athena-results/connector/*, arn:aws:s3:::athena-results/Connector/a.csv, IMPLICIT_DENY",
        "arn:aws:s3:::athena-results, arn:aws:s3:::athena-results/x, IMPLICIT_DENY",
        "arn:aws:s3:::athena-result?, arn:aws:s3:::athena-results, ALLOWED",
        "arn:AWS:S3:::athena-results, arn:aws:s3:::athena-results, ALLOWED", // head segments ignore case
        "arn:aws:glue:*:123456789012:catalog, arn:aws:glue:eu-west-1:123456789012:catalog, ALLOWED",
        "arn:aws:glue:*:123456789012:catalog, arn:aws:glue:eu-west-1:210987654321:catalog, IMPLICIT_DENY",
        "arn:aws:lambda:eu-west-1:123456789012:function:f, arn:aws:lambda:eu-west-1:123456789012:function:f:1, IMPLICIT_DENY",
        "arn:aws:lambda:eu-west-1:123456789012:function:f:*, arn:aws:lambda:eu-west-1:123456789012:function:f:1, ALLOWED",
        "*, arn:aws:s3:::anything, ALLOWED"
    })
    void evaluate_resourcePatterns_matchSegmentBySegment(String pattern, String resource, Decision expected) {
        assertThat(decide("{'Effect':'Allow','Action':'*','Resource':'" + pattern + "'}", "s3:GetObject", resource))
                .isEqualTo(expected);
    }

    @Test
    void evaluate_wildcardOnlyActionOnStarRequest_onlyStarResourceGrants() {
        assertThat(decide(
                        "{'Effect':'Allow','Action':'athena:ListWorkGroups','Resource':'arn:aws:athena:*:*:workgroup/*'}",
                        "athena:ListWorkGroups",
                        "*"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(
                        "{'Effect':'Allow','Action':'athena:ListWorkGroups','Resource':'*'}",
                        "athena:ListWorkGroups",
                        "*"))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_notActionWithAllow_grantsEverythingElse() {
        String statement = "{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}";

        assertThat(decide(statement, "s3:GetObject", OBJECT)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(statement, "iam:CreateUser", "arn:aws:iam::123456789012:user/x"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_notResourceWithDeny_deniesEverythingButTheListed() {
        String statements = "{'Effect':'Allow','Action':'s3:*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:*','NotResource':'arn:aws:s3:::athena-results/*'}";

        assertThat(decide(statements, "s3:GetObject", OBJECT)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(statements, "s3:GetObject", "arn:aws:s3:::other/x")).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0} {1}={2} vs context {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "StringEquals|aws:PrincipalTag/team|data|data|ALLOWED",
                "StringEquals|aws:PrincipalTag/team|data|Data|IMPLICIT_DENY",
                "StringEqualsIgnoreCase|aws:PrincipalTag/team|data|DATA|ALLOWED",
                "StringNotEquals|aws:PrincipalTag/team|data|ops|ALLOWED",
                "StringNotEquals|aws:PrincipalTag/team|data|data|IMPLICIT_DENY",
                "StringLike|s3:prefix|home/*|home/alice/|ALLOWED",
                "StringLike|s3:prefix|home/*|other/|IMPLICIT_DENY",
                "StringNotLike|s3:prefix|home/*|other/|ALLOWED",
                "NumericLessThan|s3:max-keys|10|9|ALLOWED",
                "NumericLessThan|s3:max-keys|10|10|IMPLICIT_DENY",
                "NumericLessThanEquals|s3:max-keys|10|10|ALLOWED",
                "NumericGreaterThan|s3:max-keys|10|10.5|ALLOWED",
                "NumericEquals|s3:max-keys|10|10.0|ALLOWED",
                "NumericEquals|s3:max-keys|10|ten|IMPLICIT_DENY",
                "DateGreaterThan|aws:CurrentTime|2026-01-01T00:00:00Z|2026-06-01T12:00:00Z|ALLOWED",
                "DateLessThan|aws:CurrentTime|2026-01-01T00:00:00Z|2026-06-01T12:00:00Z|IMPLICIT_DENY",
                "DateEquals|aws:EpochTime|1767225600|2026-01-01T00:00:00Z|ALLOWED",
                "Bool|aws:SecureTransport|true|true|ALLOWED",
                "Bool|aws:SecureTransport|true|false|IMPLICIT_DENY",
                "BinaryEquals|aws:Binary|QmluYXJ5|QmluYXJ5|ALLOWED",
                "IpAddress|aws:SourceIp|203.0.113.0/24|203.0.113.7|ALLOWED",
                "IpAddress|aws:SourceIp|203.0.113.0/24|203.0.114.7|IMPLICIT_DENY",
                "IpAddress|aws:SourceIp|203.0.113.7|203.0.113.7|ALLOWED",
                "IpAddress|aws:SourceIp|2001:db8::/32|2001:db8:1::1|ALLOWED",
                "NotIpAddress|aws:SourceIp|203.0.113.0/24|198.51.100.1|ALLOWED",
                "ArnLike|aws:SourceArn|arn:aws:athena:*:123456789012:workgroup/*|arn:aws:athena:eu-west-1:123456789012:workgroup/wg|ALLOWED",
                "ArnEquals|aws:SourceArn|arn:aws:athena:*:123456789012:workgroup/*|arn:aws:athena:eu-west-1:123456789012:workgroup/wg|ALLOWED",
                "ArnNotLike|aws:SourceArn|arn:aws:athena:*:123456789012:workgroup/*|arn:aws:athena:eu-west-1:210987654321:workgroup/wg|ALLOWED",
                "StringEqualsIfExists|aws:PrincipalTag/team|data|data|ALLOWED",
                "StringEqualsIfExists|aws:PrincipalTag/team|data|ops|IMPLICIT_DENY"
            })
    void evaluate_conditionOperators_decideAsAws(
            String operator, String key, String value, String contextValue, Decision expected) {
        Policies policies = Policies.identity(policy("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'"
                + operator + "':{'" + key + "':'" + value + "'}}}"));

        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:ListBucket")
                                .resource(BUCKET)
                                .context(key, contextValue)
                                .build()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with the key absent -> {1}")
    @CsvSource({
        "StringEquals, IMPLICIT_DENY",
        "StringNotEquals, ALLOWED", // negated operators hold when the key is absent
        "StringEqualsIfExists, ALLOWED",
        "ForAllValues:StringEquals, ALLOWED", // true on a missing key (AWS warns about it with Allow)
        "ForAnyValue:StringEquals, IMPLICIT_DENY",
        "NumericLessThan, IMPLICIT_DENY",
        "ArnNotLike, ALLOWED"
    })
    void evaluate_keyAbsent_followsOperatorRule(String operator, Decision expected) {
        Evaluation result = Evaluator.compile(
                        Policies.identity(policy("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'"
                                + operator + "':{'aws:PrincipalTag/team':'data'}}}")))
                .evaluate(Request.of("s3:ListBucket", BUCKET));

        assertThat(result.decision()).isEqualTo(expected);
    }

    @Test
    void evaluate_keyAbsent_isReportedAsMissingContextKey() {
        Evaluation result = Evaluator.compile(
                        Policies.identity(
                                policy(
                                        "{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'aws:SourceVpce':'vpce-1'}}}")))
                .evaluate(Request.of("s3:ListBucket", BUCKET));

        assertThat(result.missingContextKeys()).containsExactly("aws:SourceVpce");
    }

    @Test
    void evaluate_nullOperator_testsPresence() {
        Policies policies = Policies.identity(policy(
                "{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'Null':{'aws:TokenIssueTime':'true'}}}"));

        assertThat(decide(policies, Request.of("s3:ListBucket", BUCKET))).isEqualTo(Decision.ALLOWED);
        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:ListBucket")
                                .resource(BUCKET)
                                .context("aws:TokenIssueTime", "2026-01-01T00:00:00Z")
                                .build()))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_setOperators_onMultivaluedKeys() {
        Policies any = Policies.identity(policy("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{"
                + "'ForAnyValue:StringEquals':{'aws:TagKeys':['team','owner']}}}"));
        Policies all = Policies.identity(policy("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{"
                + "'ForAllValues:StringEquals':{'aws:TagKeys':['team','owner']}}}"));
        Request someKnown = Request.builder()
                .action("s3:ListBucket")
                .resource(BUCKET)
                .context("aws:TagKeys", "team", "cost")
                .build();
        Request allKnown = Request.builder()
                .action("s3:ListBucket")
                .resource(BUCKET)
                .context("aws:TagKeys", "team", "owner")
                .build();

        assertThat(decide(any, someKnown)).isEqualTo(Decision.ALLOWED);
        assertThat(decide(all, someKnown)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(all, allKnown)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_multipleKeysAndOperators_areAndedValuesOred() {
        Policies policies = Policies.identity(policy("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{"
                + "'StringEquals':{'aws:PrincipalTag/team':['data','analytics'],'aws:RequestedRegion':'eu-west-1'},"
                + "'Bool':{'aws:SecureTransport':'true'}}}"));
        Request.Builder base = Request.builder()
                .action("s3:ListBucket")
                .resource(BUCKET)
                .context("aws:PrincipalTag/team", "analytics")
                .context("aws:RequestedRegion", "eu-west-1");

        assertThat(decide(policies, base.context("aws:SecureTransport", "true").build()))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(policies, base.context("aws:SecureTransport", "false").build()))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_contextKeyNames_compareCaseInsensitively() {
        Policies policies = Policies.identity(
                policy(
                        "{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIP':'10.0.0.0/8'}}}"));

        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:ListBucket")
                                .resource(BUCKET)
                                .context("AWS:sourceip", "10.1.2.3")
                                .build()))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_policyVariableInResource_isSubstitutedLiterally() {
        Policies policies = Policies.identity(
                policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::home/${aws:username}/*'}"));

        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:GetObject")
                                .resource("arn:aws:s3:::home/alice/x")
                                .context("aws:username", "alice")
                                .build()))
                .isEqualTo(Decision.ALLOWED);
        // A * in the variable's value is literal text, not a wildcard.
        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:GetObject")
                                .resource("arn:aws:s3:::home/bob/x")
                                .context("aws:username", "*")
                                .build()))
                .isEqualTo(Decision.IMPLICIT_DENY);
        // An unresolved variable matches nothing.
        assertThat(decide(policies, Request.of("s3:GetObject", "arn:aws:s3:::home/alice/x")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_policyVariableDefaultAndEscapes_areApplied() {
        Policies withDefault = Policies.identity(policy("{'Effect':'Allow','Action':'s3:GetObject',"
                + "'Resource':'arn:aws:s3:::data/${aws:PrincipalTag/team, \\u0027shared\\u0027}/*'}"));
        Policies escaped = Policies.identity(
                policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::data/${*}/x'}"));

        assertThat(decide(withDefault, Request.of("s3:GetObject", "arn:aws:s3:::data/shared/a")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(escaped, Request.of("s3:GetObject", "arn:aws:s3:::data/*/x")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(escaped, Request.of("s3:GetObject", "arn:aws:s3:::data/any/x")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_version2008_treatsVariablesAsLiteralText() {
        Policy legacy = Policy.fromJson("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}]}");
        Policies policies = Policies.identity(legacy);

        assertThat(decide(
                        policies,
                        Request.builder()
                                .action("s3:GetObject")
                                .resource("arn:aws:s3:::home/alice/x")
                                .context("aws:username", "alice")
                                .build()))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policies, Request.of("s3:GetObject", "arn:aws:s3:::home/${aws:username}/x")))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_boundaryWithoutAllow_isImplicitDenyNamingTheBoundary() {
        Policies policies = Policies.identity(policy("{'Effect':'Allow','Action':'s3:*','Resource':'*'}"))
                .withBoundary(policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}"));

        Evaluation denied = Evaluator.compile(policies).evaluate(Request.of("s3:PutObject", OBJECT));

        assertThat(denied.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(denied.reason()).isEqualTo("no permissions boundary allows the action");
        assertThat(decide(policies, Request.of("s3:GetObject", OBJECT))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_scpLevelWithoutAllow_isImplicitDeny() {
        Policy allowAll = policy("{'Effect':'Allow','Action':'*','Resource':'*'}");
        Policies policies = Policies.identity(allowAll)
                .withScpLevel(allowAll)
                .withScpLevel(policy("{'Effect':'Allow','Action':'athena:*','Resource':'*'}"));

        Evaluation result = Evaluator.compile(policies).evaluate(Request.of("s3:GetObject", OBJECT));

        assertThat(result.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(result.reason()).isEqualTo("no service control policy at level 1 allows the action");
    }

    @Test
    void evaluate_scpDeny_isExplicitDeny() {
        Policy allowAll = policy("{'Effect':'Allow','Action':'*','Resource':'*'}");
        Policies policies = Policies.identity(allowAll)
                .withScpLevel(allowAll, policy("{'Effect':'Deny','Action':'glue:*','Resource':'*'}"));

        assertThat(decide(policies, Request.of("glue:GetTables", "arn:aws:glue:eu-west-1:123456789012:catalog")))
                .isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void evaluate_sameAccountResourcePolicyAllow_grantsWithoutIdentityAllow() {
        Policies policies = Policies.none()
                .withResourcePolicy(policy("{'Effect':'Allow','Principal':{'AWS':'" + ROLE
                        + "'},'Action':'s3:GetObject','Resource':'" + OBJECT + "'}"));

        Request request = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal(ROLE)
                .resourceAccount("123456789012")
                .build();

        assertThat(decide(policies, request)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_crossAccount_needsIdentityAndResourcePolicy() {
        Policy identity = policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}");
        Policy bucketPolicy = policy("{'Effect':'Allow','Principal':{'AWS':'123456789012'},'Action':'s3:GetObject',"
                + "'Resource':'" + OBJECT + "'}");
        Request request = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal(ROLE)
                .resourceAccount("210987654321")
                .build();

        assertThat(decide(Policies.identity(identity), request)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(Policies.identity(identity).withResourcePolicy(bucketPolicy), request))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_roleArnInResourcePolicy_matchesTheRoleSessions() {
        Policies policies = Policies.none()
                .withResourcePolicy(
                        policy("{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:role/data/connector'},"
                                + "'Action':'s3:GetObject','Resource':'*'}"));
        Request session = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal("arn:aws:sts::123456789012:assumed-role/connector/ingestion")
                .resourceAccount("123456789012")
                .build();

        assertThat(decide(policies, session)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_notPrincipalDeny_exemptsTheListedPrincipal() {
        Policy allow = policy("{'Effect':'Allow','Action':'s3:*','Resource':'*'}");
        Policy bucket =
                policy("{'Effect':'Deny','NotPrincipal':{'AWS':'" + ROLE + "'},'Action':'s3:*','Resource':'*'}");

        assertThat(decide(
                        Policies.identity(allow).withResourcePolicy(bucket),
                        Request.builder()
                                .action("s3:GetObject")
                                .resource(OBJECT)
                                .principal(ROLE)
                                .build()))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(
                        Policies.identity(allow).withResourcePolicy(bucket),
                        Request.builder()
                                .action("s3:GetObject")
                                .resource(OBJECT)
                                .principal("arn:aws:iam::123456789012:role/other")
                                .build()))
                .isEqualTo(Decision.EXPLICIT_DENY);
    }

    // Permissions boundaries for IAM entities, "Important": "The NotPrincipal element with a Deny effect will
    // always deny any IAM principal that has a permissions boundary policy attached, regardless of the values
    // specified in the NotPrincipal element."
    @Test
    void evaluate_notPrincipalDenyAndCallerWithBoundary_deniesEvenTheListedPrincipal() {
        Policy allow = policy("{'Effect':'Allow','Action':'s3:*','Resource':'*'}");
        Policy bucket =
                policy("{'Effect':'Deny','NotPrincipal':{'AWS':'" + ROLE + "'},'Action':'s3:*','Resource':'*'}");
        Request listed = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal(ROLE)
                .build();

        Evaluation bounded = Evaluator.compile(
                        Policies.identity(allow).withBoundary(allow).withResourcePolicy(bucket))
                .evaluate(listed);

        assertThat(bounded.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(Policies.identity(allow).withResourcePolicy(bucket), listed))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_notPrincipalAllowInResourcePolicy_isUnaffectedByTheBoundary() {
        Policy allow = policy("{'Effect':'Allow','Action':'s3:*','Resource':'*'}");
        Policy bucket = policy("{'Effect':'Deny','Principal':{'AWS':'arn:aws:iam::123456789012:role/other'},"
                + "'Action':'s3:*','Resource':'*'}");
        Request request = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal(ROLE)
                .build();

        assertThat(decide(Policies.identity(allow).withBoundary(allow).withResourcePolicy(bucket), request))
                .isEqualTo(Decision.ALLOWED);
    }

    // IAM User Guide, Resource element, "Using wildcards in resource ARNs": "If the * wildcard is the last character
    // of a resource ARN segment, it can expand to match beyond the colon boundaries."
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "arn:aws:glue:us-east-1:1234*, arn:aws:glue:us-east-1:123456789012:table/sales/orders, ALLOWED",
        "arn:aws:glue:us-east-1:1234*, arn:aws:glue:us-east-1:210987654321:catalog, IMPLICIT_DENY",
        "arn:aws:glue:us-east-1:1234*, arn:aws:glue:eu-west-1:123456789012:catalog, IMPLICIT_DENY",
        "arn:aws:glue:*, arn:aws:glue:eu-west-1:123456789012:database/sales, ALLOWED",
        "arn:aws:glue:*, arn:aws:athena:eu-west-1:123456789012:workgroup/primary, IMPLICIT_DENY",
        "arn:aws:s3:*, arn:aws:s3:::athena-results/connector/a.csv, ALLOWED",
        "arn:aws:GLUE:EU-*, arn:aws:glue:eu-west-1:123456789012:catalog, ALLOWED", // head segments ignore case
        "arn:aws:glue:eu-west-1:*, arn:aws:glue:eu-west-1:123456789012:catalog, ALLOWED",
        "arn:aws-cn:glue:*, arn:aws:glue:eu-west-1:123456789012:catalog, IMPLICIT_DENY"
    })
    void evaluate_shortPatternEndingWithStar_matchesAsIfPadded(String pattern, String resource, Decision expected) {
        assertThat(decide("{'Effect':'Allow','Action':'*','Resource':'" + pattern + "'}", "glue:GetTable", resource))
                .isEqualTo(expected);
        assertThat(decide(
                        Policies.none()
                                .withResourcePolicy(policy("{'Effect':'Allow','Principal':{'AWS':'" + ROLE
                                        + "'},'Action':'*','Resource':'" + pattern + "'}")),
                        Request.builder()
                                .action("glue:GetTable")
                                .resource(resource)
                                .principal(ROLE)
                                .resourceAccount("123456789012")
                                .build()))
                .as("in a resource policy too: the wildcard rule is the same for every Resource element"
                        + " (the oracle never matches short ARNs there; the documentation wins)")
                .isEqualTo(expected);
    }

    @Test
    void evaluate_shortPatternInNotResource_excludesWhatItMatches() {
        String table = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

        assertThat(decide(
                        "{'Effect':'Allow','Action':'*','NotResource':'arn:aws:glue:us-east-1:9999*'}",
                        "glue:GetTable",
                        table))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(
                        "{'Effect':'Allow','Action':'*','NotResource':'arn:aws:glue:us-east-1:1234*'}",
                        "glue:GetTable",
                        table))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(
                        "{'Effect':'Allow','Action':'*','Resource':'arn:aws:iam::1234*'}",
                        "iam:GetRole",
                        "arn:aws:iam::123456789012:role/r"))
                .isEqualTo(Decision.ALLOWED);
    }

    // AWS KMS Developer Guide, "Controlling access to aliases": kms:CreateAlias needs the alias in an IAM policy;
    // only the key has a key policy, so a request on the alias is not gated by one.
    @Test
    void evaluate_kmsAliasResource_needsNoKeyPolicy() {
        Evaluation result = Evaluator.compile(
                        Policies.identity(
                                policy(
                                        "{'Effect':'Allow','Action':'kms:CreateAlias','Resource':'arn:aws:kms:us-east-1:123456789012:alias/x'}")))
                .evaluate(Request.of("kms:CreateAlias", "arn:aws:kms:us-east-1:123456789012:alias/x"));

        assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(result.assumption()).isNull();
    }

    @Test
    void request_wildcardActionOrBadArn_isRejected() {
        assertThatThrownBy(() -> Request.of("s3:Get*", OBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be one action");
        assertThatThrownBy(() -> Request.of("s3:GetObject", "bucket/key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ARN \"bucket/key\"");
    }

    @Test
    void evaluate_sameAccountResourcePolicyNamingTheAccount_delegatesToIdentityPolicies() {
        Policy bucket = policy("{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:root'},"
                + "'Action':'s3:GetObject','Resource':'*'}");
        Request request = Request.builder()
                .action("s3:GetObject")
                .resource(OBJECT)
                .principal(ROLE)
                .resourceAccount("123456789012")
                .build();
        Policies withoutIdentity = Policies.none().withResourcePolicy(bucket);

        assertThat(decide(withoutIdentity, request)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(
                        Policies.identity(policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}"))
                                .withResourcePolicy(bucket),
                        request))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void evaluate_kmsKeyPolicy_mustAllowWhenGiven() {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Policy identity = policy("{'Effect':'Allow','Action':'kms:Decrypt','Resource':'" + key + "'}");
        Policy delegating = policy("{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:root'},"
                + "'Action':'kms:*','Resource':'*'}");
        Request request = Request.builder()
                .action("kms:Decrypt")
                .resource(key)
                .principal(ROLE)
                .build();

        Policy otherPrincipal = policy("{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:role/admin'},"
                + "'Action':'kms:*','Resource':'*'}");

        Evaluation refused = Evaluator.compile(Policies.identity(identity).withResourcePolicy(otherPrincipal))
                .evaluate(request);

        assertThat(refused.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(refused.reason()).isEqualTo("no key policy allows the action");
        // No key policy given: decided on the identity policies, as IAM's simulator does, and the decision says so.
        Evaluation assumed = Evaluator.compile(Policies.identity(identity)).evaluate(request);
        assertThat(assumed.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(assumed.assumption()).startsWith("decided without the key policy: it assumes the key policy");
        assertThat(refused.assumption()).isNull();
        assertThat(decide(Policies.identity(identity).withResourcePolicy(delegating), request))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(Policies.none().withResourcePolicy(delegating), request))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_tagSession_needsTheTrustPolicyLikeAssumeRole() {
        // IAM User Guide, "Passing session tags in AWS STS": the role's trust policy must allow sts:TagSession.
        String role = "arn:aws:iam::123456789012:role/saas";
        Policy identity =
                policy("{'Effect':'Allow','Action':['sts:AssumeRole','sts:TagSession'],'Resource':'" + role + "'}");
        Policy trustWithoutTags =
                policy("{'Effect':'Allow','Principal':{'AWS':'" + ROLE + "'}," + "'Action':'sts:AssumeRole'}");
        Policy trustWithTags = policy("{'Effect':'Allow','Principal':{'AWS':'" + ROLE + "'},"
                + "'Action':['sts:AssumeRole','sts:TagSession']}");
        Request tagSession = Request.builder()
                .action("sts:TagSession")
                .resource(role)
                .principal(ROLE)
                .build();

        Evaluation refused = Evaluator.compile(Policies.identity(identity).withResourcePolicy(trustWithoutTags))
                .evaluate(tagSession);

        assertThat(refused.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(refused.reason()).isEqualTo("no trust policy allows the action");
        assertThat(decide(Policies.identity(identity).withResourcePolicy(trustWithTags), tagSession))
                .isEqualTo(Decision.ALLOWED);
    }
}

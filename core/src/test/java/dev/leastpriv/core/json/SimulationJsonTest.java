package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationJsonTest {

    private static final String ALLOW_ALL =
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}";

    private static String json(String text) {
        return text.replace('\'', '"');
    }

    @Test
    void parse_fullLine_readsEveryField() {
        SimulationJson.Case parsed = SimulationJson.parse(json("{'id':7,'principal':'arn:aws:iam::123456789012:role/r',"
                + "'action':'s3:GetObject','resource':'arn:aws:s3:::b/k','resourceAccount':'123456789012',"
                + "'context':{'aws:SourceIp':'10.0.0.1','aws:TagKeys':['a','b'],'s3:max-keys':5,'aws:SecureTransport':true},"
                + "'identityPolicies':[" + ALLOW_ALL + "],'permissionsBoundary':" + ALLOW_ALL + ","
                + "'serviceControlPolicies':[" + ALLOW_ALL + "," + ALLOW_ALL + "],'resourcePolicy':" + ALLOW_ALL
                + "}"));

        assertThat(parsed.id()).isEqualTo("7");
        assertThat(parsed.request().principal()).isEqualTo("arn:aws:iam::123456789012:role/r");
        assertThat(parsed.request().context().get("aws:TagKeys")).containsExactly("a", "b");
        assertThat(parsed.request().context().get("s3:max-keys")).containsExactly("5");
        assertThat(parsed.request().context().get("aws:SecureTransport")).containsExactly("true");
        assertThat(parsed.policies().identity()).hasSize(1);
        assertThat(parsed.policies().boundary()).isNotNull();
        assertThat(parsed.policies().scpLevels()).hasSize(2);
        assertThat(parsed.policies().resourcePolicy()).isNotNull();
    }

    @Test
    void parse_minimalLine_hasNoPoliciesAndIsImplicitlyDenied() {
        SimulationJson.Case parsed = SimulationJson.parse(json("{'action':'athena:ListWorkGroups','resource':'*'}"));

        assertThat(parsed.id()).isNull();
        assertThat(Evaluator.compile(parsed.policies())
                        .evaluate(parsed.request())
                        .decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|",
                "''|",
                "{'action':'s3:GetObject','resource':'*'} {'action':'s3:PutObject','resource':'*'}|",
                "{'action':'s3:GetObject','resource':'*'}]|",
                "[1]|",
                "{'action':'s3:GetObject'}|/resource",
                "{'action':5,'resource':'*'}|/action",
                "{'action':'s3-Get','resource':'*'}|/action",
                "{'action':'s3:GetObject','resource':'bucket'}|/resource",
                "{'action':'s3:GetObject','resource':'*','extra':1}|/extra",
                "{'action':'s3:GetObject','resource':'*','context':[]}|/context",
                "{'action':'s3:GetObject','resource':'*','context':{'a/b':{}}}|/context/a~1b",
                "{'action':'s3:GetObject','resource':'*','identityPolicies':{}}|/identityPolicies",
                "{'action':'s3:GetObject','resource':'*','identityPolicies':[{'Statement':{'Effect':'Maybe','Action':'*'}}]}|/identityPolicies/0/Statement/Effect",
                "{'action':'s3:GetObject','resource':'*','permissionsBoundary':{'Statement':[]}}|/permissionsBoundary/Statement",
                "{'action':'s3:GetObject','resource':'*','serviceControlPolicies':[{'Statement':{'Effect':'Allow','Action':'*','Condition':{'Foo':{'k':'v'}}}}]}|/serviceControlPolicies/0/Statement/Condition/Foo/k",
                "{'action':'s3:GetObject','resource':'*','principal':3}|/principal"
            })
    void parse_badLine_pointsAtTheElement(String line, String pointer) {
        assertThatThrownBy(() -> SimulationJson.parse(json(line)))
                .isInstanceOf(PolicyFormatException.class)
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo(pointer == null ? "" : pointer);
    }

    @Test
    void parse_lineStartingWithByteOrderMark_readsTheRequest() {
        String line = "\uFEFF" + json("{'id':1,'action':'s3:GetObject','resource':'*'}");

        assertThat(SimulationJson.parse(line).request().action()).hasToString("s3:GetObject");
        assertThat(SimulationJson.idOf(line)).isEqualTo("1");
    }

    @Test
    void parse_twoObjectsOnOneLine_throwsInsteadOfDroppingTheSecond() {
        assertThatThrownBy(() -> SimulationJson.parse(json("{'id':1,'action':'s3:GetObject','resource':'*'}"
                        + "{'id':2,'action':'s3:PutObject','resource':'*'}")))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessage("Unexpected content after the request object; one request a line at /");
    }

    @Test
    void parse_identityPolicyIamRefuses_throwsAtTheStatement() {
        // IAM refuses an identity policy statement without Resource: it is an error line, not "Resource": "*".
        assertThatThrownBy(() -> SimulationJson.parse(json("{'id':1,'action':'s3:GetObject','resource':'*',"
                        + "'identityPolicies':[{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                        + "'Action':'s3:GetObject'}]}]}")))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("must have Resource or NotResource")
                .hasMessageEndingWith("at /identityPolicies/0/Statement/0");
    }

    @Test
    void decision_kmsKeyWithoutKeyPolicy_carriesTheAssumption() {
        SimulationJson.Case parsed = SimulationJson.parse(json("{'id':3,'action':'kms:Decrypt',"
                + "'resource':'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',"
                + "'principal':'arn:aws:iam::123456789012:role/r','identityPolicies':[{'Version':'2012-10-17',"
                + "'Statement':[{'Effect':'Allow','Action':'kms:Decrypt','Resource':'*'}]}]}"));

        String line = SimulationJson.decision(
                parsed.id(), Evaluator.compile(parsed.policies()).evaluate(parsed.request()));

        assertThat(line)
                .startsWith("{\"id\":3,\"decision\":\"allowed\",\"assumption\":\"decided without the key policy");
    }

    @Test
    void decisionAndError_echoTheIdAsWritten() {
        SimulationJson.Case parsed = SimulationJson.parse(json(
                "{'id':'a\\\"b','action':'s3:GetObject','resource':'*'," + "'identityPolicies':[" + ALLOW_ALL + "]}"));

        assertThat(SimulationJson.decision(
                        parsed.id(), Evaluator.compile(parsed.policies()).evaluate(parsed.request())))
                .isEqualTo("{\"id\":\"a\\\"b\",\"decision\":\"allowed\"}");
        assertThat(SimulationJson.error("12", 3, "bad \"line\""))
                .isEqualTo("{\"id\":12,\"line\":3,\"error\":\"bad \\\"line\\\"\"}");
        assertThat(SimulationJson.error(null, 1, "x")).isEqualTo("{\"line\":1,\"error\":\"x\"}");
        assertThat(SimulationJson.idOf("{\"id\":[1,2],\"action\":3}")).isEqualTo("[1,2]");
        assertThat(SimulationJson.idOf("garbage")).isNull();
    }

    @Test
    void decision_numericIdsAndContext_keepTheirDigits() {
        SimulationJson.Case parsed = SimulationJson.parse(json("{'id':1e999999,'action':'s3:GetObject','resource':'*',"
                + "'context':{'s3:max-keys':1.10},'identityPolicies':[" + ALLOW_ALL + "]}"));

        // Read as a double the id came back as "Infinity", which is not even JSON.
        assertThat(parsed.id()).isEqualTo("1E+999999");
        assertThat(parsed.request().context().get("s3:max-keys")).containsExactly("1.10");
    }

    @Test
    void read_documentOverIamLimit_isRejectedWithSize() {
        String big =
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Sid\":\"" + "A".repeat(131_072) + "\"}}";

        assertThatThrownBy(() -> PolicyJson.read(big))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith("Policy document has 131,1")
                .hasMessageContaining("IAM accepts at most 131,072");
    }

    @Test
    void parse_embeddedPolicyOverIamLimit_pointsAtThePolicy() {
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"" + "A".repeat(131_072)
                + "\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";

        assertThatThrownBy(() -> SimulationJson.parse(
                        "{\"action\":\"s3:GetObject\",\"resource\":\"*\",\"identityPolicies\":[" + big + "]}"))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("IAM accepts at most 131,072")
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo("/identityPolicies/0");
    }
}

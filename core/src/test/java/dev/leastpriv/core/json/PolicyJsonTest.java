package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Condition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyFormatException;
import dev.leastpriv.core.Principal;
import dev.leastpriv.core.Statement;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    private static final Policy TRUST = Policy.of(Statement.allow()
            .sid("AssumeRole")
            .addPrincipal(Principal.aws("arn:aws:iam::123456789012:root"))
            .addAction("sts:AssumeRole")
            .addCondition(Condition.of("StringEquals", "sts:ExternalId", "abc"))
            .build());

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
}

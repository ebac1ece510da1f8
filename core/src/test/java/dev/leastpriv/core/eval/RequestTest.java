package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:role/connector",
                "arn:aws:sts::123456789012:assumed-role/connector/session",
                "athena.amazonaws.com",
                "accounts.google.com",
                "elasticmapreduce.amazonaws.com.cn"
            })
    void principal_arnServiceOrProvider_isAccepted(String principal) {
        Request request = Request.builder()
                .action("s3:GetObject")
                .resource("*")
                .principal(principal)
                .build();

        assertThat(request.principal()).isEqualTo(principal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"notarn", "123456789012", "*", "Athena.amazonaws.com", "a..b", "role/connector", ""})
    void principal_neitherArnNorDnsName_isRefusedNamingIt(String principal) {
        assertThatThrownBy(() -> Request.builder()
                        .action("s3:GetObject")
                        .resource("*")
                        .principal(principal)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid principal \"" + principal + "\": expected an ARN");
    }
}

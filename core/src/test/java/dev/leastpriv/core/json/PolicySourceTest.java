package dev.leastpriv.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.PolicyFormatException;
import org.junit.jupiter.api.Test;

class PolicySourceTest {

    private static final String ARRAYS = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "One",
                  "Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:PutObject"],
                  "Resource": ["arn:aws:s3:::b/*"]
                }
              ]
            }
            """;

    private static final String SCALARS = """
            {"Version": "2012-10-17",
             "Statement": {"Effect": "Allow",
                           "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::b/*"}}
            """;

    @Test
    void locate_arrayForm_givesElementPointerLineAndColumn() {
        PolicySource source = PolicySource.parse(ARRAYS);

        assertThat(source.locate("/Statement/0/Action/1"))
                .isEqualTo(new PolicySource.Location("/Statement/0/Action/1", 7, 34));
        assertThat(source.locate("/Statement/0/Sid")).isEqualTo(new PolicySource.Location("/Statement/0/Sid", 5, 7));
    }

    @Test
    void locate_scalarForms_followTheFileShape() {
        PolicySource source = PolicySource.parse(SCALARS);

        assertThat(source.locate("/Statement/0/Action/0"))
                .isEqualTo(new PolicySource.Location("/Statement/Action", 3, 16));
        assertThat(source.locate("/Statement/0/Resource/0").pointer()).isEqualTo("/Statement/Resource");
        assertThat(source.policy().statements()).hasSize(1);
    }

    @Test
    void locate_missingElement_fallsBackToNearestAncestor() {
        PolicySource source = PolicySource.parse(ARRAYS);

        assertThat(source.locate("/Statement/0/Condition").pointer()).isEqualTo("/Statement/0");
        assertThat(source.locate("").pointer()).isEmpty();
    }

    @Test
    void parse_invalidPolicy_throwsWithPointer() {
        assertThatThrownBy(() -> PolicySource.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":5}}"))
                .isInstanceOf(PolicyFormatException.class)
                .extracting(e -> ((PolicyFormatException) e).pointer())
                .isEqualTo("/Statement/Action");
    }
}

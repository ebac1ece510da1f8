package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

    static Stream<String> validResources() {
        return Stream.concat(
                ArnTest.realArns(),
                Stream.of(
                        "*",
                        "arn:aws:s3:::athena-results/connector/*",
                        "arn:aws:glue:eu-west-1:123456789012:table/sales/*",
                        "arn:aws:glue:eu-west-1:123456789012:database/s3tablescatalog/*/*",
                        "arn:aws:s3:::bucket-?",
                        "arn:aws:s3:::home/${aws:username}/*",
                        "arn:aws:lambda:*:123456789012:function:athena-*:*",
                        "arn:*:s3:::b",
                        "arn:aws:s3:::b/with \"quote\" and \\backslash"));
    }

    @ParameterizedTest
    @MethodSource("validResources")
    void parse_validResource_roundTripsThroughToString(String text) {
        Resource resource = Resource.parse(text);

        assertThat(resource.toString()).isEqualTo(text);
        assertThat(resource.pattern()).isEqualTo(text);
        assertThat(Resource.parse(resource.toString())).isEqualTo(resource);
    }

    @Test
    void parse_star_equalsAll() {
        Resource resource = Resource.parse("*");

        assertThat(resource).isEqualTo(Resource.ALL).hasToString("*");
    }

    @ParameterizedTest
    @MethodSource("dev.leastpriv.core.ArnTest#realArns")
    void of_arn_equalsParsedTextAndIsNoWildcard(String text) {
        Resource resource = Resource.of(Arn.parse(text));

        assertThat(resource).isEqualTo(Resource.parse(text));
        assertThat(resource.isWildcard()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "*,                                                  true",
        "arn:aws:s3:::b/*,                                   true",
        "arn:aws:s3:::bucket-?,                              true",
        "arn:aws:glue:eu-west-1:123456789012:table/sales/*,  true",
        "arn:aws:s3:::b,                                     false",
        "arn:aws:glue:eu-west-1:123456789012:table/sales/x,  false"
    })
    void isWildcard_pattern_reportsWildcards(String text, boolean wildcard) {
        Resource resource = Resource.parse(text);

        assertThat(resource.isWildcard()).isEqualTo(wildcard);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket", "arn:aws:s3", "arn:aws:s3::", "", "**", "ARN:aws:s3:::b", "s3:::b/key"})
    void parse_neitherStarNorArn_throwsWithExpectedForm(String text) {
        assertThatThrownBy(() -> Resource.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid resource \"" + text + "\"")
                .hasMessageContaining("expected \"*\" or an ARN");
    }

    // IAM User Guide, Resource element, "Using wildcards in resource ARNs": a "*" that ends a segment can expand
    // beyond the colon boundaries, so these short patterns are valid; the service segment takes no wildcard.
    @ParameterizedTest
    @ValueSource(
            strings = {"arn:aws:cloudfront:*", "arn:aws:glue:us-east-1:1234*", "arn:aws:s3:*", "arn:aws-cn:glue:*"})
    void parse_shortPatternEndingWithStar_isAccepted(String text) {
        Resource resource = Resource.parse(text);

        assertThat(resource.isShortPattern()).isTrue();
        assertThat(resource.isWildcard()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:*", "arn:aws*", "arn:aws:*", "arn:aws:s3*", "arn:aws::*", "arn:aws:gl?e:*:*:*"})
    void parse_wildcardOrNothingInServiceSegment_throws(String text) {
        assertThatThrownBy(() -> Resource.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid resource \"" + text + "\"");
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "*, arn:aws:glue:*:*:catalog, true",
        "arn:aws:glue:*:*:*, *, false",
        "arn:aws:glue:*:*:*, arn:aws:glue:*:*:catalog, true",
        "arn:aws:glue:eu-west-1:*:catalog, arn:aws:glue:*:*:catalog, false",
        "arn:aws:glue:*:123456789012:table/sales/*, arn:aws:glue:eu-west-1:123456789012:table/sales/orders, true",
        "arn:aws:glue:eu-west-1:123456789012:table/sales/*, arn:aws:glue:eu-west-1:123456789012:table/*/*, false",
        "arn:aws:s3:::b/*, arn:aws:s3:::b/home/${aws:username}/*, true",
        "arn:aws:s3:::b/home/*, arn:aws:s3:::b/${aws:username}/x, false",
        "arn:aws:s3:::b/x?, arn:aws:s3:::b/x*, false",
        "arn:aws:s3:::b/x*, arn:aws:s3:::b/x?, true",
        "arn:aws:glue:*, arn:aws:glue:eu-west-1:123456789012:database/sales, true",
        "arn:aws:glue:eu-west-1:123456789012:database/sales, arn:aws:glue:eu-*, false",
        "arn:AWS:GLUE:EU-WEST-1:123456789012:catalog, arn:aws:glue:eu-west-1:123456789012:catalog, true",
        "arn:aws:glue:eu-west-1:123456789012:Catalog, arn:aws:glue:eu-west-1:123456789012:catalog, false"
    })
    void covers_patterns_segmentBySegment(String outer, String inner, boolean covers) {
        assertThat(Resource.parse(outer).covers(Resource.parse(inner))).isEqualTo(covers);
    }

    /** Fixed seed: whenever {@code covers} says yes, every sampled expansion of the inner pattern is matched. */
    @Test
    void covers_randomPatterns_neverClaimsACoverThatAnExpansionBreaks() {
        Random random = new Random(20261201L);
        String[] pieces = {"a", "b", "*", "?", "/"};
        int claimed = 0;
        for (int n = 0; n < 20_000; n++) {
            String outer = "arn:aws:s3:::" + word(random, pieces);
            String inner = "arn:aws:s3:::" + word(random, pieces);
            if (!Resource.parse(outer).covers(Resource.parse(inner))) {
                continue;
            }
            claimed++;
            Pattern matcher = Pattern.compile(
                    Pattern.quote(outer).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            for (int k = 0; k < 20; k++) {
                StringBuilder expansion = new StringBuilder();
                for (char c : inner.toCharArray()) {
                    if (c == '*') {
                        for (int r = random.nextInt(4); r > 0; r--) {
                            expansion.append("ab/".charAt(random.nextInt(3)));
                        }
                    } else if (c == '?') {
                        expansion.append("ab/".charAt(random.nextInt(3)));
                    } else {
                        expansion.append(c);
                    }
                }
                assertThat(matcher.matcher(expansion).matches())
                        .as("%s covers %s, but not its expansion %s", outer, inner, expansion)
                        .isTrue();
            }
        }
        assertThat(claimed).as("covers claimed").isGreaterThan(500);
    }

    private static String word(Random random, String[] pieces) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(5);
        for (int i = 0; i < length; i++) {
            word.append(pieces[random.nextInt(pieces.length)]);
        }
        return word.toString();
    }

    @Test
    void isShortPattern_fullArn_isFalse() {
        assertThat(Resource.parse("arn:aws:glue:eu-west-1:123456789012:*").isShortPattern())
                .isFalse();
        assertThat(Resource.ALL.isShortPattern()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:s3:::b/\0",
                "arn:aws:s3:::b/\t",
                "arn:aws:s3:::b/\r\n",
                "arn:aws:s3:::b/\u001f",
                "arn:aws:s3:::b/\u007f",
                "arn:aws:s3:::b/\u0100",
                "arn:aws:s3:::b/\u20ac",
                "arn:aws:s3:::b/\uffff"
            })
    void parse_characterOutsidePolicyText_throws(String text) {
        assertThatThrownBy(() -> Resource.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid resource")
                .hasMessageContaining("only printable characters U+0020 to U+00FF");
    }

    @Test
    void parse_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Resource.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pattern");
    }
}

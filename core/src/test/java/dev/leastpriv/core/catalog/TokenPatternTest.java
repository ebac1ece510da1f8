package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenPatternTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "bucket, ${BucketName}, true",
        "bucket/key, ${BucketName}, false",
        "bucket/*, ${BucketName}, false",
        "bucket*, ${BucketName}, true",
        "*, ${BucketName}, true",
        "'', ${BucketName}, false",
        "bucket, ${BucketName}/${ObjectName}, false",
        "bucket/, ${BucketName}/${ObjectName}, false",
        "bucket/*, ${BucketName}/${ObjectName}, true",
        "bucket/a:b/c, ${BucketName}/${ObjectName}, true",
        "bucket?key, ${BucketName}/${ObjectName}, true",
        "*/*, ${BucketName}/${ObjectName}, true",
        "*, ${BucketName}/${ObjectName}, true",
        "key/x, key/${KeyId}, true",
        "alias/x, key/${KeyId}, false",
        "key/, key/${KeyId}, false",
        "key/?, key/${KeyId}, true",
        "alias/aws/s3, alias/${Alias}, true",
        "function:f, function:${FunctionName}, true",
        "function:f:1, function:${FunctionName}, false",
        "function:f*, function:${FunctionName}, true",
        "function:f:*, function:${FunctionName}, false",
        "function:f:*, function:${FunctionName}:${Qualifier}, true",
        "role/path/name, role/${RoleNameWithPath}, true",
        "table/x/*, table/${DatabaseName}/${TableName}, true",
        "table/x, table/${DatabaseName}/${TableName}, false",
        "database/s3tablescatalog/b/ns, database/${DatabaseName}, true",
        "catalog, catalog, true",
        "catalog*, catalog, true",
        "catalog?, catalog, false",
        "catalog/x, catalog, false",
        "'', '', true",
        "*, '', true",
        "?, '', false",
        "'${*}', '*', true",
        "'${*}', 'x', false",
        "'${?}', '?', true",
        "'${$}', '$', true",
        "${aws:username}, ${BucketName}, true",
        "${aws:username}/*, ${BucketName}, false",
        "${aws:username}/*, ${BucketName}/${ObjectName}, true",
        "${aws:username}/x, ${BucketName}, false",
        "${unclosed, ${BucketName}, true"
    })
    void overlaps_wildcardPatternAndArnFormat_findsCommonString(String pattern, String format, boolean expected) {
        assertThat(TokenPattern.wildcardPattern(pattern).overlaps(TokenPattern.arnFormat(format)))
                .isEqualTo(expected);
        assertThat(TokenPattern.arnFormat(format).overlaps(TokenPattern.wildcardPattern(pattern)))
                .as("symmetric")
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "a*, *b, true",
        "a*, b*, false",
        "*a*, *b*, true",
        "a?c, ?b?, true",
        "a?c, ??, false",
        "*, '', true",
        "**, ?, true",
        "a*b*c, *d*, true",
        "abc, a*c, true",
        "abc, a*d, false"
    })
    void overlaps_twoWildcardPatterns_findsCommonString(String left, String right, boolean expected) {
        assertThat(TokenPattern.wildcardPattern(left).overlaps(TokenPattern.wildcardPattern(right)))
                .isEqualTo(expected);
    }

    @Test
    void matches_literalText_followsIamWildcards() {
        assertThat(TokenPattern.wildcardPattern("glue:get*").matches("glue:gettables"))
                .isTrue();
        assertThat(TokenPattern.wildcardPattern("glue:gettable?").matches("glue:gettables"))
                .isTrue();
        assertThat(TokenPattern.wildcardPattern("glue:gettable?").matches("glue:gettable"))
                .isFalse();
        assertThat(TokenPattern.wildcardPattern("glue:get*").matches("glue:deletetable"))
                .isFalse();
    }

    @Test
    void overlaps_randomPatterns_agreesWithBruteForceSearch() {
        // The alphabet has one character (x) that no pattern names, so it stands for "every other character",
        // and the shortest common string of a pattern of 4 tokens and a format of 3 has at most 7 characters.
        var random = new Random(20260926L);
        List<String> strings = allStrings("a/:x", 7);
        int overlapping = 0;
        for (int round = 0; round < 400; round++) {
            String pattern = randomString(random, new String[] {"a", "/", ":", "*", "?"}, 4);
            String format = randomString(random, new String[] {"a", "/", ":", "${Name}", "${ObjectName}"}, 3);
            Pattern patternRegex = Pattern.compile(wildcardRegex(pattern));
            Pattern formatRegex = Pattern.compile(formatRegex(format));
            boolean expected = strings.stream()
                    .anyMatch(s -> patternRegex.matcher(s).matches()
                            && formatRegex.matcher(s).matches());

            assertThat(TokenPattern.wildcardPattern(pattern).overlaps(TokenPattern.arnFormat(format)))
                    .as("%s vs %s", pattern, format)
                    .isEqualTo(expected);
            overlapping += expected ? 1 : 0;
        }
        assertThat(overlapping).as("both outcomes are exercised").isBetween(50, 350);
    }

    private static String randomString(Random random, String[] tokens, int maxTokens) {
        var text = new StringBuilder();
        int length = random.nextInt(maxTokens + 1);
        for (int i = 0; i < length; i++) {
            text.append(tokens[random.nextInt(tokens.length)]);
        }
        return text.toString();
    }

    private static List<String> allStrings(String alphabet, int maxLength) {
        var result = new ArrayList<String>();
        result.add("");
        int from = 0;
        for (int length = 1; length <= maxLength; length++) {
            int to = result.size();
            for (int i = from; i < to; i++) {
                for (char c : alphabet.toCharArray()) {
                    result.add(result.get(i) + c);
                }
            }
            from = to;
        }
        return result;
    }

    private static String wildcardRegex(String pattern) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }

    private static String formatRegex(String format) {
        return format.replace("${ObjectName}", "\u0001")
                .replace("${Name}", "\u0002")
                .chars()
                .mapToObj(c -> c == 1 ? ".+" : c == 2 ? "[^:/]+" : Pattern.quote(String.valueOf((char) c)))
                .reduce("", String::concat);
    }
}

package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's feature table true: it is the requirement list of the openmetadata profile with every
 * feature and optional block, rendered as Markdown. {@code -Dgolden.update=true} rewrites the README section.
 */
class ReadmeTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- feature-table:start -->\n";
    private static final String END = "<!-- feature-table:end -->";

    @Test
    void readme_featureTable_matchesRequirements() throws IOException {
        String table = table();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the feature-table markers").isNotNegative();
        assertThat(end).isGreaterThan(start);

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(
                    README,
                    readme.substring(0, start + START.length()) + table + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(start + START.length(), end))
                .as("README feature table (rerun with -Dgolden.update=true to accept a change)")
                .isEqualTo(table);
    }

    static String table() {
        RequirementSet set = RequirementSet.of(PolicyRequest.template(
                Connection.builder()
                        .lakeFormation(true)
                        .kms(true)
                        .addCatalog("awsdatacatalog")
                        .addCatalog("dynamodb")
                        .build(),
                Profile.OPENMETADATA,
                List.copyOf(Profile.OPENMETADATA.features())));
        StringBuilder out = new StringBuilder(
                "| Feature | Action | Resources (statement) | Why | Evidence |\n|---|---|---|---|---|\n");
        for (Requirement requirement : set.requirements()) {
            out.append("| ")
                    .append(requirement.feature().id())
                    .append(" | `")
                    .append(requirement.action())
                    .append("` | ")
                    .append(requirement.resources().stream()
                            .map(ReadmeTableTest::shortArn)
                            .collect(Collectors.joining(", ")))
                    .append(" (")
                    .append(requirement.sid())
                    .append(")")
                    .append(" | ")
                    .append(requirement.reason().replace("|", "\\|"))
                    .append(" | ")
                    .append(requirement.evidence().toString().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code arn:aws:glue:<<AWS_REGION>>:<<ACCOUNT_ID>>:table/x/*} → {@code `glue:table/x/*`}. */
    private static String shortArn(Resource resource) {
        String pattern = resource.pattern();
        if (pattern.equals("*")) {
            return "`*`";
        }
        String[] parts = pattern.split(":", 6);
        return "`" + parts[2] + ":" + parts[5] + "`";
    }
}

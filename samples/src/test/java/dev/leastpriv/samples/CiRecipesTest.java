package dev.leastpriv.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leastpriv.cli.Main;
import dev.leastpriv.core.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CI recipes in {@code ci/}: their structure, and their leastpriv commands run against the samples. */
class CiRecipesTest {

    private static final Path GITHUB = Path.of("ci/github-actions.yml");
    private static final Path GITLAB = Path.of("ci/gitlab-ci.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The recipes' variables a user sets, pointed at the samples. */
    private static final Map<String, String> SAMPLE_INPUTS =
            Map.of("CONFIG", "config/openmetadata.yaml", "POLICY", "policies/openmetadata-docs-policy.json");

    private static final String LAUNCHER = ".leastpriv/bin/leastpriv ";

    static Stream<Path> recipes() {
        return Stream.of(GITHUB, GITLAB);
    }

    @Test
    void githubActions_workflow_uploadsTheSarifOfCheckEvenWhenTheJobFails() throws IOException {
        JsonNode workflow = read(GITHUB);
        List<JsonNode> steps = elements(workflow.path("jobs").path("leastpriv").path("steps"));

        assertThat(workflow.path("permissions").path("security-events").asText())
                .isEqualTo("write");
        assertThat(steps)
                .filteredOn(step -> step.has("uses"))
                .allSatisfy(step -> assertThat(step.path("uses").asText()).matches("[\\w./-]+@v\\d+"));
        assertThat(steps).anySatisfy(step -> {
            assertThat(step.path("uses").asText()).startsWith("actions/setup-java@");
            assertThat(step.path("with").path("distribution").asText()).isEqualTo("temurin");
            assertThat(step.path("with").path("java-version").asText()).isEqualTo("17");
        });
        int check = indexOf(steps, "run", "check --policy \"$POLICY\" --config \"$CONFIG\" --format sarif");
        int upload = indexOf(steps, "uses", "github/codeql-action/upload-sarif@");
        assertThat(check).isNotNegative().isLessThan(upload);
        assertThat(steps.get(upload).path("if").asText()).contains("always()").contains("hashFiles('leastpriv.sarif')");
        assertThat(steps.get(upload).path("with").path("sarif_file").asText()).isEqualTo("leastpriv.sarif");
        assertThat(workflow.path("env").has("LEASTPRIV_REF")).isTrue();
    }

    @Test
    void gitlabCi_job_keepsTheSarifAsAnArtifactWhateverTheOutcome() throws IOException {
        JsonNode job = read(GITLAB).path("leastpriv");
        List<String> script = texts(job.path("script"));

        assertThat(job.path("image").asText()).contains("temurin-17");
        assertThat(job.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(texts(job.path("artifacts").path("paths"))).contains("leastpriv.sarif", "leastpriv-policy.json");
        assertThat(script)
                .anySatisfy(line -> assertThat(line).contains("--format sarif --out leastpriv.sarif || status=$?"));
        assertThat(script).last().isEqualTo("exit \"$status\"");
        assertThat(job.path("variables").has("LEASTPRIV_REF")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void recipe_leastprivCommands_runOnTheSamplesAndWriteTheSarif(Path recipe, @TempDir Path dir) throws IOException {
        JsonNode variables = recipe.equals(GITHUB)
                ? read(recipe).path("env")
                : read(recipe).path("leastpriv").path("variables");
        List<List<String>> commands = commands(script(recipe), dir);

        List<Integer> codes = new ArrayList<>();
        for (List<String> command : commands) {
            codes.add(Main.execute(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()),
                    command.toArray(String[]::new)));
        }

        assertThat(SAMPLE_INPUTS.keySet())
                .allSatisfy(name -> assertThat(variables.has(name))
                        .as("variable %s in %s", name, recipe)
                        .isTrue());
        assertThat(commands).extracting(command -> command.get(0)).containsExactly("generate", "check", "check");
        // the vendor's policy in samples/policies misses requirements: check exits 1, which fails the job
        assertThat(codes).containsExactly(0, 1, 1);
        JsonNode sarif = JSON.readTree(dir.resolve("leastpriv.sarif").toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs").path(0).path("results")).isNotEmpty();
        assertThat(Policy.fromJson(Files.readString(dir.resolve("leastpriv-policy.json")))
                        .statements())
                .isNotEmpty();
        assertThat(Path.of("../bin/leastpriv")).isExecutable();
    }

    /** {@return the shell lines of the recipe's job, in order} */
    private static List<String> script(Path recipe) throws IOException {
        if (recipe.equals(GITLAB)) {
            return texts(read(recipe).path("leastpriv").path("script"));
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode step :
                elements(read(recipe).path("jobs").path("leastpriv").path("steps"))) {
            lines.addAll(List.of(step.path("run").asText().split("\n")));
        }
        return lines;
    }

    /**
     * {@return the leastpriv commands of {@code lines}, as arguments}: the recipe's variables replaced by the samples,
     * its output files moved into {@code dir}, and anything after {@code ||} dropped.
     */
    private static List<List<String>> commands(List<String> lines, Path dir) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : lines) {
            int at = line.indexOf(LAUNCHER);
            if (at < 0) {
                continue;
            }
            String command = line.substring(at + LAUNCHER.length());
            int or = command.indexOf(" ||");
            List<String> args = new ArrayList<>();
            for (String token :
                    (or < 0 ? command : command.substring(0, or)).trim().split("\\s+")) {
                String arg = token.replace("\"", "");
                if (arg.startsWith("$")) {
                    arg = SAMPLE_INPUTS.getOrDefault(arg.substring(1), arg);
                } else if (arg.startsWith("leastpriv") && arg.contains(".")) {
                    arg = dir.resolve(arg).toString();
                }
                assertThat(arg).as("unresolved in: %s", line).doesNotContain("$");
                args.add(arg);
            }
            commands.add(args);
        }
        return commands;
    }

    private static int indexOf(List<JsonNode> steps, String field, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path(field).asText().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode read(Path recipe) throws IOException {
        return YAML.readTree(recipe.toFile());
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static List<String> texts(JsonNode array) {
        return elements(array).stream().map(JsonNode::asText).toList();
    }
}

package dev.leastpriv.policies.iac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leastpriv.core.testing.NpmPackage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture around {@code tools/cfnspec/check.mjs}, which checks CloudFormation templates against the resource
 * schemas of the pinned {@code @aws-cdk/aws-service-spec} (tools/cfnspec/README.md). npm installs the package into
 * {@code <repo>/.cfnspec} when it is missing or another version; every failure to install or run is an
 * {@link AssertionError} with npm's or node's output, so the test fails, never skips.
 */
final class CloudFormationSchema {

    private static final String PACKAGE = "@aws-cdk/aws-service-spec";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private CloudFormationSchema() {}

    /** {@return the problems check.mjs finds in each template, by file, in the order given} */
    static Map<Path, List<String>> problems(Path... templates) {
        Path root = repositoryRoot();
        NpmPackage.pinnedIn("tools/cfnspec", ".cfnspec", PACKAGE).ensureInstalled();
        List<String> command = new ArrayList<>(
                List.of("node", root.resolve("tools/cfnspec/check.mjs").toString()));
        Arrays.stream(templates).map(Path::toString).forEach(command::add);
        String output = run(command, root, root.resolve(".cfnspec/check.log"));
        Map<Path, List<String>> problems = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            JsonNode result = Fixtures.parse(Fixtures.JSON, line);
            List<String> found = new ArrayList<>();
            result.get("problems").forEach(problem -> found.add(problem.asText()));
            problems.put(Path.of(result.get("file").asText()), found);
        }
        return problems;
    }

    /** Runs {@code command} with its output in {@code log}; returns the output, or fails with it. */
    private static String run(List<String> command, Path directory, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " failed with exit " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": are node and npm on PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** The folder holding tools/cfnspec: the working directory or one of its parents. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/cfnspec/package.json"))) {
                return dir;
            }
        }
        throw new AssertionError("no tools/cfnspec/package.json in " + start + " or any parent folder");
    }
}

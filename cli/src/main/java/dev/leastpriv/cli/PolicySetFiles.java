package dev.leastpriv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A policy set on disk: {@code policy-1.json}, {@code policy-2.json}, … and {@code manifest.json}, which lists the
 * files in order with their sizes and Sids. {@code generate --out DIR} writes it; {@code check --policy DIR} reads
 * it back as the role's identity policies.
 */
final class PolicySetFiles {

    static final String MANIFEST = "manifest.json";
    private static final Pattern POLICY_FILE = Pattern.compile("policy-[1-9][0-9]{0,3}\\.json");

    private PolicySetFiles() {}

    /**
     * Writes the set into {@code dir} (which must exist), each file whole or not at all, the manifest last; files of a
     * larger earlier set that this one no longer has are removed, so the directory always holds exactly the set.
     */
    static void write(Path dir, PolicySet set, int maxSize, boolean compact) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(
                    new IOException("cannot write the policy set: \"" + dir + "\" is not a directory"));
        }
        for (int i = 0; i < set.policies().size(); i++) {
            Policy policy = set.policies().get(i);
            OutputTarget.writeFile(
                    dir.resolve(PolicySet.fileName(i)), compact ? policy.toCompactJson() + "\n" : policy.toJson());
        }
        try (var stale = Files.list(dir)) {
            for (Path file : stale.filter(
                            f -> POLICY_FILE.matcher(f.getFileName().toString()).matches())
                    .filter(f -> index(f) >= set.policies().size())
                    .toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot clean \"" + dir + "\": " + e.getMessage(), e));
        }
        OutputTarget.writeFile(dir.resolve(MANIFEST), manifest(set, maxSize));
    }

    /** {@return the manifest: the files in order, each with its size and Sids, and the limit they were packed for} */
    static String manifest(PolicySet set, int maxSize) {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeNumberField("maxSize", maxSize);
            g.writeArrayFieldStart("policies");
            for (int i = 0; i < set.policies().size(); i++) {
                Policy policy = set.policies().get(i);
                g.writeStartObject();
                g.writeStringField("file", PolicySet.fileName(i));
                g.writeNumberField("characters", PolicySize.of(policy).characters());
                g.writeArrayFieldStart("statements");
                for (Statement statement : policy.statements()) {
                    g.writeString(statement.sid() == null ? "" : statement.sid());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@return the policy files a set directory's manifest lists, in order} */
    static List<Path> read(Path dir, String option) {
        Path manifest = dir.resolve(MANIFEST);
        JsonNode root;
        try {
            root = CliJson.read(InputFiles.read(manifest, option));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(
                    option + " \"" + dir + "\": " + MANIFEST + " is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode policies = root == null ? null : root.get("policies");
        if (policies == null || !policies.isArray() || policies.isEmpty()) {
            throw new InputException(option + " \"" + dir + "\": " + MANIFEST + " lists no policies; expected"
                    + " {\"policies\": [{\"file\": \"policy-1.json\"}, …]} as generate --out DIR writes it");
        }
        List<Path> files = new ArrayList<>();
        for (JsonNode entry : policies) {
            String file = entry.path("file").asText("");
            // Only the names generate writes: a manifest never points outside its directory.
            if (!POLICY_FILE.matcher(file).matches()) {
                throw new InputException(option + " \"" + dir + "\": " + MANIFEST + " lists file \"" + file
                        + "\"; expected names like \"policy-1.json\"");
            }
            files.add(dir.resolve(file));
        }
        return files;
    }

    /** {@return the policy set a directory holds, read through its manifest} */
    static PolicySet readSet(Path dir, String option) {
        return new PolicySet(read(dir, option).stream()
                .map(file -> Policy.fromJson(InputFiles.read(file, option)))
                .collect(com.google.common.collect.ImmutableList.toImmutableList()));
    }

    private static int index(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring("policy-".length(), name.length() - ".json".length())) - 1;
    }
}

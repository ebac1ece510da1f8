package dev.leastpriv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
     * Writes the set into {@code dir} (which must exist): the files of an earlier set that this one no longer has
     * are removed, so the directory holds exactly the set. Only files leastpriv wrote are replaced or removed: those
     * the existing manifest lists (a name of the form {@code policy-N.json}, checked, so a manifest never reaches
     * outside {@code dir}). Policy files without a manifest, or that a new file would replace and the manifest does
     * not list, are refused as bad input. Every file is staged complete before the first rename, the manifest is
     * renamed last and stale files removed after it, so a refused or failed run changes nothing.
     */
    static void write(Path dir, PolicySet set, int maxSize, boolean compact) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(
                    new IOException("cannot write the policy set: \"" + dir + "\" is not a directory"));
        }
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < set.policies().size(); i++) {
            Policy policy = set.policies().get(i);
            names.add(PolicySet.fileName(i));
            texts.add(compact ? policy.toCompactJson() + "\n" : policy.toJson());
        }
        names.add(MANIFEST);
        texts.add(manifest(set, maxSize));
        Set<String> ours = ours(dir, names);
        List<OutputTarget.Pending> staged = new ArrayList<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                staged.add(OutputTarget.prepare(dir.resolve(names.get(i)), texts.get(i)));
            }
        } catch (RuntimeException e) {
            staged.forEach(OutputTarget.Pending::discard);
            throw e;
        }
        for (int i = 0; i < staged.size(); i++) {
            try {
                staged.get(i).commit();
            } catch (RuntimeException e) {
                staged.subList(i + 1, staged.size()).forEach(OutputTarget.Pending::discard);
                throw e;
            }
        }
        for (String stale : ours) {
            if (!names.contains(stale)) {
                deleteRegular(dir.resolve(stale));
            }
        }
    }

    /**
     * {@return the policy files in {@code dir} that the existing manifest lists} (empty without one); refuses a
     * directory where {@code writing} would replace or leave beside the set policy files leastpriv did not write,
     * and files to replace that are not regular files (a write through them could not be undone).
     */
    private static Set<String> ours(Path dir, List<String> writing) {
        boolean manifest = Files.exists(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
        Set<String> listed = new TreeSet<>();
        if (manifest) {
            read(dir, "--out").forEach(file -> listed.add(file.getFileName().toString()));
        }
        List<String> present;
        try (var files = Files.list(dir)) {
            present = files.map(f -> f.getFileName().toString())
                    .filter(name -> POLICY_FILE.matcher(name).matches())
                    .sorted(Comparator.comparingInt(PolicySetFiles::index))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read \"" + dir + "\": " + e.getMessage(), e));
        }
        if (!manifest && !present.isEmpty()) {
            throw new InputException("--out \"" + dir + "\" holds " + String.join(", ", present) + " but no " + MANIFEST
                    + ", so leastpriv did not write " + them(present) + "; name an empty directory, or move "
                    + them(present) + " away");
        }
        List<String> foreign = present.stream()
                .filter(name -> !listed.contains(name) && writing.contains(name))
                .toList();
        if (!foreign.isEmpty()) {
            throw new InputException("--out \"" + dir + "\" holds " + String.join(", ", foreign) + ", which its "
                    + MANIFEST + " does not list, so leastpriv did not write " + them(foreign) + "; move "
                    + them(foreign) + " away");
        }
        for (String name : writing) {
            Path file = dir.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("--out \"" + dir + "\": " + name + " is not a regular file; a policy set"
                        + " is written only over the regular files leastpriv wrote");
            }
        }
        return listed;
    }

    private static String them(List<String> files) {
        return files.size() == 1 ? "it" : "them";
    }

    /** Deletes a stale file of ours; a link or anything else in its place is not ours and stays. */
    private static void deleteRegular(Path file) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot delete \"" + file + "\": " + e.getMessage(), e));
        }
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

    private static int index(String name) {
        return Integer.parseInt(name.substring("policy-".length(), name.length() - ".json".length())) - 1;
    }
}

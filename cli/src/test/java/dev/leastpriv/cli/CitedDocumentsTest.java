package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What preflight and discovery tell users cites only documents a user has: every {@code something.md} in a string
 * literal of the validator's and the CLI's code names a file of this repository (the design notes behind the code
 * are not shipped, so a message must not send anyone to them).
 */
class CitedDocumentsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DOCUMENT = Pattern.compile("[\\w./-]+\\.md");

    @Test
    void messages_citeOnlyDocumentsOfTheRepository() throws IOException {
        Set<String> names;
        try (Stream<Path> files = Files.walk(ROOT)) {
            names = files.filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".md"))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        List<String> cited = new ArrayList<>();
        for (Path sources : List.of(ROOT.resolve("validator/src/main/java"), ROOT.resolve("cli/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(file -> cited.addAll(citations(file)));
            }
        }

        assertThat(names).contains("README.md");
        assertThat(cited).allSatisfy(citation -> {
            String path = citation.substring(citation.indexOf(": ") + 2);
            Path resolved = ROOT.resolve(path).normalize();
            boolean inRepository = resolved.startsWith(ROOT)
                    && (Files.exists(resolved) || (!path.contains("/") && names.contains(path)));
            assertThat(inRepository).as(citation).isTrue();
        });
    }

    /** {@return "file:line: document" for each document named in a string literal outside comments} */
    private static List<String> citations(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                    continue;
                }
                Matcher literal = LITERAL.matcher(line);
                while (literal.find()) {
                    Matcher document = DOCUMENT.matcher(literal.group(1));
                    while (document.find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + ": " + document.group());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}

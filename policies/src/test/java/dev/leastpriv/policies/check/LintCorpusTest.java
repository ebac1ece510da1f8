package dev.leastpriv.policies.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.catalog.ActionCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lint corpus (test resources {@code lint-corpus/}): one defect per file, with the code leastpriv must report
 * and where the defect class comes from (parliament, cloudsplaining, Access Analyzer's check reference, the IAM
 * User Guide), and clean policies a naive linter flags. Lint-only {@code check} must report each defect's code and
 * nothing at warning or above on a clean file. Codes not implemented yet are listed in {@link #NOT_YET}, so the
 * test fails both when a listed defect is missed and when a newly caught one is still listed.
 */
class LintCorpusTest {

    private static final String CORPUS = "/dev/leastpriv/policies/check/lint-corpus/";
    private static final PolicyCheck CHECK = PolicyCheck.create(ActionCatalog.standard());

    /** The corpus files whose code the lint does not report yet (issue 11). */
    private static final Set<String> NOT_YET = Set.of();

    private record Case(String file, String code) {}

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : read("expected.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("file\t")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            cases.add(new Case(fields[0], fields[1]));
        }
        return cases;
    }

    private static String read(String name) throws IOException {
        try (InputStream in = LintCorpusTest.class.getResourceAsStream(CORPUS + name)) {
            assertThat(in).as(CORPUS + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Finding> lint(String file) throws IOException {
        return CHECK.lint(List.of(new PolicyInput(file, read(file))), null).findings();
    }

    @Test
    void lint_defectFiles_reportTheirCode() throws IOException {
        Set<String> missed = new TreeSet<>();
        int defects = 0;
        for (Case c : cases()) {
            if (c.code().isEmpty()) {
                continue;
            }
            defects++;
            boolean found = lint(c.file()).stream().anyMatch(f -> f.code().equals(c.code()));
            if (!found) {
                missed.add(c.file() + " " + c.code());
            }
        }

        assertThat(defects).isGreaterThanOrEqualTo(46);
        assertThat(missed).as("defects missed (NOT_YET lists the known ones)").isEqualTo(NOT_YET);
    }

    @Test
    void lint_cleanFiles_reportNothingAtWarningOrAbove() throws IOException {
        List<String> flagged = new ArrayList<>();
        int clean = 0;
        for (Case c : cases()) {
            if (!c.code().isEmpty()) {
                continue;
            }
            clean++;
            for (Finding f : lint(c.file())) {
                if (f.severity().compareTo(Severity.WARNING) <= 0) {
                    flagged.add(c.file() + " " + f.code() + " " + f.pointer() + ": " + f.message());
                }
            }
        }

        assertThat(clean).isGreaterThanOrEqualTo(12);
        assertThat(flagged).isEmpty();
    }
}

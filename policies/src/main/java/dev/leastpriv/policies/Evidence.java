package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Why leastpriv believes a requirement exists: the tool's own source (repository, file and function), an AWS
 * document, a public issue thread, or nothing yet ({@link Kind#UNCONFIRMED}, naming what a live test must show).
 * Every {@link Requirement} carries one, so the explanation of a policy, the README's feature table and a check's
 * MISSING lines can show it.
 */
public record Evidence(Kind kind, String citation) {

    /** Where the evidence comes from. */
    public enum Kind {
        /** Read in the tool's source code: repository, file, function. */
        SOURCE("source"),
        /** An AWS document: the Service Authorization Reference, a user guide, an API reference. */
        AWS_DOCS("AWS docs"),
        /** A public issue or pull request that shows the call or its error. */
        ISSUE("issue"),
        /** No source confirms it; the citation says what a live test must show. */
        UNCONFIRMED("unconfirmed"),
        /** Stated by a library user for a tool leastpriv has no profile for. */
        STATED("stated");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@return the label written before the citation, e.g. {@code source}} */
        public String label() {
            return label;
        }
    }

    public Evidence {
        checkNotNull(kind, "kind");
        checkNotNull(citation, "citation");
        checkArgument(!citation.isBlank(), "evidence of kind %s has no citation", kind.label());
    }

    /** {@return evidence read in a tool's source, e.g. {@code "open-metadata/OpenMetadata …/query_parser.py get_work_groups"}} */
    public static Evidence source(String citation) {
        return new Evidence(Kind.SOURCE, citation);
    }

    /** {@return evidence from an AWS document} */
    public static Evidence docs(String citation) {
        return new Evidence(Kind.AWS_DOCS, citation);
    }

    /** {@return evidence from a public issue or pull request} */
    public static Evidence issue(String citation) {
        return new Evidence(Kind.ISSUE, citation);
    }

    /** {@return a requirement no source confirms yet; {@code why} says what a live test must show} */
    public static Evidence unconfirmed(String why) {
        return new Evidence(Kind.UNCONFIRMED, why);
    }

    /** {@return evidence for a requirement a library user states by hand} */
    public static Evidence stated() {
        return new Evidence(Kind.STATED, "by the library user");
    }

    /** {@return {@code "source: PyAthena pyathena/common.py BaseCursor._execute"} and the like} */
    @Override
    public String toString() {
        return kind.label() + ": " + citation;
    }
}

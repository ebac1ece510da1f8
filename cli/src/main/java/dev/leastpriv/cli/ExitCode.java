package dev.leastpriv.cli;

/** The exit codes of every command. */
enum ExitCode {
    /** Done; nothing found. */
    OK(0),
    /** Findings: missing permissions or lint errors. */
    FINDINGS(1),
    /** Bad usage or input; nothing was written. */
    USAGE(2),
    /** Could not run (I/O, AWS); a check that could not run is never a pass. */
    COULD_NOT_RUN(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}

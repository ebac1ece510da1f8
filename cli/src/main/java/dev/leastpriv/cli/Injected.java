package dev.leastpriv.cli;

import static com.google.common.base.Preconditions.checkState;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What picocli injects into a command. Commands ask here, not {@link Main}, so Main (which builds the commands) and
 * the commands do not depend on each other in a cycle.
 */
final class Injected {

    private Injected() {}

    /** {@return the command's spec, which picocli injects before {@code call()}} */
    static CommandSpec spec(@Nullable CommandSpec spec) {
        checkState(spec != null, "picocli did not inject the command spec");
        return spec;
    }
}

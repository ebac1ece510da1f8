/**
 * The {@code leastpriv} command line: {@link dev.leastpriv.cli.Main} and one command class per subcommand. The
 * commands parse input, call the library and print; they hold no logic a library user would need.
 */
@NullMarked
@CheckReturnValue
package dev.leastpriv.cli;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

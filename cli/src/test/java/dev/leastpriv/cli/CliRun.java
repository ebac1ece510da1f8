package dev.leastpriv.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One run of {@code leastpriv} through {@link Main#execute}: the exit code and everything written to each stream. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();

        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);

        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@return {@code base} followed by {@code more}} */
    static String[] args(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    /** {@return {@code base} with the value after {@code flag} replaced, or with {@code flag value} appended} */
    static String[] with(String[] base, String flag, String value) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        int at = all.indexOf(flag);
        if (at >= 0) {
            all.set(at + 1, value);
        } else {
            all.add(flag);
            all.add(value);
        }
        return all.toArray(String[]::new);
    }

    /** {@return {@code base} without {@code flag} and its value} */
    static String[] without(String[] base, String flag) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        int at = all.indexOf(flag);
        if (at >= 0) {
            all.remove(at + 1);
            all.remove(at);
        }
        return all.toArray(String[]::new);
    }
}

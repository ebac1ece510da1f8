import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The start-up floor of the libraries leastpriv's CLI is built on, for bench/run-startup-bench.sh: the least a
 * picocli command does (one subcommand, one option), and the same reading a YAML file into a Jackson tree and
 * writing it as JSON, which is the shape of {@code generate --config} without leastpriv's own work. Compiled by
 * the bench script against the CLI jar and run from it, so that it opens the same jar with the same flags.
 */
@Command(name = "floor", subcommands = {LibraryFloor.Read.class})
public final class LibraryFloor implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new LibraryFloor()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.println("floor");
        return 0;
    }

    /** {@code floor read --config FILE [--yaml]}: prints the file's name, or with --yaml its tree as JSON. */
    @Command(name = "read", description = "Reads a configuration file.")
    static final class Read implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration file.")
        Path config;

        @Option(names = "--yaml", description = "Parse it as YAML and print it as JSON.")
        boolean yaml;

        @Override
        public Integer call() throws Exception {
            if (!yaml) {
                System.out.println(config.getFileName());
                return 0;
            }
            JsonNode tree = new YAMLMapper().readTree(Files.readString(config));
            System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            return 0;
        }
    }
}

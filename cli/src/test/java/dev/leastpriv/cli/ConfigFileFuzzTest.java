package dev.leastpriv.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A config file of any bytes, read as {@code .yaml} and as {@code .json} and turned into a connection and a trust
 * policy as {@code generate}, {@code trust-policy} and {@code preflight} do: only {@link InputException} and
 * {@link IllegalArgumentException} (bad values) may escape. Seeds: {@code ConfigFileFuzzTestInputs/read/}.
 *
 * <p>Each input is written to two files in {@code java.io.tmpdir}; when fuzzing, a tmpfs there
 * ({@code -DargLine=-Djava.io.tmpdir=/dev/shm}) makes it several times faster.
 */
class ConfigFileFuzzTest {

    private static Path dir;

    @BeforeAll
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        for (String name : new String[] {"config.yaml", "config.json"}) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "5m")
    void read(byte[] input) throws IOException {
        for (String name : new String[] {"config.yaml", "config.json"}) {
            Path file = Files.write(dir.resolve(name), input);
            try {
                ConfigFile config = ConfigFile.read(file);
                ConnectionOptions options = new ConnectionOptions();
                options.request(config, null);
                options.request(config, null, true);
                options.kmsAliases(config);
                new TrustOptions().trust(config, null, false);
            } catch (InputException | IllegalArgumentException e) {
                // the documented input errors: exit code 2 with the message
            }
        }
    }
}

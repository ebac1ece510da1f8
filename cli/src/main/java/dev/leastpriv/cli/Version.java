package dev.leastpriv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code version.properties}. */
final class Version implements IVersionProvider {

    /** {@return this build's version, e.g. 0.1.0-SNAPSHOT} */
    static String current() {
        return new Version().getVersion()[0].substring("leastpriv ".length());
    }

    @Override
    public String[] getVersion() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"leastpriv " + properties.getProperty("version", "unknown")};
    }
}

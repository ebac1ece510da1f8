package dev.leastpriv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file named by an option, turning a missing or unreadable file into a usage error naming the option. */
final class InputFiles {

    private InputFiles() {}

    static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(option + " file \"" + file + "\" does not exist");
        } catch (IOException e) {
            throw new InputException(option + " file \"" + file + "\" cannot be read: " + e.getMessage(), e);
        }
    }
}

package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static final String VALID_FIELDS = "connector, region, account, partition, workgroup, session-database,"
            + " results, trusted-account, trusted-principal, external-id, history-workgroup, catalog, database,"
            + " database-prefix, data, spill, write-location, features, lambda, kms-key, lake-formation, kms, both-catalog-cases,"
            + " placeholders";

    private static final String METADATA_SALES_YAML = """
            region: eu-west-1
            account: "123456789012"
            workgroup: metadata
            database: sales
            results: s3://athena-results-123456789012/openmetadata/
            features: metadata
            """;

    @TempDir
    Path dir;

    @Test
    void read_yamlFields_readsScalarsListsAndBooleans() throws IOException {
        Path file = write("connection.yaml", """
                region: eu-west-1
                account: "012345678901"
                database: [sales, marketing]
                data:
                  - s3://lake/a/
                  - s3://lake/b/
                lake-formation: true
                kms: false
                """);

        var config = ConfigFile.read(file);

        assertThat(config.string("region")).contains("eu-west-1");
        assertThat(config.string("account")).contains("012345678901");
        assertThat(config.list("database")).containsExactly("sales", "marketing");
        assertThat(config.list("data")).containsExactly("s3://lake/a/", "s3://lake/b/");
        assertThat(config.bool("lake-formation")).isTrue();
        assertThat(config.bool("kms")).isFalse();
    }

    @Test
    void read_jsonFields_readsScalarsListsAndBooleans() throws IOException {
        Path file = write("connection.json", """
                {"region": "eu-west-1", "database": ["sales"], "features": "metadata", "placeholders": true}
                """);

        var config = ConfigFile.read(file);

        assertThat(config.string("region")).contains("eu-west-1");
        assertThat(config.list("database")).containsExactly("sales");
        assertThat(config.list("features")).containsExactly("metadata");
        assertThat(config.bool("placeholders")).isTrue();
    }

    @Test
    void list_scalarValue_returnsOneElementList() throws IOException {
        Path file = write("connection.yaml", "database: sales\n");

        var databases = ConfigFile.read(file).list("database");

        assertThat(databases).containsExactly("sales");
    }

    @Test
    void read_nullAndAbsentFields_readAsAbsent() throws IOException {
        Path file = write("connection.yaml", "region: ~\ndatabase: null\nkms:\n");

        var config = ConfigFile.read(file);

        assertThat(config.string("region")).isEmpty();
        assertThat(config.string("account")).isEmpty();
        assertThat(config.list("database")).isEmpty();
        assertThat(config.list("data")).isEmpty();
        assertThat(config.bool("kms")).isNull();
        assertThat(config.bool("lake-formation")).isNull();
    }

    @Test
    void empty_anyField_isAbsent() {
        var config = ConfigFile.empty();

        assertThat(config.string("region")).isEmpty();
        assertThat(config.list("database")).isEmpty();
        assertThat(config.bool("kms")).isNull();
    }

    @Test
    void read_emptyFile_hasNoFields() throws IOException {
        Path yaml = write("empty.yaml", "");
        Path json = write("empty.json", "");

        var fromYaml = ConfigFile.read(yaml);
        var fromJson = ConfigFile.read(json);

        assertThat(fromYaml.string("region")).isEmpty();
        assertThat(fromJson.string("region")).isEmpty();
    }

    @Test
    void read_unknownField_throwsNamingFieldAndValidFields() throws IOException {
        Path file = write("connection.yaml", "region: eu-west-1\nregoin: eu-west-2\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": unknown field \"regoin\"; expected one of " + VALID_FIELDS);
    }

    @Test
    void read_fieldGivenTwice_throwsInsteadOfDroppingFirstValue() throws IOException {
        Path yaml = write("connection.yaml", "region: eu-west-1\naccount: \"123456789012\"\nregion: us-east-1\n");
        Path json = write("connection.json", "{\"region\": \"eu-west-1\",\n \"region\": \"us-east-1\"}\n");

        assertThatThrownBy(() -> ConfigFile.read(yaml))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + yaml + "\" is not valid YAML: Duplicate field 'region' (line 3)");
        assertThatThrownBy(() -> ConfigFile.read(json))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + json + "\" is not valid JSON: Duplicate field 'region' (line 2)");
    }

    @Test
    void read_yamlAlias_throwsInsteadOfReadingTheAnchorName() throws IOException {
        // Jackson reads "*wg" as the string "wg": the workgroup would silently be "wg", not "metadata".
        Path file = write("connection.yaml", "region: eu-west-1\nworkgroup: &wg metadata\ncatalog: *wg\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": YAML aliases are not supported (*wg on line 3); write"
                        + " the value itself");
    }

    @Test
    void read_billionLaughs_throwsAtTheFirstAlias() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level)
                    .append(": &")
                    .append(level)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, previous)))
                    .append("]\n");
        }
        Path file = write("connection.yaml", yaml + "database: *i\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("YAML aliases are not supported (*a on line 2)");
    }

    @Test
    void read_secondYamlDocument_throwsInsteadOfIgnoringIt() throws IOException {
        Path file = write("connection.yaml", "---\nregion: eu-west-1\n---\nregion: us-east-1\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\" holds more than one YAML document (line 4); put every field"
                        + " in one");
    }

    @Test
    void read_secondJsonValue_throwsInsteadOfIgnoringIt() throws IOException {
        Path file = write("connection.json", "{\"region\": \"eu-west-1\"}\n{\"region\": \"us-east-1\"}\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\" holds more than one JSON document (line 2); put every field"
                        + " in one");
    }

    @Test
    void read_byteOrderMark_isSkippedInJsonAndYaml() throws IOException {
        Path json = write("connection.json", "\uFEFF{\"region\": \"eu-west-1\"}\n");
        Path yaml = write("connection.yaml", "\uFEFFregion: eu-west-1\n");

        assertThat(ConfigFile.read(json).string("region")).contains("eu-west-1");
        assertThat(ConfigFile.read(yaml).string("region")).contains("eu-west-1");
    }

    @Test
    void read_notUtf8_throwsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("connection.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("--config file \"" + file
                        + "\" is not UTF-8 text: byte 0xFF at line 1, column 4 is not part of a" + " UTF-8 character");
    }

    @Test
    void read_topLevelList_throwsMappingExpected() throws IOException {
        Path file = write("connection.yaml", "- region\n- eu-west-1\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\" must hold a mapping of field names to values");
    }

    @Test
    void read_missingFile_throwsDoesNotExist() {
        Path file = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("--config file \"" + file + "\" does not exist");
    }

    @Test
    void read_directory_throwsIsADirectory() {
        assertThatThrownBy(() -> ConfigFile.read(dir))
                .isInstanceOf(InputException.class)
                .hasMessage("--config file \"" + dir + "\" is a directory; expected a file");
    }

    @Test
    void read_invalidYaml_throwsWithLineNumber() throws IOException {
        Path file = write("connection.yaml", "region: eu-west-1\ndatabase: [sales\nresults: s3://r/\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("config file \"" + file + "\" is not valid YAML: ")
                .hasMessageEndingWith(" (line 3)");
    }

    @Test
    void read_invalidJson_throwsWithLineNumber() throws IOException {
        Path file = write("connection.json", "{\"region\": \"eu-west-1\",\n \"account\": \n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\" is not valid JSON: Unexpected end-of-input within/between"
                        + " Object entries (line 3)");
    }

    @Test
    void string_unquotedNumber_throwsQuotedStringAdvice() throws IOException {
        Path file = write("connection.yaml", "account: 123456789012\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.string("account"))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": field \"account\" must be a quoted string, not the number"
                        + " 123456789012; write it in quotes (\"012345678901\") so leading zeros survive");
    }

    @Test
    void string_unquotedOctalLookingAccount_throwsInsteadOfChangingDigits() throws IOException {
        // YAML 1.1 reads 012345670123 as the octal number 1402433619.
        Path file = write("connection.yaml", "account: 012345670123\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.string("account"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("field \"account\" must be a quoted string, not the number 1402433619;");
    }

    @Test
    void string_list_throwsMustBeString() throws IOException {
        Path file = write("connection.yaml", "region: [eu-west-1]\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.string("region"))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": field \"region\" must be a string, not [\"eu-west-1\"]");
    }

    @Test
    void list_mapping_throwsMustBeStringOrList() throws IOException {
        Path file = write("connection.yaml", "database: {sales: true}\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.list("database"))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": field \"database\" must be a string or a list of strings,"
                        + " not {\"sales\":true}");
    }

    @Test
    void list_numberItem_throwsQuotedStringAdvice() throws IOException {
        Path file = write("connection.yaml", "database: [sales, 2024]\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.list("database"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("field \"database\" must be a quoted string, not the number 2024;");
    }

    @Test
    void bool_string_throwsTrueOrFalse() throws IOException {
        Path file = write("connection.yaml", "lake-formation: \"true\"\n");
        var config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.bool("lake-formation"))
                .isInstanceOf(InputException.class)
                .hasMessage("config file \"" + file + "\": field \"lake-formation\" must be true or false, not"
                        + " \"true\"");
    }

    @Test
    void generate_unknownConfigField_exitsWithUsageErrorListingValidFields() throws IOException {
        Path file = write("connection.yaml", METADATA_SALES_YAML + "lake_formation: true\n");

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: config file \"" + file + "\": unknown field \"lake_formation\";"
                        + " expected one of " + VALID_FIELDS + "\n");
    }

    @Test
    void generate_wrongTypeInConfig_exitsWithUsageError() throws IOException {
        Path file = write("connection.yaml", METADATA_SALES_YAML + "lake-formation: \"no\"\n");

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: config file \"" + file + "\": field \"lake-formation\" must be"
                        + " true or false, not \"no\"\n");
    }

    @Test
    void generate_unquotedAccountInYaml_exitsWithQuotedStringAdvice() throws IOException {
        Path file = write("connection.yaml", METADATA_SALES_YAML.replace("\"123456789012\"", "123456789012"));

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: config file \"" + file + "\": field \"account\" must be a"
                        + " quoted string, not the number 123456789012; write it in quotes (\"012345678901\") so"
                        + " leading zeros survive\n");
    }

    @Test
    void generate_missingConfigFile_exitsWithUsageError() {
        Path file = dir.resolve("missing.yaml");

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("leastpriv generate: error: --config file \"" + file + "\" does not exist\n");
    }

    @Test
    void generate_invalidYaml_exitsWithUsageErrorAndLineNumber() throws IOException {
        Path file = write("connection.yaml", "region: eu-west-1\n  account: : [\n");

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv generate: error: config file \"" + file + "\" is not valid YAML: ")
                .endsWith(" (line 2)\n")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void generate_emptyConfigFile_reportsFirstRequiredField() throws IOException {
        Path file = write("connection.yaml", "");

        var run = CliRun.of("generate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: region is required, e.g. \"eu-west-1\" (or render a"
                        + " documentation template with placeholders)\n");
    }

    @Test
    void generate_emptyConfigFileWithFlags_sameAsFlagsAlone() throws IOException {
        Path file = write("connection.yaml", "# nothing yet\n");
        String[] flags = {
            "generate",
            "--region",
            "eu-west-1",
            "--account",
            "123456789012",
            "--database",
            "sales",
            "--results",
            "s3://athena-results/lp/"
        };

        var run = CliRun.of(CliRun.args(flags, "--config", file.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(run).isEqualTo(CliRun.of(flags));
    }

    @Test
    void generate_configListAsScalar_sameAsOneElementList() throws IOException {
        Path scalar = write("scalar.yaml", METADATA_SALES_YAML);
        Path list = write(
                "list.yaml",
                METADATA_SALES_YAML
                        .replace("database: sales", "database: [sales]")
                        .replace("features: metadata", "features:\n  - metadata"));

        var fromScalar = CliRun.of("generate", "--config", scalar.toString());
        var fromList = CliRun.of("generate", "--config", list.toString());

        assertThat(fromScalar.exitCode()).isZero();
        assertThat(fromScalar).isEqualTo(fromList);
    }

    @Test
    void trustPolicy_fieldGivenTwice_exitsWithUsageError() throws IOException {
        Path file = write("trust.yaml", "trusted-account: \"210987654321\"\nexternal-id: a1b2\nexternal-id: c3d4\n");

        var run = CliRun.of("trust-policy", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: config file \"" + file + "\" is not valid YAML: Duplicate"
                        + " field 'external-id' (line 3)\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

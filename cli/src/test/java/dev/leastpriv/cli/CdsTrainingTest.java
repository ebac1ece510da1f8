package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {

    @Test
    void train_everyCommand_runsToItsExpectedExitCode(@TempDir Path dir) throws Exception {
        var codes = CdsTraining.train(dir);

        // generate ×3, trust-policy, check of the docs policy ×3 formats (findings), check of the generated policy,
        // check against the omni config (findings), simulate (allowed), simulate --batch with a malformed line,
        // explain of a missing grant (explained), explain of an SCP deny and a bare 403 (not explained),
        // generate without an account (usage error), check --help, --version
        assertThat(codes).containsExactly(0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 2, 0, 1, 2, 0, 0);
    }
}

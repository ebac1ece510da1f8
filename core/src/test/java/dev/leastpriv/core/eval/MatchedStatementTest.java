package dev.leastpriv.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Effect;
import org.junit.jupiter.api.Test;

class MatchedStatementTest {

    @Test
    void toString_scp_namesTheLevelOnceAndThePolicyWithinIt() {
        MatchedStatement scp =
                new MatchedStatement(PolicyKind.SERVICE_CONTROL_POLICY, 1, 0, 2, "DenyRegions", Effect.DENY);

        assertThat(scp).hasToString("Deny in service control policy level 1, policy 0, statement 2 (Sid DenyRegions)");
    }

    @Test
    void toString_identityPolicy_hasNoLevel() {
        MatchedStatement identity = new MatchedStatement(PolicyKind.IDENTITY, 0, 3, 1, null, Effect.ALLOW);

        assertThat(identity).hasToString("Allow in identity policy 3, statement 1");
    }
}

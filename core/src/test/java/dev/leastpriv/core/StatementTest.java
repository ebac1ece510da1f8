package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final Action GET_OBJECT = Action.parse("s3:GetObject");
    private static final Action PUT_OBJECT = Action.parse("s3:PutObject");
    private static final Action LIST_BUCKET = Action.parse("s3:ListBucket");
    private static final Resource RESULTS_OBJECTS = Resource.parse("arn:aws:s3:::athena-results/connector/*");
    private static final Resource RESULTS_BUCKET = Resource.parse("arn:aws:s3:::athena-results");
    private static final Condition SOURCE_ACCOUNT = Condition.of("StringEquals", "aws:SourceAccount", "123456789012");
    private static final Condition SECURE_TRANSPORT = Condition.of("Bool", "aws:SecureTransport", "true");
    private static final Condition ORG_ID = Condition.of("StringEquals", "aws:PrincipalOrgID", "o-abc123");

    private static final Statement FULL = Statement.allow()
            .sid("ResultsObjects")
            .addPrincipal(Principal.aws("arn:aws:iam::123456789012:root"))
            .addPrincipal(Principal.service("athena.amazonaws.com"))
            .addAction(GET_OBJECT)
            .addAction(PUT_OBJECT)
            .addResource(RESULTS_OBJECTS)
            .addCondition(SOURCE_ACCOUNT)
            .addCondition(SECURE_TRANSPORT)
            .build();

    private static final Statement NEGATED = Statement.deny()
            .sid("DenyAllButReads")
            .notPrincipals(List.of(Principal.aws("arn:aws:iam::123456789012:role/Admin")))
            .notActions(List.of(GET_OBJECT, LIST_BUCKET))
            .notResources(List.of(RESULTS_BUCKET, RESULTS_OBJECTS))
            .build();

    @Test
    void build_allow_hasAllowEffect() {
        Statement statement = Statement.allow().addAction(GET_OBJECT).build();

        assertThat(statement.effect()).isEqualTo(Effect.ALLOW);
        assertThat(statement.isAllow()).isTrue();
        assertThat(statement.sid()).isNull();
    }

    @Test
    void build_deny_hasDenyEffect() {
        Statement statement = Statement.deny().addAction(GET_OBJECT).build();

        assertThat(statement.effect()).isEqualTo(Effect.DENY);
        assertThat(statement.isAllow()).isFalse();
    }

    @Test
    void effect_calledAfterAllow_lastCallWins() {
        Statement statement =
                Statement.allow().effect(Effect.DENY).addAction(GET_OBJECT).build();

        assertThat(statement.effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void sid_calledTwice_lastCallWins() {
        Statement statement = Statement.allow()
                .sid("First")
                .sid("Second")
                .addAction(GET_OBJECT)
                .build();

        assertThat(statement.sid()).isEqualTo("Second");
    }

    @Test
    void sid_null_removesSid() {
        Statement statement =
                Statement.allow().sid("First").sid(null).addAction(GET_OBJECT).build();

        assertThat(statement.sid()).isNull();
    }

    @Test
    void actions_afterAddAction_replacesActions() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .actions(List.of(PUT_OBJECT, LIST_BUCKET))
                .build();

        assertThat(statement.actions()).containsExactly(PUT_OBJECT, LIST_BUCKET);
    }

    @Test
    void addAction_afterActions_appends() {
        Statement statement = Statement.allow()
                .actions(List.of(PUT_OBJECT))
                .addAction(GET_OBJECT)
                .addAction("s3:ListBucket")
                .build();

        assertThat(statement.actions()).containsExactly(PUT_OBJECT, GET_OBJECT, LIST_BUCKET);
    }

    @Test
    void addAction_duplicate_isDroppedKeepingFirstPosition() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addAction(PUT_OBJECT)
                .addAction("s3:GetObject")
                .build();

        assertThat(statement.actions()).containsExactly(GET_OBJECT, PUT_OBJECT);
    }

    @Test
    void actions_iterableWithDuplicates_dropsThemInInsertionOrder() {
        Statement statement = Statement.allow()
                .actions(List.of(PUT_OBJECT, GET_OBJECT, PUT_OBJECT, LIST_BUCKET, GET_OBJECT))
                .build();

        assertThat(statement.actions()).containsExactly(PUT_OBJECT, GET_OBJECT, LIST_BUCKET);
    }

    @Test
    void resources_afterAddResource_replacesAndDropsDuplicates() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addResource(Resource.ALL)
                .resources(List.of(RESULTS_OBJECTS, RESULTS_BUCKET, RESULTS_OBJECTS))
                .addResource("arn:aws:s3:::athena-results")
                .build();

        assertThat(statement.resources()).containsExactly(RESULTS_OBJECTS, RESULTS_BUCKET);
    }

    @Test
    void principals_afterAddPrincipal_replacesThem() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addPrincipal(Principal.aws("111111111111"))
                .principals(List.of(Principal.service("glue.amazonaws.com")))
                .addPrincipal(Principal.service("glue.amazonaws.com"))
                .build();

        assertThat(statement.principals()).containsExactly(Principal.service("glue.amazonaws.com"));
    }

    @Test
    void notActionsNotResourcesNotPrincipals_calledTwice_lastCallWins() {
        Statement statement = Statement.deny()
                .notActions(List.of(PUT_OBJECT))
                .notActions(List.of(GET_OBJECT))
                .notResources(List.of(RESULTS_BUCKET))
                .notResources(List.of(RESULTS_OBJECTS))
                .notPrincipals(List.of(Principal.aws("111111111111")))
                .notPrincipals(List.of(Principal.aws("222222222222")))
                .build();

        assertThat(statement.notActions()).containsExactly(GET_OBJECT);
        assertThat(statement.notResources()).containsExactly(RESULTS_OBJECTS);
        assertThat(statement.notPrincipals()).containsExactly(Principal.aws("222222222222"));
    }

    @Test
    void conditions_afterAddCondition_replacesThem() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addCondition(SOURCE_ACCOUNT)
                .conditions(List.of(SECURE_TRANSPORT))
                .addCondition(ORG_ID)
                .build();

        assertThat(statement.conditions()).containsExactly(SECURE_TRANSPORT, ORG_ID);
    }

    @Test
    void build_interleavedOperators_groupsConditionsByOperatorInFirstAppearanceOrder() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addCondition(SOURCE_ACCOUNT)
                .addCondition(SECURE_TRANSPORT)
                .addCondition(ORG_ID)
                .build();

        assertThat(statement.conditions()).containsExactly(SOURCE_ACCOUNT, ORG_ID, SECURE_TRANSPORT);
    }

    @Test
    void build_noResource_isAllowedForTrustPolicies() {
        Statement statement = Statement.allow()
                .addPrincipal(Principal.service("glue.amazonaws.com"))
                .addAction("sts:AssumeRole")
                .build();

        assertThat(statement.resources()).isEmpty();
        assertThat(statement.notResources()).isEmpty();
    }

    @Test
    void build_actionAndNotAction_throws() {
        Statement.Builder builder =
                Statement.allow().sid("Both").addAction(GET_OBJECT).notActions(List.of(PUT_OBJECT));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Statement \"Both\" must have exactly one of \"Action\" and \"NotAction\"");
    }

    @Test
    void build_neitherActionNorNotAction_throws() {
        Statement.Builder builder = Statement.allow().addResource(Resource.ALL);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Statement (no Sid) must have exactly one of \"Action\" and \"NotAction\"");
    }

    @Test
    void build_resourceAndNotResource_throws() {
        Statement.Builder builder = Statement.allow()
                .addAction(GET_OBJECT)
                .addResource(RESULTS_OBJECTS)
                .notResources(List.of(RESULTS_BUCKET));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has both \"Resource\" and \"NotResource\"; use at most one");
    }

    @Test
    void build_principalAndNotPrincipal_throws() {
        Statement.Builder builder = Statement.allow()
                .addAction(GET_OBJECT)
                .addPrincipal(Principal.aws("111111111111"))
                .notPrincipals(List.of(Principal.aws("222222222222")));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has both \"Principal\" and \"NotPrincipal\"; use at most one");
    }

    @Test
    void build_starPrincipalWithOthers_throws() {
        Statement.Builder builder = Statement.allow()
                .addAction(GET_OBJECT)
                .addPrincipal(Principal.ALL)
                .addPrincipal(Principal.aws("111111111111"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes the bare principal \"*\" with other principals");
    }

    @Test
    void build_starNotPrincipalWithOthers_throws() {
        Statement.Builder builder = Statement.deny()
                .addAction(GET_OBJECT)
                .notPrincipals(List.of(Principal.aws("111111111111"), Principal.ALL));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes the bare \"NotPrincipal\" \"*\" with other principals");
    }

    @Test
    void build_starPrincipalAlone_isAllowed() {
        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addPrincipal(Principal.ALL)
                .build();

        assertThat(statement.principals()).containsExactly(Principal.ALL);
    }

    @Test
    void build_sameOperatorAndKeyTwice_throws() {
        Statement.Builder builder = Statement.allow()
                .sid("Twice")
                .addAction(GET_OBJECT)
                .addCondition(SOURCE_ACCOUNT)
                .addCondition(Condition.of("StringEquals", "aws:SourceAccount", "210987654321"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "Statement \"Twice\" has two conditions StringEquals on \"aws:SourceAccount\"; merge their values");
    }

    @Test
    void build_sameKeyUnderDifferentOperators_isAllowed() {
        Condition notLike = Condition.of("StringNotLike", "aws:SourceAccount", "9*");

        Statement statement = Statement.allow()
                .addAction(GET_OBJECT)
                .addCondition(SOURCE_ACCOUNT)
                .addCondition(notLike)
                .build();

        assertThat(statement.conditions()).containsExactly(SOURCE_ACCOUNT, notLike);
    }

    @Test
    void build_emptySid_throws() {
        Statement.Builder builder = Statement.allow().sid("").addAction(GET_OBJECT);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Statement Sid must not be empty; omit it instead");
    }

    @Test
    void toBuilder_fullStatement_buildsEqualStatement() {
        Statement copy = FULL.toBuilder().build();

        assertThat(copy).isEqualTo(FULL).hasSameHashCodeAs(FULL);
        assertThat(copy.actions()).containsExactlyElementsOf(FULL.actions());
        assertThat(copy.conditions()).containsExactlyElementsOf(FULL.conditions());
    }

    @Test
    void toBuilder_negatedStatement_buildsEqualStatement() {
        Statement copy = NEGATED.toBuilder().build();

        assertThat(copy).isEqualTo(NEGATED);
    }

    @Test
    void toBuilder_changedCopy_leavesOriginalUnchanged() {
        Statement changed = FULL.toBuilder().sid("Other").addAction(LIST_BUCKET).build();

        assertThat(changed.sid()).isEqualTo("Other");
        assertThat(changed.actions()).containsExactly(GET_OBJECT, PUT_OBJECT, LIST_BUCKET);
        assertThat(FULL.sid()).isEqualTo("ResultsObjects");
        assertThat(FULL.actions()).containsExactly(GET_OBJECT, PUT_OBJECT);
    }

    @Test
    void addAction_malformedText_throwsInvalidAction() {
        Statement.Builder builder = Statement.allow();

        assertThatThrownBy(() -> builder.addAction("s3-GetObject"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid action \"s3-GetObject\"");
    }

    @Test
    void addResource_malformedText_throwsInvalidResource() {
        Statement.Builder builder = Statement.allow();

        assertThatThrownBy(() -> builder.addResource("bucket"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid resource \"bucket\"");
    }

    @Test
    void actions_nullElement_throwsNullPointerException() {
        Statement.Builder builder = Statement.allow();
        List<Action> withNull = Arrays.asList(GET_OBJECT, null);

        assertThatThrownBy(() -> builder.actions(withNull))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("actions");
    }

    @Test
    void addPrincipal_null_throwsNullPointerException() {
        Statement.Builder builder = Statement.allow();

        assertThatThrownBy(() -> builder.addPrincipal(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("principal");
    }
}

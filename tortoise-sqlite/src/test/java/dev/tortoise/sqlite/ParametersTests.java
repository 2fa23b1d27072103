package dev.tortoise.sqlite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTests {

	@Test
	void parametersAreNumberedAsSqliteNumbersThem() {
		Parameters p = Parameters.parse("SELECT ?, :a, ?5, :a, ?, @b");
		assertThat(p.count()).isEqualTo(7);
		assertThat(p.index(":a")).isEqualTo(1);
		assertThat(p.index("@b")).isEqualTo(6);
		assertThat(p.index("$1")).isZero();
		assertThat(p.index("?5")).isEqualTo(4);
	}

	@Test
	void literalsIdentifiersAndCommentsHoldNoParameters() {
		Parameters p = Parameters.parse("SELECT '?', \"a?\", [b?], `c?` -- ?\n /* :x */ FROM t WHERE a = ? AND b::text = 'it''s ?'");
		assertThat(p.count()).isEqualTo(1);
		assertThatThrownBy(() -> p.index(":x")).hasMessageContaining("no parameter named \":x\"");
	}

	@Test
	void theLeadingKeywordTellsWhetherRowsChange() {
		assertThat(Parameters.parse("  insert into t values (1)").changesRows()).isTrue();
		assertThat(Parameters.parse("/* c */ SELECT 1").changesRows()).isFalse();
		assertThat(Parameters.parse("DELETE FROM t RETURNING id").returning()).isTrue();
		assertThat(Parameters.parse("UPDATE t SET returning_x = 1").returning()).isFalse();
	}

	@Test
	void statementsThatTakeTheWriteLockAreTold() {
		assertThat(Parameters.parse("INSERT INTO t VALUES (1)").writes()).isTrue();
		assertThat(Parameters.parse("CREATE TABLE t (n INT)").writes()).isTrue();
		assertThat(Parameters.parse("WITH x AS (SELECT 1) DELETE FROM t WHERE n IN (SELECT * FROM x)").writes()).isTrue();
		assertThat(Parameters.parse("WITH x AS (SELECT 1) SELECT * FROM x").writes()).isFalse();
		assertThat(Parameters.parse("SELECT 'DELETE' FROM t").writes()).isFalse();
		assertThat(Parameters.parse("PRAGMA table_info(t)").writes()).isFalse();
		assertThat(Parameters.parse("COMMIT").writes()).isFalse();
	}

}

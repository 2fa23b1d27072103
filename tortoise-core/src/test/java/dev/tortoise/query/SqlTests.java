package dev.tortoise.query;

import java.time.ZoneOffset;
import java.util.List;

import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Value;
import dev.tortoise.schema.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlTests {

	private static final ValueCodec CODEC = new ValueCodec(Dialect.forEngine("postgres"), true, ZoneOffset.UTC);

	private static Compiled texts(int n) {
		List<Value> values = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++) {
			values.add(Params.raw(i, String.class));
		}
		return new Compiled("SELECT", values);
	}

	@Test
	void eachBoundValueKeepsItsPlaceAndType() {
		Object[] args = new Object[11];
		for (int i = 0; i < args.length; i++) {
			args[i] = "v" + i;
		}
		Sql sql = new Sql(texts(11), CODEC, args);
		assertThat(sql.size()).isEqualTo(11);
		assertThat(sql.value(0)).isEqualTo("v0");
		assertThat(sql.value(10)).isEqualTo("v10");
		assertThat(sql.type(10)).isEqualTo(String.class);
		assertThat(sql.values()).hasSize(11).startsWith("v0", "v1").endsWith("v10");
	}

	@Test
	void aPlaceholderPastTheBoundValuesIsAnError() {
		Sql sql = new Sql(texts(1), CODEC, "only");
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> sql.value(1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> sql.type(1));
	}

	@Test
	void aWrittenStatementIsBoundWithoutChangingItsText() {
		Compiled statement = new Compiled("SELECT 1 WHERE $1 = $2", List.of(Params.raw(1, String.class),
				Params.raw(0, String.class)));
		Sql first = new Sql(statement, CODEC, "a", "b");
		Sql second = new Sql(statement, CODEC, "c", null);
		assertThat(first.text()).isEqualTo(second.text()).isEqualTo("SELECT 1 WHERE $1 = $2");
		assertThat(first.values()).containsExactly("b", "a");
		assertThat(second.values()).containsExactly(null, "c");
		assertThat(second.type(0)).isEqualTo(String.class);
	}

	@Test
	void aListArgumentIsReadFromCollectionsAndArraysAlike() {
		assertThat(Sql.asList(java.util.Set.of(1))).containsExactly(1);
		assertThat(Sql.asList(new long[] { 1, 2 })).containsExactly(1L, 2L);
		assertThatExceptionOfType(dev.tortoise.exceptions.ValidationException.class).isThrownBy(() -> Sql.asList(5))
			.withMessageContaining("collection or an array");
	}

}

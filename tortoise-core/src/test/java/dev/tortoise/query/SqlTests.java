package dev.tortoise.query;

import java.time.ZoneOffset;

import dev.tortoise.schema.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SqlTests {

	private static final ValueCodec CODEC = new ValueCodec("postgres", true, ZoneOffset.UTC);

	private static final Dialect POSTGRES = Dialect.forEngine("postgres");

	@Test
	void eachBoundValueGetsTheNextPlaceholderAndKeepsItsType() {
		Sql sql = new Sql(POSTGRES, CODEC);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			text.append(sql.textPlaceholder("v" + i)).append(' ');
		}
		assertThat(text.toString().trim()).isEqualTo("$1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11");
		assertThat(sql.size()).isEqualTo(11);
		assertThat(sql.value(0)).isEqualTo("v0");
		assertThat(sql.value(10)).isEqualTo("v10");
		assertThat(sql.type(10)).isEqualTo(String.class);
		assertThat(sql.values()).hasSize(11).startsWith("v0", "v1").endsWith("v10");
	}

	@Test
	void aPlaceholderPastTheBoundValuesIsAnError() {
		Sql sql = new Sql(POSTGRES, CODEC);
		sql.textPlaceholder("only");
		// The arrays have room for more; what is past the bound values must not read as a null.
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> sql.value(1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> sql.type(1));
	}

	@Test
	void aWrittenStatementBindsValuesWithoutRenderingPlaceholders() {
		Sql sql = Sql.written(POSTGRES, CODEC, "SELECT 1 WHERE $1 = $2");
		assertThat(sql.textPlaceholder("a")).isEmpty();
		assertThat(sql.textPlaceholder("b")).isEmpty();
		assertThat(sql.text()).isEqualTo("SELECT 1 WHERE $1 = $2");
		assertThat(sql.values()).containsExactly("a", "b");
		assertThatIllegalStateException().isThrownBy(() -> sql.append(" AND 1 = 1"))
			.withMessageContaining("cannot change");
	}

}

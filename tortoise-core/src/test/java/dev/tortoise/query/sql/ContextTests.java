package dev.tortoise.query.sql;

import java.util.List;

import dev.tortoise.schema.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each node renders itself, quoted and with numbered placeholders, for the dialect at hand. */
class ContextTests {

	private static final Dialect POSTGRES = Dialect.forEngine("postgres");

	private static final Dialect MYSQL = Dialect.forEngine("mysql");

	private static Select select() {
		Condition where = Condition.and(List.of(Condition.compare(new Column("t", "a"), "=", Params.raw(0, String.class)),
				new Condition.Like(new Column("t", "b"), Params.raw(1, String.class), true)));
		return new Select(List.of(new Column("t", "a")), new From(new Table("tab", "t"),
				List.of(new From.Join(new Table("other", "o"), Condition.compare(new Column("o", "id"), "=",
						new Column("t", "o_id"))))),
				where, List.of(new Select.Order(new Column("t", "a"), true)), Params.raw(2, Long.class),
				Params.raw(3, Long.class));
	}

	@Test
	void aSelectRendersItsTextAndItsValuesInPlaceholderOrder() {
		Compiled pg = Context.render(POSTGRES, select());
		assertThat(pg.text()).isEqualTo("SELECT \"t\".\"a\" FROM \"tab\" \"t\" LEFT JOIN \"other\" \"o\" ON \"o\".\"id\" ="
				+ " \"t\".\"o_id\" WHERE (\"t\".\"a\" = $1 AND \"t\".\"b\" ILIKE $2) ORDER BY \"t\".\"a\" DESC LIMIT $3 OFFSET $4");
		assertThat(pg.values()).hasSize(4);
		Compiled mysql = Context.render(MYSQL, select());
		assertThat(mysql.text()).isEqualTo("SELECT `t`.`a` FROM `tab` `t` LEFT JOIN `other` `o` ON `o`.`id` = `t`.`o_id`"
				+ " WHERE (`t`.`a` = ? AND UPPER(`t`.`b`) LIKE UPPER(?)) ORDER BY `t`.`a` DESC LIMIT ? OFFSET ?");
	}

	@Test
	void writesRenderTheirTablesColumnsAndValues() {
		Insert insert = new Insert(Table.of("tab"), List.of("a", "b"), List.of(
				List.of(Params.raw(0, String.class), Params.raw(1, String.class)),
				List.of(Params.raw(2, String.class), Params.raw(3, String.class))));
		assertThat(Context.render(POSTGRES, insert).text())
			.isEqualTo("INSERT INTO \"tab\" (\"a\", \"b\") VALUES ($1, $2), ($3, $4)");
		Update update = new Update(Table.of("tab"), List.of(new Update.Assignment("a", Params.raw(0, String.class))),
				Condition.isNull(Column.of("b")));
		assertThat(Context.render(POSTGRES, update).text()).isEqualTo("UPDATE \"tab\" SET \"a\" = $1 WHERE \"b\" IS NULL");
		assertThat(Context.render(MYSQL, new Delete(Table.of("tab"), null)).text()).isEqualTo("DELETE FROM `tab`");
	}

	@Test
	void conditionsGroupAsSqlNeedsAndCollapseWhenTrivial() {
		Condition a = Condition.isNull(Column.of("a"));
		Condition b = Condition.isNotNull(Column.of("b"));
		assertThat(Condition.and(List.of(a))).isSameAs(a);
		assertThat(Condition.or(List.of())).isSameAs(Condition.FALSE);
		assertThat(Context.render(POSTGRES, Condition.all(List.of(a, b))).text())
			.isEqualTo("\"a\" IS NULL AND \"b\" IS NOT NULL");
		assertThat(Context.render(POSTGRES, Condition.not(new Condition.Or(List.of(a, b)))).text())
			.isEqualTo("NOT ((\"a\" IS NULL OR \"b\" IS NOT NULL))");
		Select one = Select.of(List.of(Part.raw("1")), Table.of("x"), null);
		assertThat(Context.render(POSTGRES, new Condition.Exists(one, true)).text())
			.isEqualTo("NOT EXISTS (SELECT 1 FROM \"x\")");
		assertThat(Context.render(POSTGRES, new Condition.InSubquery(Column.of("id"), one)).text())
			.isEqualTo("\"id\" IN (SELECT 1 FROM \"x\")");
	}

	@Test
	void identifiersAreQuotedWithTheirQuotesDoubled() {
		assertThat(Context.render(POSTGRES, Column.of("we\"ird")).text()).isEqualTo("\"we\"\"ird\"");
		assertThat(Context.render(MYSQL, Column.of("we`ird")).text()).isEqualTo("`we``ird`");
	}

}

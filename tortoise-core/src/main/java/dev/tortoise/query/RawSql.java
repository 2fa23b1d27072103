package dev.tortoise.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Hand-written SQL, as Tortoise's {@code Model.raw} and {@code execute_query}: written with
 * {@code ?} placeholders, each one bound to the next argument in the dialect's own
 * placeholder (never pasted into the text). A {@code ?} inside quotes, identifiers or
 * comments is left as it is.
 */
final class RawSql {

	private RawSql() {
	}

	/** The text between placeholders: one more piece than there are placeholders. */
	static List<String> pieces(String sql) {
		List<String> out = new ArrayList<>();
		StringBuilder piece = new StringBuilder();
		int n = sql.length();
		for (int i = 0; i < n; i++) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"' || c == '`') {
				int end = sql.indexOf(c, i + 1);
				while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
					end = sql.indexOf(c, end + 2); // a doubled quote stands for itself
				}
				end = (end < 0) ? n - 1 : end;
				piece.append(sql, i, end + 1);
				i = end;
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				end = (end < 0) ? n - 1 : end;
				piece.append(sql, i, end + 1);
				i = end;
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				end = (end < 0) ? n - 1 : end + 1;
				piece.append(sql, i, end + 1);
				i = end;
			}
			else if (c == '?') {
				out.add(piece.toString());
				piece.setLength(0);
			}
			else {
				piece.append(c);
			}
		}
		out.add(piece.toString());
		return out;
	}

	/** The statement with the dialect's placeholders, each bound to its argument as it is. */
	static Sql bind(Engine engine, String connection, String sql, @Nullable Object[] args) {
		List<String> pieces = pieces(sql);
		if (pieces.size() - 1 != args.length) {
			throw new ParamsException("The SQL has " + (pieces.size() - 1) + " ? placeholders but " + args.length
					+ " arguments were given: " + sql);
		}
		Part statement = (ctx) -> {
			for (int i = 0; i < pieces.size(); i++) {
				ctx.sql(pieces.get(i));
				if (i < args.length) {
					ctx.visit(Params.raw(i, (args[i] != null) ? args[i].getClass() : String.class));
				}
			}
		};
		Compiled compiled = Context.render(engine.dialect(connection), statement);
		return engine.bind(connection, compiled, args);
	}

	/** Rows of hand-written SQL as maps of column name to the value the driver read. */
	static Flux<Map<String, @Nullable Object>> maps(Engine engine, String connection, String sql, @Nullable Object[] args) {
		return Flux.defer(() -> engine.run(connection, bind(engine, connection, sql, args), (row, md) -> {
			Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>();
			for (int i = 0; i < md.getColumnMetadatas().size(); i++) {
				out.put(md.getColumnMetadatas().get(i).getName(), row.get(i));
			}
			return out;
		}));
	}

	/**
	 * Rows of hand-written SQL as instances of a model, each column set on the field it is
	 * the column of (names compared without case); a column of no field becomes an
	 * annotation of the instance ({@code ctx.annotation}).
	 */
	static <T> Flux<T> instances(Engine engine, ModelMeta<T> meta, String sql, @Nullable Object[] args) {
		return Flux.defer(() -> {
			String connection = engine.route(meta, null, false);
			ValueCodec codec = engine.codec(connection);
			RowMapper<T> mapper = engine.mapper(meta, connection);
			Map<String, FieldMeta> byColumn = byColumn(meta);
			return engine.run(connection, bind(engine, connection, sql, args),
					(row, md) -> instance(meta, mapper, codec, byColumn, row, md));
		});
	}

	/** The fields of a model by column name, lower-cased, for reading rows by their columns' names. */
	static Map<String, FieldMeta> byColumn(ModelMeta<?> meta) {
		Map<String, FieldMeta> byColumn = new HashMap<>();
		for (FieldMeta f : meta.columns()) {
			byColumn.put(f.column().toLowerCase(Locale.ROOT), f);
		}
		return byColumn;
	}

	static <T> T instance(ModelMeta<T> meta, RowMapper<T> mapper, ValueCodec codec,
			Map<String, FieldMeta> byColumn, Row row, RowMetadata md) {
		T instance = meta.newInstance();
		mapper.initContainers(instance);
		List<String> extra = new ArrayList<>();
		List<@Nullable Object> extraValues = new ArrayList<>();
		for (int i = 0; i < md.getColumnMetadatas().size(); i++) {
			String name = md.getColumnMetadatas().get(i).getName();
			FieldMeta f = byColumn.get(name.toLowerCase(Locale.ROOT));
			if (f == null) {
				extra.add(name);
				extraValues.add(row.get(i));
				continue;
			}
			Object raw = row.get(i, codec.readClass(f));
			Object value = (raw != null) ? codec.fromDb(f, raw) : null;
			if (value != null && f.kind() != FieldKind.DATA) {
				Object stub = f.related().newInstance();
				f.toField().set(stub, value);
				value = stub;
			}
			if (value != null || !f.javaType().isPrimitive()) {
				f.set(instance, value);
			}
		}
		if (!extra.isEmpty()) {
			Annotations.fill(instance, extra, extraValues.toArray());
		}
		return instance;
	}

}

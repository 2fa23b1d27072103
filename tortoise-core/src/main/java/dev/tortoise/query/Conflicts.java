package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Insert;
import org.jspecify.annotations.Nullable;

/** What a bulk INSERT does on a conflict, from {@link BulkOptions}, checked against the model. */
final class Conflicts {

	private Conflicts() {
	}

	/**
	 * The conflict handling of a bulk INSERT, its fields checked: {@code onConflict} must name
	 * a unique constraint of the model (primary key, unique field or unique-together set) and
	 * {@code updateFields} columns the rows carry.
	 */
	static Insert.@Nullable OnConflict of(ModelMeta<?> meta, List<FieldMeta> columns, BulkOptions options) {
		if (!options.handlesConflicts()) {
			if (!options.conflictFields().isEmpty()) {
				throw new dev.tortoise.exceptions.ParamsException("bulkCreate(onConflict = " + options.conflictFields()
						+ ") needs ignoreConflicts() or updateFields(...): say what a conflict does.");
			}
			return null;
		}
		List<String> target = new ArrayList<>();
		for (String name : options.conflictFields()) {
			target.add(column(meta, name, "onConflict"));
		}
		List<List<String>> uniques = new ArrayList<>();
		uniques.add(List.of(meta.pk().column()));
		for (FieldMeta f : meta.columns()) {
			if (f.unique() || f.kind() == dev.tortoise.models.FieldKind.O2O) {
				uniques.add(List.of(f.column()));
			}
		}
		for (List<FieldMeta> together : meta.uniqueTogether()) {
			uniques.add(together.stream().map(FieldMeta::column).toList());
		}
		if (!target.isEmpty() && uniques.stream().noneMatch((u) -> u.size() == target.size() && u.containsAll(target))) {
			throw new dev.tortoise.exceptions.ParamsException("bulkCreate(onConflict = " + options.conflictFields()
					+ ") names no unique constraint of " + meta.name() + "; a conflict can only be on its primary key,"
					+ " a unique field or a @UniqueTogether set.");
		}
		if (!options.fieldsToUpdate().isEmpty() && target.isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("bulkCreate(updateFields = " + options.fieldsToUpdate()
					+ ") needs onConflict(fields): the unique constraint whose conflicts update the row.");
		}
		List<String> update = new ArrayList<>();
		for (String name : options.fieldsToUpdate()) {
			String column = column(meta, name, "updateFields");
			if (columns.stream().noneMatch((c) -> c.column().equals(column))) {
				throw new dev.tortoise.exceptions.ParamsException("bulkCreate(updateFields) names \"" + name
						+ "\", which the rows do not carry.");
			}
			update.add(column);
		}
		List<String> inserted = columns.stream().map(FieldMeta::column).toList();
		List<String> key = uniques.stream().filter(inserted::containsAll).findFirst().orElse(List.of());
		return new Insert.OnConflict(target, update, key);
	}

	private static String column(ModelMeta<?> meta, String name, String option) {
		return InstanceValues.columnField(meta, name, "bulkCreate(" + option + ")", true).column();
	}

}

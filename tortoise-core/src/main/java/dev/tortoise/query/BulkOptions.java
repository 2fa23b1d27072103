package dev.tortoise.query;

import java.util.List;

/**
 * How {@code bulkCreate} writes, as Tortoise's {@code bulk_create(batch_size,
 * ignore_conflicts, update_fields, on_conflict)}: immutable, each wither returns a new one.
 * Rows that conflict with a unique constraint are skipped ({@link #ignoreConflicts()}) or
 * have the named fields overwritten ({@link #onConflict} with {@link #updateFields}); in both
 * cases the database reports no generated key per row, so instances whose key the database
 * generates keep a null key.
 */
public final class BulkOptions {

	private static final BulkOptions DEFAULTS = new BulkOptions(0, false, List.of(), List.of());

	private final int batchSize;

	private final boolean ignoreConflicts;

	private final List<String> onConflict;

	private final List<String> updateFields;

	private BulkOptions(int batchSize, boolean ignoreConflicts, List<String> onConflict, List<String> updateFields) {
		this.batchSize = batchSize;
		this.ignoreConflicts = ignoreConflicts;
		this.onConflict = onConflict;
		this.updateFields = updateFields;
	}

	/** Batches as large as each database's bound-value limit allows, conflicts failing the call. */
	public static BulkOptions defaults() {
		return DEFAULTS;
	}

	/** At most {@code rows} rows per INSERT (fewer where the bound-value limit needs it). */
	public BulkOptions batchSize(int rows) {
		if (rows < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, got " + rows + ".");
		}
		return new BulkOptions(rows, this.ignoreConflicts, this.onConflict, this.updateFields);
	}

	/** Rows that conflict with a unique constraint are skipped. */
	public BulkOptions ignoreConflicts() {
		return new BulkOptions(this.batchSize, true, this.onConflict, this.updateFields);
	}

	/** The fields of the unique constraint a conflict is on (the primary key, a unique field or a unique-together set). */
	public BulkOptions onConflict(String... fields) {
		return new BulkOptions(this.batchSize, this.ignoreConflicts, List.of(fields), this.updateFields);
	}

	/** The fields a conflicting row gets from the new one (an upsert); needs {@link #onConflict}. */
	public BulkOptions updateFields(String... fields) {
		return new BulkOptions(this.batchSize, this.ignoreConflicts, this.onConflict, List.of(fields));
	}

	int batchSizeOrZero() {
		return this.batchSize;
	}

	boolean ignoresConflicts() {
		return this.ignoreConflicts;
	}

	List<String> conflictFields() {
		return this.onConflict;
	}

	List<String> fieldsToUpdate() {
		return this.updateFields;
	}

	/** Whether conflicts are handled (skipped or updated), which leaves generated keys unreported. */
	boolean handlesConflicts() {
		return this.ignoreConflicts || !this.updateFields.isEmpty();
	}

	@Override
	public String toString() {
		return "BulkOptions[batchSize=" + this.batchSize + ", ignoreConflicts=" + this.ignoreConflicts + ", onConflict="
				+ this.onConflict + ", updateFields=" + this.updateFields + "]";
	}

}

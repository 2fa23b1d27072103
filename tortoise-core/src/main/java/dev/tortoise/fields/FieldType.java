package dev.tortoise.fields;

/**
 * The kinds of data field, one per Tortoise ORM field class. Each dialect maps a type to
 * its column type the way Tortoise ORM does.
 */
public enum FieldType {

	/** {@code IntField}: 32-bit integer. */
	INT,
	/** {@code BigIntField}: 64-bit integer. */
	BIGINT,
	/** {@code SmallIntField}: 16-bit integer. */
	SMALLINT,
	/** {@code CharField}: bounded text. */
	CHAR,
	/** {@code TextField}: unbounded text. */
	TEXT,
	/** {@code BooleanField}. */
	BOOLEAN,
	/** {@code DecimalField}: exact decimal with digits and places. */
	DECIMAL,
	/** {@code FloatField}: double precision. */
	FLOAT,
	/** {@code DatetimeField}: a point in time. */
	DATETIME,
	/** {@code DateField}. */
	DATE,
	/** {@code TimeField}. */
	TIME,
	/** {@code UUIDField}. */
	UUID,
	/** {@code JSONField}: any JSON-serialisable value. */
	JSON,
	/** {@code BinaryField}: bytes. */
	BINARY,
	/** {@code CharEnumField}: an enum stored by its value (or name). */
	CHAR_ENUM,
	/** {@code IntEnumField}: an enum stored as a small integer. */
	INT_ENUM,
	/** {@code TimeDeltaField}: a duration stored as a BIGINT of microseconds. */
	TIMEDELTA,
	/** {@code contrib.postgres.fields.ArrayField}: a PostgreSQL array of one element type. */
	ARRAY,
	/** {@code contrib.postgres.fields.TSVectorField}: a PostgreSQL text-search vector. */
	TSVECTOR;

	/** Whether this is an integer type that can back an auto-increment primary key. */
	public boolean isInteger() {
		return this == INT || this == BIGINT || this == SMALLINT;
	}

}

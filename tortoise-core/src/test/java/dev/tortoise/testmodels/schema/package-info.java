/**
 * Java port of Tortoise ORM's {@code tests/schema/models_schema_create.py}: the models
 * whose DDL Tortoise's own tests pin down for every dialect.
 */
package dev.tortoise.testmodels.schema;

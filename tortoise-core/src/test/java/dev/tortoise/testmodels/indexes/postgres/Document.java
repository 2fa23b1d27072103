package dev.tortoise.testmodels.indexes.postgres;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.tortoise.fields.BooleanField;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.JSONField;
import dev.tortoise.fields.TextField;
import dev.tortoise.models.Index;
import dev.tortoise.models.IndexType;
import dev.tortoise.models.Model;

/** Every kind of Tortoise's PostgreSQL indexes, a named one and partial ones. */
@Model
@Index(value = "payload", type = IndexType.GIN)
@Index(value = "created", type = IndexType.BRIN)
@Index(value = "slug", type = IndexType.HASH, name = "document_slug_hash")
@Index(value = "body", type = IndexType.SPGIST)
@Index(value = "slug", name = "live_slugs", condition = { "live = true", "kind = 'it''s'" })
@Index(value = "created", type = IndexType.BRIN, name = "live_created", condition = "live = true")
public class Document {

	public Integer id;

	@CharField(maxLength = 100)
	public String slug;

	@CharField(maxLength = 10)
	public String kind;

	@BooleanField
	public Boolean live;

	@TextField
	public String body;

	@JSONField
	public Map<String, Object> payload;

	@DatetimeField
	public OffsetDateTime created;

}

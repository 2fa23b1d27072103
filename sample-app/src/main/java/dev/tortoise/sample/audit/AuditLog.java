package dev.tortoise.sample.audit;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.JSONField;
import dev.tortoise.models.Model;

@Model(table = "audit_log", description = "Every write of the models app")
public class AuditLog {

	public Long id;

	@CharField(maxLength = 20)
	public String action;

	@CharField(maxLength = 100)
	public String model;

	@JSONField(nullable = true)
	public Map<String, Object> payload;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime at;

}

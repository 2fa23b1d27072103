package dev.tortoise.sample.audit;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.JSONField;
import dev.tortoise.models.Model;

@Model(table = "audit_log", description = "Every write of the models app")
public class AuditLog {

	Long id;

	@CharField(maxLength = 20)
	String action;

	@CharField(maxLength = 100)
	String model;

	@JSONField(nullable = true)
	String payload;

	@DatetimeField(autoNowAdd = true)
	OffsetDateTime at;

}

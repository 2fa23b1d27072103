package dev.tortoise.testmodels.pinned;

import dev.tortoise.models.Model;

@Model(app = "audit")
public class AuditEntry {

	Long id;

	String message;

}

package dev.tortoise.sample.web;

import dev.tortoise.sample.audit.AuditTrail;
import dev.tortoise.sample.web.Views.AuditView;
import reactor.core.publisher.Flux;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

	private final AuditTrail audit;

	AuditController(AuditTrail audit) {
		this.audit = audit;
	}

	/** The latest writes, newest first, read from the audit connection. */
	@GetMapping("/audit")
	Flux<AuditView> latest(@RequestParam(defaultValue = "100") long limit) {
		return this.audit.latest(Math.max(0, Math.min(limit, EventController.MAX_LIMIT))).map(AuditView::of);
	}

}

package dev.tortoise.sample.web;

import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.sample.audit.AuditTrail;
import dev.tortoise.sample.models.Team;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/teams")
class TeamController {

	private final TortoiseContext tortoise;

	private final AuditTrail audit;

	TeamController(TortoiseContext tortoise, AuditTrail audit) {
		this.tortoise = tortoise;
		this.audit = audit;
	}

	/**
	 * A team, read from the body and written back as the model itself (the starter's Jackson
	 * module); its name is unique, so a second one of the same name is a 409.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Team> create(@RequestBody Team team) {
		team.id = null; // keys are the database's to give, whatever the body says
		return this.tortoise.create(team)
			.flatMap((saved) -> this.audit.recordAfterCommit("create", "Team", Map.of("id", saved.id, "name", saved.name))
				.thenReturn(saved));
	}

	/**
	 * The team of that name, created if there is none yet (get-or-create, safe against a
	 * concurrent request for the same name): 201 when created, 200 when found.
	 */
	@org.springframework.web.bind.annotation.PutMapping("/by-name/{name}")
	Mono<org.springframework.http.ResponseEntity<Team>> byName(
			@org.springframework.web.bind.annotation.PathVariable String name) {
		return this.tortoise.objects(Team.class).filter("name", name).getOrCreate(Map.of())
			.map((found) -> org.springframework.http.ResponseEntity
				.status(found.created() ? HttpStatus.CREATED : HttpStatus.OK).body(found.object()));
	}

	@GetMapping
	Flux<Team> list() {
		return this.tortoise.objects(Team.class).orderBy("id").all();
	}

}

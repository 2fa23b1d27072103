package dev.tortoise.sample.web;

import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.query.Functions;
import dev.tortoise.sample.audit.AuditTrail;
import dev.tortoise.sample.models.Tournament;
import dev.tortoise.sample.web.Views.NewTournament;
import dev.tortoise.sample.web.Views.TournamentView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/tournaments")
class TournamentController {

	private final TortoiseContext tortoise;

	private final AuditTrail audit;

	TournamentController(TortoiseContext tortoise, AuditTrail audit) {
		this.tortoise = tortoise;
		this.audit = audit;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<TournamentView> create(@RequestBody NewTournament body) {
		Tournament tournament = new Tournament();
		tournament.name = body.name();
		return this.tortoise.create(tournament)
			.flatMap((saved) -> this.audit.recordAfterCommit("create", "Tournament", Map.of("id", saved.id, "name", saved.name))
				.thenReturn(TournamentView.of(saved)));
	}

	/** The tournaments, each with its number of events and their prize total: one grouped query. */
	@GetMapping
	Flux<TournamentView> list() {
		return this.tortoise.objects(Tournament.class)
			.annotate("eventCount", Functions.count("events"))
			.annotate("prizeTotal", Functions.sum("events__prize"))
			.orderBy("id")
			.all()
			.map((t) -> TournamentView.withTotals(t, this.tortoise.annotation(t, "eventCount"),
					this.tortoise.annotation(t, "prizeTotal")));
	}

	/** One tournament with its events, in two queries. */
	@GetMapping("/{id}")
	Mono<TournamentView> get(@PathVariable long id) {
		return this.tortoise.objects(Tournament.class).filter("id", id).prefetchRelated("events").get()
			.map(TournamentView::withEvents);
	}

}

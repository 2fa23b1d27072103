package dev.tortoise.sample.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.query.Functions;
import dev.tortoise.query.QuerySet;
import dev.tortoise.sample.audit.AuditTrail;
import dev.tortoise.sample.models.Event;
import dev.tortoise.sample.models.Team;
import dev.tortoise.sample.models.Tournament;
import dev.tortoise.sample.web.Views.EventView;
import dev.tortoise.sample.web.Views.NewEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/events")
class EventController {

	/** Rows a list returns when the request names no limit, and the most it may ask for. */
	static final long DEFAULT_LIMIT = 100;

	static final long MAX_LIMIT = 1_000;

	private final TortoiseContext tortoise;

	private final AuditTrail audit;

	EventController(TortoiseContext tortoise, AuditTrail audit) {
		this.tortoise = tortoise;
		this.audit = audit;
	}

	/**
	 * An event of a tournament with its participants, written in one transaction; unknown
	 * tournament or team ids are a 404, a second event of the same name in a tournament a 409.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<EventView> create(@RequestBody NewEvent body) {
		if (body.tournamentId() == null) {
			return Mono.error(new ValidationException("Field tournamentId is required: the id of the event's tournament."));
		}
		if (body.participantIds() != null && body.participantIds().contains(null)) {
			return Mono.error(new ValidationException("Field participantIds must hold team ids, not null."));
		}
		List<Long> ids = (body.participantIds() != null) ? List.copyOf(new LinkedHashSet<>(body.participantIds())) : List.of();
		Mono<Tournament> tournament = this.tortoise.objects(Tournament.class).filter("id", body.tournamentId()).getOrNone()
			.switchIfEmpty(Mono.error(() -> new DoesNotExistException("Tournament " + body.tournamentId() + " does not exist.")));
		Mono<List<Team>> teams = ids.isEmpty() ? Mono.just(List.of())
				: this.tortoise.objects(Team.class).filter("id__in", ids).all().collectList().flatMap((found) -> {
					if (found.size() == ids.size()) {
						return Mono.just(found);
					}
					List<Long> missing = ids.stream().filter((id) -> found.stream().noneMatch((t) -> t.id.equals(id))).toList();
					return Mono.error(new DoesNotExistException("Teams " + shortList(missing) + " do not exist."));
				});
		return Mono.zip(tournament, teams)
			.flatMap((found) -> this.tortoise.inTransaction("default", (tx) -> {
				Event event = new Event();
				event.name = body.name();
				event.prize = body.prize();
				event.tournament = found.getT1();
				Mono<Event> created = tx.create(event);
				return found.getT2().isEmpty() ? created
						: created.flatMap((saved) -> tx.m2m(saved, "participants").add(found.getT2().toArray()).thenReturn(saved));
			}).single())
			.flatMap((saved) -> this.audit.recordAfterCommit("create", "Event", payload(saved, ids)).thenReturn(saved.id))
			.flatMap(this::get);
	}

	/**
	 * Events filtered by any lookup on their fields or through their relations
	 * ({@code name__icontains=cup}, {@code prize__gte=10}, {@code participants__name=red},
	 * {@code id__in=1,2,3}), ordered by {@code orderBy} (default {@code id}), paged with
	 * {@code limit} (default 100, at most 1,000) and {@code offset}.
	 */
	@GetMapping
	Flux<EventView> list(@RequestParam MultiValueMap<String, String> params) {
		QuerySet<Event> query = this.tortoise.objects(Event.class).orderBy("id").limit(DEFAULT_LIMIT);
		for (Map.Entry<String, List<String>> param : params.entrySet()) {
			String key = param.getKey();
			for (String value : param.getValue()) {
				switch (key) {
					case "orderBy" -> query = query.orderBy(value.split(","));
					case "limit" -> query = query.limit(Math.min(number(key, value), MAX_LIMIT));
					case "offset" -> query = query.offset(number(key, value));
					default -> query = query.filter(key, lookupValue(key, value));
				}
			}
		}
		return query.all().map(EventView::of);
	}

	/**
	 * Adds to an event's prize in one UPDATE computed by the database ({@code prize =
	 * COALESCE(prize, 0) + ?}), so that concurrent increases never lose one.
	 */
	@PostMapping("/{id}/prize")
	Mono<EventView> increasePrize(@PathVariable long id, @RequestBody Views.PrizeIncrease body) {
		if (body.add() == null || body.add().signum() < 0) {
			throw new ValidationException("add must be an amount of at least 0, got " + body.add() + ".");
		}
		return this.tortoise.objects(Event.class).filter("id", id)
			.update(Map.of("prize", Functions.coalesce("prize", 0).plus(body.add())))
			.flatMap((rows) -> (rows == 0) ? Mono.error(new DoesNotExistException("Event " + id + " does not exist."))
					: this.tortoise.objects(Event.class).filter("id", id).get())
			.map(EventView::of);
	}

	/** One event with its tournament (joined) and participants (one more query). */
	@GetMapping("/{id}")
	Mono<EventView> get(@PathVariable long id) {
		return this.tortoise.objects(Event.class).filter("id", id).selectRelated("tournament")
			.prefetchRelated("participants").get().map(EventView::detailed);
	}

	/** At most ten ids of a list, so that an error never echoes a whole request back. */
	private static String shortList(List<Long> ids) {
		return (ids.size() <= 10) ? ids.toString()
				: ids.subList(0, 10).toString().replace("]", ", ... and " + (ids.size() - 10) + " more]");
	}

	private static Object lookupValue(String key, String value) {
		if (key.endsWith("__in") || key.endsWith("__not_in") || key.endsWith("__range")) {
			return List.of(value.split(","));
		}
		if (key.endsWith("__isnull") || key.endsWith("__not_isnull")) {
			if (!value.equals("true") && !value.equals("false")) {
				throw new ValidationException("Lookup " + key + " takes true or false, got \"" + value + "\".");
			}
			return Boolean.valueOf(value);
		}
		return value;
	}

	private static long number(String name, String value) {
		try {
			long n = Long.parseLong(value.trim());
			if (n >= 0) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new ValidationException("Parameter " + name + " must be a whole number of 0 or more, got \"" + value + "\".");
	}

	private static Map<String, Object> payload(Event event, List<Long> participantIds) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", event.id);
		payload.put("name", event.name);
		payload.put("tournamentId", event.tournament.id);
		payload.put("participantIds", participantIds);
		return payload;
	}

}

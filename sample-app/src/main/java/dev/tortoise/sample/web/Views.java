package dev.tortoise.sample.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tortoise.sample.audit.AuditLog;
import dev.tortoise.sample.models.Event;
import dev.tortoise.sample.models.Team;
import dev.tortoise.sample.models.Tournament;

/** The JSON the API reads and writes: records, so that models never leak their relation containers. */
final class Views {

	private Views() {
	}

	record NewTournament(String name) {
	}

	record NewEvent(String name, Long tournamentId, List<Long> participantIds, BigDecimal prize) {
	}

	/** An amount to add to an event's prize. */
	record PrizeIncrease(BigDecimal add) {
	}

	record TeamView(Long id, String name) {

		static TeamView of(Team team) {
			return new TeamView(team.id, team.name);
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TournamentView(Long id, String name, OffsetDateTime created, List<EventSummary> events, Long eventCount,
			BigDecimal prizeTotal) {

		static TournamentView of(Tournament tournament) {
			return new TournamentView(tournament.id, tournament.name, tournament.created, null, null, null);
		}

		static TournamentView withEvents(Tournament tournament) {
			return new TournamentView(tournament.id, tournament.name, tournament.created,
					tournament.events.list().stream().map(EventSummary::of).toList(), null, null);
		}

		/** A tournament as listed, with the count and prize total of its events (annotations). */
		static TournamentView withTotals(Tournament tournament, Object eventCount, Object prizeTotal) {
			return new TournamentView(tournament.id, tournament.name, tournament.created, null,
					((Number) eventCount).longValue(),
					(prizeTotal != null) ? new BigDecimal(prizeTotal.toString()).setScale(2) : BigDecimal.ZERO.setScale(2));
		}

	}

	record EventSummary(Long id, String name) {

		static EventSummary of(Event event) {
			return new EventSummary(event.id, event.name);
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EventView(Long id, String name, Long tournamentId, String tournament, BigDecimal prize,
			OffsetDateTime modified, List<TeamView> participants) {

		/** An event as listed: its own columns and its tournament's key. */
		static EventView of(Event event) {
			return new EventView(event.id, event.name, event.tournament.id, null, event.prize, event.modified, null);
		}

		/** An event with its tournament and participants fetched. */
		static EventView detailed(Event event) {
			return new EventView(event.id, event.name, event.tournament.id, event.tournament.name, event.prize,
					event.modified, event.participants.list().stream().map(TeamView::of).toList());
		}

	}

	record AuditView(Long id, String action, String model, Map<String, Object> payload, OffsetDateTime at) {

		static AuditView of(AuditLog log) {
			return new AuditView(log.id, log.action, log.model, log.payload, log.at);
		}

	}

}

package dev.tortoise.benchmarks.springdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** The same table as {@code BEvent}, mapped the Spring Data way. */
@Table("b_event")
public class SdEvent {

	@Id
	public Long id;

	public String name;

	public BigDecimal prize;

	public int score;

	@Column("tournament_id")
	public Long tournamentId;

	@Transient
	public SdTournament tournament;

	@Transient
	public List<SdTeam> participants = new ArrayList<>();

	public SdEvent() {
	}

	public SdEvent(String name, BigDecimal prize, int score, Long tournamentId) {
		this.name = name;
		this.prize = prize;
		this.score = score;
		this.tournamentId = tournamentId;
	}

}

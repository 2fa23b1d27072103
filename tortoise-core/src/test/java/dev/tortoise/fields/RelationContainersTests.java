package dev.tortoise.fields;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.exceptions.NoValuesFetchedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelationContainersTests {

	@Test
	void unfetchedContainersSayHowToFetchThem() {
		ReverseRelation<String> events = ReverseRelation.unfetched("Tournament", "events");
		assertThat(events.isFetched()).isFalse();
		assertThatThrownBy(events::size).isInstanceOf(NoValuesFetchedException.class)
			.hasMessageContaining("Relation Tournament.events has not been fetched")
			.hasMessageContaining("prefetchRelated(\"events\")")
			.hasMessageContaining("ctx.fetchRelated(instance, \"events\")");
		assertThatThrownBy(() -> ManyToManyRelation.unfetched("Event", "participants").iterator())
			.isInstanceOf(NoValuesFetchedException.class);
		assertThat(events.toString()).contains("not fetched");
	}

	@Test
	void fetchedContainersAreImmutableSnapshots() {
		List<String> source = new ArrayList<>(List.of("a", "b"));
		ManyToManyRelation<String> teams = ManyToManyRelation.fetched("Event", "participants", source);
		source.add("c");
		assertThat(teams.isFetched()).isTrue();
		assertThat(teams.size()).isEqualTo(2);
		assertThat(teams).containsExactly("a", "b");
		assertThatThrownBy(() -> teams.list().add("d")).isInstanceOf(UnsupportedOperationException.class);
	}

}

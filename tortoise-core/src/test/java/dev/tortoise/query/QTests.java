package dev.tortoise.query;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QTests {

	@Test
	void combinationsAreImmutableTrees() {
		Q a = Q.of("name", "x");
		Q b = Q.of("prize__gt", 1);
		Q or = a.or(b);
		assertThat(or.kind).isEqualTo(Q.Kind.OR);
		assertThat(or.children).containsExactly(a, b);
		assertThat(a.kind).isEqualTo(Q.Kind.LEAF);
		assertThat(or.not().negated).isTrue();
		assertThat(or.negated).isFalse();
		assertThat(or.not().not().negated).isFalse();
		assertThat(Q.of(Map.of("a", 1)).kind).isEqualTo(Q.Kind.AND);
		assertThat(Q.or(a, b, a).children).hasSize(3);
		assertThat(or.not().toString()).isEqualTo("NOT(OR[name=x, prize__gt=1])");
	}

}

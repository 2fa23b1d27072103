package dev.tortoise.types;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoredTextTests {

	@Test
	void nulsAndLoneSurrogatesAreRefusedAndPairsAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> StoredText.check("a\u0000"))
			.withMessageContaining("NUL character (\\u0000) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> StoredText.check("\uDC22x"))
			.withMessageContaining("lone UTF-16 surrogate (\\uDC22) at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> StoredText.check("x\uD83D"))
			.withMessageContaining("(\\uD83D) at index 1");
		assertThatCode(() -> StoredText.check("\uD83D\uDC22 turtle")).doesNotThrowAnyException();
	}

	@Test
	void lengthsAndCutsKeepCharactersWhole() {
		assertThat(StoredText.length("\uD83D\uDC22ab")).isEqualTo(3);
		assertThat(StoredText.cut("a\uD83D\uDC22b", 2)).isEqualTo("a");
		assertThat(StoredText.cut("ab", 5)).isEqualTo("ab");
		assertThat(StoredText.printable("a\u0000\uD800\uD83D\uDC22")).isEqualTo("a\\u0000\\uD800\uD83D\uDC22");
	}

}

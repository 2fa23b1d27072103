package dev.tortoise.types;

import dev.tortoise.testmodels.query.Kind;
import dev.tortoise.testmodels.query.Level;
import dev.tortoise.testmodels.query.TicketState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnumValuesTests {

	/** toString() is not what is stored: only a value() method or the name are. */
	enum Plain {

		A, B;

		@Override
		public String toString() {
			return "not used";
		}

	}

	@Test
	void charEnumsStoreTheirStringValueElseTheirName() {
		assertThat(EnumValues.text(TicketState.IN_PROGRESS)).isEqualTo("in progress");
		assertThat(EnumValues.text(Kind.TEAM_RELAY)).isEqualTo("TEAM_RELAY");
		assertThat(EnumValues.longestText(TicketState.class)).isEqualTo(11);
		assertThat(EnumValues.of(TicketState.class).byText("closed")).isEqualTo(TicketState.CLOSED);
		assertThat(EnumValues.of(TicketState.class).byText("CLOSED")).as("a name still finds its constant")
			.isEqualTo(TicketState.CLOSED);
		assertThat(EnumValues.of(TicketState.class).byText("done")).isNull();
	}

	@Test
	void intEnumsStoreTheirIntValueElseTheirOrdinal() {
		assertThat(EnumValues.number(Level.HIGH)).isEqualTo(20);
		assertThat(EnumValues.number(Kind.DOUBLE)).isEqualTo(1);
		assertThat(EnumValues.of(Level.class).byNumber(10)).isEqualTo(Level.LOW);
		assertThat(EnumValues.of(Level.class).byNumber(1)).isNull();
	}

	@Test
	void descriptionsListEveryMemberAsTortoiseWritesThem() {
		assertThat(EnumValues.description(TicketState.class, false))
			.isEqualTo("OPEN: open\nIN_PROGRESS: in progress\nCLOSED: closed");
		assertThat(EnumValues.description(Level.class, true)).isEqualTo("LOW: 10\nHIGH: 20");
		assertThat(EnumValues.description(Plain.class, false)).isEqualTo("A: A\nB: B");
	}

	@Test
	void descriptionsAreCutAt2048CodePointsAsTortoiseCutsThem() {
		String cut = EnumValues.description(Wide.class, false);
		assertThat(cut.codePointCount(0, cut.length())).isEqualTo(2048);
		assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).as("never half a character").isFalse();
	}

	/** 100 members whose stored values hold characters outside the BMP. */
	enum Wide {

		W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15, W16, W17, W18, W19, W20, W21, W22,
		W23, W24, W25, W26, W27, W28, W29, W30, W31, W32, W33, W34, W35, W36, W37, W38, W39, W40, W41, W42, W43,
		W44, W45, W46, W47, W48, W49, W50, W51, W52, W53, W54, W55, W56, W57, W58, W59, W60, W61, W62, W63, W64,
		W65, W66, W67, W68, W69, W70, W71, W72, W73, W74, W75, W76, W77, W78, W79, W80, W81, W82, W83, W84, W85,
		W86, W87, W88, W89, W90, W91, W92, W93, W94, W95, W96, W97, W98, W99;

		String value() {
			return "\uD83D\uDC22".repeat(20) + name();
		}

	}

}

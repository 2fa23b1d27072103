package dev.tortoise.connection;

import dev.tortoise.config.DbUrl;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class R2dbcOptionsTests {

	private static final Option<Object> NO_DELAY = Option.valueOf("tcpNoDelay");

	@Test
	void aUrlParameterOverridesTheDialectsDriverDefault() {
		ConnectionFactoryOptions defaults = R2dbcOptions.of("m", DbUrl.parse("mysql://root:@127.0.0.1:3306/test"));
		assertThat(defaults.getValue(NO_DELAY)).isEqualTo(true);
		ConnectionFactoryOptions overridden = R2dbcOptions.of("m",
				DbUrl.parse("mysql://root:@127.0.0.1:3306/test?tcpNoDelay=false"));
		assertThat(overridden.getValue(NO_DELAY)).isEqualTo("false");
	}

	@Test
	void tortoiseOnlyAndPythonOnlyParametersNeverReachTheDriver() {
		ConnectionFactoryOptions options = R2dbcOptions.of("p",
				DbUrl.parse("postgres://u:pw@h:5432/db?minsize=2&max_queries=5&statement_cache_size=0"));
		assertThat(options.hasOption(Option.valueOf("minsize"))).isFalse();
		assertThat(options.hasOption(Option.valueOf("max_queries"))).isFalse();
		assertThat(options.hasOption(Option.valueOf("statement_cache_size"))).isFalse();
		assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("h");
	}

}

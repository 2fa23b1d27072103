package dev.tortoise.sample;

import java.nio.file.Path;
import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.config.TortoiseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SampleAppTests {

	private static TortoiseConfig config(Path dir) {
		return SampleApp.defaultConfig().toBuilder()
			.connection("default", "h2://" + dir.resolve("sample"))
			.connection("audit", "h2://" + dir.resolve("audit"))
			.build();
	}

	@Test
	void setsUpBothAppsOnTheirConnections(@TempDir Path dir) {
		List<String> report = Tortoise.run(config(dir), SampleApp::setUp).collectList().block();
		assertThat(report).contains("  models.Event -> table event on connection default",
				"  audit.AuditLog -> table audit_log on connection audit");
		assertThat(String.join("\n", report)).contains("CREATE TABLE IF NOT EXISTS \"event_team\"")
			.contains("CREATE UNIQUE INDEX IF NOT EXISTS \"uidx_event_team_event_i_");
	}

	@Test
	void runsAgainOnTheSameFilesWithoutError(@TempDir Path dir) {
		Tortoise.run(config(dir), SampleApp::setUp).blockLast();
		List<String> again = Tortoise.run(config(dir), SampleApp::setUp).collectList().block();
		assertThat(again.get(0)).isEqualTo("Tortoise for Java: schema is up to date.");
	}

}

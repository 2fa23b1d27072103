package dev.tortoise.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * Several hundred requests a hostile or careless client sends the sample API: odd and huge
 * strings, wrong JSON types, malformed JSON, injection in values, keys and {@code orderBy},
 * bad lookups, deep traversal, wrong methods and media types.
 */
final class HostileInputs {

	/** One request: what to send, and which table a 2xx adds a row to (or null). */
	record Case(HttpMethod method, String uri, String contentType, byte[] body, String addsTo) {

		@Override
		public String toString() {
			String shown = new String(this.body, StandardCharsets.UTF_8);
			return this.method + " " + abbreviate(this.uri) + " " + this.contentType + " " + abbreviate(shown);
		}

		private static String abbreviate(String text) {
			return (text.length() <= 120) ? text : text.substring(0, 120) + "...(" + text.length() + " chars)";
		}

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String JSON = "application/json";

	static final List<String> STRINGS = List.of("", " ", "a", "x".repeat(100), "x".repeat(101), "x".repeat(255),
			"x".repeat(256), "x".repeat(100_000), "\u0000", "a\u0000b", "\uD800", "\uDC00x", "🐢".repeat(50),
			"🐢".repeat(101), "'; DROP TABLE team; --", "\" OR 1=1 --", "%", "_", "\\", "${jndi:ldap://x/a}",
			"<script>alert(1)</script>", "Robert'); DROP TABLE event;--", "\n\r\t", "NULL", "null", "\u202Eevil",
			"\u200B", "e\u0301", "\uFEFF", "\u007F");

	private static final List<Object> NOT_TEXT = List.of(1, 1.5, true, List.of(), Map.of("a", 1));

	private static final List<Object> NOT_IDS = List.of("abc", -1, 0, 1.5, 1e30, "9223372036854775808", List.of(),
			Map.of(), true, "");

	private static final List<Object> NOT_PRIZES = List.of("abc", -1, "1e1000", "12345678901.99", "0.001", "NaN",
			"Infinity", List.of(), true, 1e308);

	private static final List<String> MALFORMED = List.of("{", "}", "[", "", "null", "[]", "\"str\"", "{\"name\":}",
			"{'name':'x'}", "{\"name\":\"x\"", "[".repeat(5000) + "]".repeat(5000), "{\"name\":\"\\ud800\"}",
			"\uFEFF{\"name\":\"bom\"}", "{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":1e999999}");

	private static final List<String> KEYS = List.of("name'--", "name;DROP TABLE event", "name__", "__name",
			"name__icontains__x", "tournament__name__icontains", "participants__events__tournament__name", "id__in",
			"id__range", "id__foo", "password", "1=1", "name) OR (1=1", "a".repeat(1000), "modified__gte",
			"prize__lt", "id", String.join("__", Collections.nCopies(15, "participants__events")) + "__name");

	private static final List<String> VALUES = List.of("x", "'", "%", "\u0000", "99999999999999999999", "-1", "1e5",
			"true", "2026-13-45", "+999999999-12-31T23:59:59Z", "1,2,3", "a,b");

	private static final List<String> ORDER_BY = List.of("name", "-name", "name;DROP TABLE event", "name desc",
			"colour", "--name", "tournament__name", "participants__name", "", ",", "id,id", "a".repeat(500),
			"prize,-modified", "(select 1)");

	private static final List<String> NUMBERS = List.of("-1", "abc", "1e3", "99999999999999999999", "", " 5", "0",
			"1000000");

	private HostileInputs() {
	}

	static List<Case> all(long tournamentId, long teamId) {
		List<Case> cases = new ArrayList<>();
		for (String s : STRINGS) {
			cases.add(post("/tournaments", Map.of("name", s), "tournament"));
			cases.add(post("/teams", Map.of("name", s), "team"));
			cases.add(post("/events", Map.of("name", s, "tournamentId", tournamentId), "event"));
			cases.add(get("/events", "name__icontains", s));
		}
		for (Object v : NOT_TEXT) {
			cases.add(post("/tournaments", Map.of("name", v), "tournament"));
			cases.add(post("/teams", Map.of("name", v), "team"));
			cases.add(post("/events", Map.of("name", v, "tournamentId", tournamentId), "event"));
		}
		for (Object v : NOT_IDS) {
			cases.add(post("/events", Map.of("name", "ids " + v, "tournamentId", v), "event"));
			cases.add(post("/events", Map.of("name", "teams " + v, "tournamentId", tournamentId,
					"participantIds", List.of(v)), "event"));
		}
		for (Object v : NOT_PRIZES) {
			cases.add(post("/events", Map.of("name", "prize " + v, "tournamentId", tournamentId, "prize", v), "event"));
		}
		Map<String, Object> nullTeam = new LinkedHashMap<>();
		nullTeam.put("name", "null team");
		nullTeam.put("tournamentId", tournamentId);
		nullTeam.put("participantIds", Collections.singletonList(null));
		cases.add(post("/events", nullTeam, "event"));
		cases.add(post("/events", Map.of("name", "twice", "tournamentId", tournamentId, "participantIds",
				List.of(teamId, teamId)), "event"));
		cases.add(post("/events", Map.of("name", "many missing", "tournamentId", tournamentId, "participantIds",
				LongStream.range(1_000_000, 1_020_000).boxed().toList()), "event"));
		for (String path : List.of("/tournaments", "/teams", "/events")) {
			String table = path.substring(1, path.length() - 1);
			for (String body : MALFORMED) {
				cases.add(new Case(HttpMethod.POST, path, JSON, body.getBytes(StandardCharsets.UTF_8), table));
			}
			cases.add(new Case(HttpMethod.POST, path, JSON, new byte[] { '{', '"', 'n', '"', ':', '"', (byte) 0xC3,
					(byte) 0x28, '"', '}' }, table));
			for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
				cases.add(new Case(HttpMethod.POST, path, type, "name=x".getBytes(StandardCharsets.UTF_8), table));
			}
			for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
				cases.add(new Case(method, path, JSON, "{}".getBytes(StandardCharsets.UTF_8), null));
			}
		}
		for (String key : KEYS) {
			for (String value : VALUES) {
				cases.add(get("/events", key, value));
			}
		}
		for (String order : ORDER_BY) {
			cases.add(get("/events", "orderBy", order));
			cases.add(get("/tournaments", "orderBy", order));
		}
		for (String n : NUMBERS) {
			cases.add(get("/events", "limit", n));
			cases.add(get("/events", "offset", n));
		}
		for (String id : List.of("abc", "-1", "99999999999999999999", "1.5", "%00", "'", "%27%20OR%201=1", "0x10")) {
			cases.add(new Case(HttpMethod.GET, "/events/" + id, JSON, new byte[0], null));
			cases.add(new Case(HttpMethod.GET, "/tournaments/" + id, JSON, new byte[0], null));
		}
		return cases;
	}

	private static Case post(String path, Map<String, ?> body, String table) {
		return new Case(HttpMethod.POST, path, JSON, json.writeValueAsBytes(body), table);
	}

	private static Case get(String path, String key, String value) {
		return new Case(HttpMethod.GET, path + "?" + encode(key) + "=" + encode(value), JSON, new byte[0], null);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

package dev.tortoise.spring.boot.web;

import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ValidationException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseProblemDetailsTests {

	@RestController
	static class Failing {

		@GetMapping("/missing")
		Mono<String> missing() {
			return Mono.error(new DoesNotExistException("Teams " + "9,".repeat(2000) + " do not exist."));
		}

		@GetMapping("/bad")
		Mono<String> bad() {
			return Mono.error(new ValidationException("Value \"x\" does not fit field Team.name."));
		}

		@GetMapping("/conflict")
		Mono<String> conflict() {
			return Mono.error(new IntegrityException("Constraint violated on connection \"default\": duplicate key value"
					+ " violates unique constraint \"team_name_key\"; SQL statement: INSERT INTO team VALUES ('secret')"));
		}

		@GetMapping("/down")
		Mono<String> down() {
			return Mono.error(new OperationalException("Could not use connection \"audit\": Connection refused:"
					+ " db.internal/10.0.0.5:5432"));
		}

	}

	private final WebTestClient client = WebTestClient.bindToController(new Failing())
		.controllerAdvice(new TortoiseProblemDetails())
		.build();

	private ProblemDetail problem(String uri, HttpStatus status) {
		return this.client.get().uri(uri).exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void aMissingRowIs404AndTheDetailIsCut() {
		ProblemDetail problem = this.client.get().uri("/missing").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.getTitle()).isEqualTo("Not Found");
		assertThat(problem.getDetail()).hasSize(TortoiseProblemDetails.MAX_DETAIL + 3).endsWith("...");
	}

	@Test
	void aRefusedValueIs400() {
		assertThat(problem("/bad", HttpStatus.BAD_REQUEST).getDetail()).isEqualTo("Value \"x\" does not fit field Team.name.");
	}

	@Test
	void aBrokenConstraintIs409NamingItWithoutTheStatementOrItsValues() {
		assertThat(problem("/conflict", HttpStatus.CONFLICT).getDetail()).isEqualTo("The request conflicts with stored"
				+ " data: it breaks the unique constraint team_name_key on connection \"default\".");
	}

	@Test
	void aDatabaseThatDoesNotAnswerIs503WithRetryAfterAndNoHostInTheBody() {
		ProblemDetail problem = this.client.get().uri("/down").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals("Retry-After", "1")
			.expectBody(ProblemDetail.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.getDetail()).isEqualTo("The database on connection \"audit\" is not available right now;"
				+ " try again shortly.");
	}

}

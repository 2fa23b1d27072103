package dev.tortoise.sample.web;

import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.ValidationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Tortoise's exceptions as RFC 9457 problem details. */
@RestControllerAdvice
class ProblemHandler {

	@ExceptionHandler(DoesNotExistException.class)
	ProblemDetail notFound(DoesNotExistException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	/** The driver's message names the constraint; the statement it quotes stays out of the response. */
	@ExceptionHandler(IntegrityException.class)
	ProblemDetail conflict(IntegrityException ex) {
		String message = String.valueOf(ex.getMessage());
		int statement = message.indexOf("; SQL statement:");
		return problem(HttpStatus.CONFLICT, "Conflict", (statement > 0) ? message.substring(0, statement) : message);
	}

	@ExceptionHandler({ FieldException.class, ValidationException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

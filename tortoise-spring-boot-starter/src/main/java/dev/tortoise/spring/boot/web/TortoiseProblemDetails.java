package dev.tortoise.spring.boot.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.types.StoredText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Tortoise's exceptions as RFC 9457 problem details, for WebFlux and MVC alike: a missing row
 * is 404, a value or a query the model refuses is 400, a broken constraint is 409 naming the
 * constraint (the driver's own text, which quotes statements and values, goes to the log),
 * and a database that does not answer is 503 with {@code Retry-After}. What a detail repeats
 * is cut to {@value #MAX_DETAIL} characters. Applications' own advice comes first
 * ({@link Ordered#LOWEST_PRECEDENCE}); replace this one with a bean of this type, or turn it
 * off with {@code tortoise.problem-details.enabled=false}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class TortoiseProblemDetails {

	private static final Logger logger = LoggerFactory.getLogger(TortoiseProblemDetails.class);

	/** The most characters a problem's detail repeats of an exception's message. */
	static final int MAX_DETAIL = 500;

	/** Seconds a client is told to wait before retrying while a database does not answer. */
	static final String RETRY_AFTER_SECONDS = "1";

	private static final Pattern CONNECTION = Pattern.compile("connection \"([^\"]+)\"");

	/** A row the request named does not exist. */
	@ExceptionHandler(DoesNotExistException.class)
	public ProblemDetail notFound(DoesNotExistException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not Found", detail(ex.getMessage()));
	}

	/** A value or a query that the models refuse, before any SQL. */
	@ExceptionHandler({ ValidationException.class, FieldException.class, ParamsException.class })
	public ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad Request", detail(ex.getMessage()));
	}

	/** A write that breaks a constraint: which one, without the statement or its values. */
	@ExceptionHandler(IntegrityException.class)
	public ProblemDetail conflict(IntegrityException ex) {
		String message = String.valueOf(ex.getMessage());
		logger.info("A request broke a constraint: {}", message);
		return problem(HttpStatus.CONFLICT, "Conflict", "The request conflicts with stored data: it breaks "
				+ ConstraintViolations.describe(message) + connection(message) + ".");
	}

	/** A database that is down, restarting, out of connections or too slow: try again. */
	@ExceptionHandler(OperationalException.class)
	public ResponseEntity<ProblemDetail> unavailable(OperationalException ex) {
		String message = String.valueOf(ex.getMessage());
		logger.warn("A request failed on the database: {}", message);
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
				"The database" + connection(message) + " is not available right now; try again shortly.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	private static String connection(String message) {
		Matcher m = CONNECTION.matcher(message);
		return m.find() ? " on connection \"" + m.group(1) + "\"" : "";
	}

	private static String detail(String message) {
		String text = StoredText.printable(String.valueOf(message));
		return (text.length() > MAX_DETAIL) ? StoredText.cut(text, MAX_DETAIL) + "..." : text;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

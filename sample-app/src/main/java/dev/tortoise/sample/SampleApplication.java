package dev.tortoise.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Tortoise's classic models behind a JSON API: tournaments, events and teams on connection
 * {@code default}, an audit log of every write on connection {@code audit}. Everything
 * Tortoise needs comes from {@code application.yml}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}

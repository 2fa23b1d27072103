package dev.tortoise.spring.boot.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application a {@link TortoiseTest @TortoiseTest} in this package finds. */
@SpringBootApplication
public class SliceTestApplication {

}

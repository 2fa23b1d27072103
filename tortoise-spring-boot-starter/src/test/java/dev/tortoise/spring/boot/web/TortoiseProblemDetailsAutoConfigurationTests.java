package dev.tortoise.spring.boot.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseProblemDetailsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseProblemDetailsAutoConfiguration.class));

	@Test
	void onByDefaultInAWebApplication() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TortoiseProblemDetails.class));
	}

	@Test
	void offByProperty() {
		this.runner.withPropertyValues("tortoise.problem-details.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TortoiseProblemDetails.class));
	}

	@Test
	void backsOffForTheApplicationsOwn() {
		TortoiseProblemDetails own = new TortoiseProblemDetails();
		this.runner.withBean(TortoiseProblemDetails.class, () -> own)
			.run((context) -> assertThat(context.getBean(TortoiseProblemDetails.class)).isSameAs(own));
	}

	@Test
	void notOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TortoiseProblemDetailsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TortoiseProblemDetails.class));
	}

}

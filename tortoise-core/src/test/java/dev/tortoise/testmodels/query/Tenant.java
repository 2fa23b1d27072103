package dev.tortoise.testmodels.query;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DefaultFactory;
import dev.tortoise.fields.UUIDField;
import dev.tortoise.models.Model;

/** A UUID key left to the ORM, and a default computed per instance. */
@Model
public class Tenant {

	@UUIDField(pk = true)
	public UUID id;

	@DefaultFactory(Tokens.class)
	@CharField(maxLength = 32)
	public String token;

	@CharField(maxLength = 50)
	public String name;

	/** A new token for each tenant. */
	public static final class Tokens implements Supplier<String> {

		private static final AtomicInteger NEXT = new AtomicInteger();

		@Override
		public String get() {
			return "t-" + NEXT.incrementAndGet();
		}

	}

}

package dev.tortoise.spring.boot.json;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.tortoise.TortoiseContext;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Apps;
import dev.tortoise.models.JsonModel;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.ser.Serializers;

/**
 * Models as JSON (Jackson 3), the way Tortoise's {@code pydantic_model_creator} shows them:
 * each model by its mapped fields (fields without a column are left out, {@code @JsonIgnore}
 * honoured), fetched relations as nested objects and arrays, an unfetched foreign key as its
 * key under the column name ({@code "tournament_id": 1}), unfetched relations to many left
 * out, never a container wrapper. Request bodies read back into models: columns, and
 * relations by key or nested object. {@link JsonModel} on a model chooses fields, adds
 * computed values and switches the key column off.
 * <p>
 * The starter registers it as a bean when Jackson 3 is on the class path, and Spring Boot adds
 * it to its JSON mapper; elsewhere, add it to a mapper builder:
 * {@code JsonMapper.builder().addModule(TortoiseJacksonModule.of(ctx))}.
 */
public final class TortoiseJacksonModule extends JacksonModule {

	private final ModelShapes shapes;

	/** A module for the models of the apps the supplier gives, asked for at the first model written or read. */
	public TortoiseJacksonModule(Supplier<Apps> apps) {
		this.shapes = new ModelShapes(apps);
	}

	/** A module for the models of a context. */
	public static TortoiseJacksonModule of(TortoiseContext ctx) {
		return new TortoiseJacksonModule(ctx::apps);
	}

	@Override
	public String getModuleName() {
		return "tortoise";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addSerializers(new ModelSerializers());
		context.addDeserializers(new ModelDeserializers());
	}

	private final class ModelSerializers implements Serializers {

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.@Nullable Value formatOverrides) {
			Class<?> raw = type.getRawClass();
			if (raw == ReverseRelation.class || raw == ManyToManyRelation.class) {
				return new RelationSerializer();
			}
			ModelShape shape = TortoiseJacksonModule.this.shapes.find(raw);
			return (shape != null) ? new ModelSerializer(TortoiseJacksonModule.this.shapes, shape) : null;
		}

	}

	private final class ModelDeserializers implements Deserializers {

		@Override
		public @Nullable ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
				BeanDescription.Supplier beanDescRef) {
			ModelShape shape = TortoiseJacksonModule.this.shapes.find(type.getRawClass());
			return (shape != null) ? new ModelDeserializer(shape) : null;
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
			return TortoiseJacksonModule.this.shapes.find(valueType) != null;
		}

	}

}

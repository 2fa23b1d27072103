package dev.tortoise.query;

import java.util.List;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import reactor.core.publisher.Mono;

/** The rows related to one instance: as a query, or loaded into it. */
final class Relations {

	private Relations() {
	}

	/** Loads relations into one instance, as prefetchRelated does for a query. */
	static <T> Mono<T> fetch(Engine engine, T instance, String... relations) {
		return Mono.defer(() -> {
			@SuppressWarnings("unchecked")
			ModelMeta<T> meta = (ModelMeta<T>) engine.apps().meta(instance.getClass());
			return new Prefetcher(engine, engine.route(meta, null, false)).prefetch(meta, List.of(instance),
					List.of(relations))
				.thenReturn(instance);
		});
	}

	/** Loads relations into instances of one model at once: one query per relation, as prefetchRelated. */
	static <T> Mono<List<T>> fetchAll(Engine engine, List<T> instances, String... relations) {
		return Mono.defer(() -> {
			if (instances.isEmpty()) {
				return Mono.just(instances);
			}
			@SuppressWarnings("unchecked")
			ModelMeta<T> meta = (ModelMeta<T>) engine.apps().meta(instances.get(0).getClass());
			for (T instance : instances) {
				if (instance.getClass() != meta.modelClass()) {
					throw new dev.tortoise.exceptions.ParamsException("fetchRelated takes instances of one model; got "
							+ meta.name() + " and " + instance.getClass().getSimpleName() + ".");
				}
			}
			return new Prefetcher(engine, engine.route(meta, null, false)).prefetch(meta, instances, List.of(relations))
				.thenReturn(instances);
		});
	}

	/** The rows related to an instance through one of its relations, as a query. */
	static QuerySet<?> related(Engine engine, Object instance, String relation) {
		ModelMeta<?> meta = engine.apps().meta(instance.getClass());
		FieldMeta field = meta.field(relation);
		ModelMeta<?> target = field.related();
		if (target == null) {
			throw new FieldException(meta.name() + "." + relation + " is not a relation.");
		}
		switch (field.kind()) {
			case FK:
			case O2O: {
				Object stub = field.get(instance);
				Object key = (stub != null) ? field.toField().get(stub) : null;
				return engine.objects(target).filter(field.toField().name(), key);
			}
			case BACKWARD_FK:
			case BACKWARD_O2O:
				return engine.objects(target).filter(field.opposite().name(), field.opposite().toField().get(instance));
			default:
				return engine.objects(target).filter(field.opposite().name() + "__" + meta.pk().name(),
						meta.pk().get(instance));
		}
	}

}

package dev.tortoise.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.OnDelete;
import dev.tortoise.fields.RelatedName;

/**
 * Links relations once every model is read: resolves targets, fills Tortoise's default
 * names, adds the backward side to the related model, and binds declared backward fields.
 */
final class RelationLinker {

	private final Apps apps;

	RelationLinker(Apps apps) {
		this.apps = apps;
	}

	void link(List<ModelReader.DeclaredBackward> declared) {
		List<FieldMeta> forward = new ArrayList<>();
		for (ModelMeta<?> meta : this.apps.all()) {
			for (FieldMeta f : meta.fields()) {
				if (f.kind() == FieldKind.FK || f.kind() == FieldKind.O2O || f.kind() == FieldKind.M2M) {
					f.setRelated(resolve(f));
					forward.add(f);
				}
			}
		}
		// Relations that are primary keys first: a key pointing at them takes their column type.
		for (FieldMeta f : forward) {
			if (f.pk()) {
				linkForeignKey(f.owner(), f, f.related());
			}
		}
		for (FieldMeta f : forward) {
			if (f.kind() == FieldKind.M2M) {
				linkManyToMany(f.owner(), f, f.related());
			}
			else if (!f.pk()) {
				linkForeignKey(f.owner(), f, f.related());
			}
		}
		for (ModelReader.DeclaredBackward d : declared) {
			bindDeclared(d);
		}
	}

	private ModelMeta<?> resolve(FieldMeta f) {
		String where = f.owner().name() + "." + f.name();
		String reference = f.reference();
		if (reference == null || reference.isEmpty()) {
			ModelMeta<?> target = this.apps.find(f.javaType());
			if (target == null) {
				throw new ConfigurationException("Field " + where + " points to " + f.javaType().getName()
						+ ", which is not a model of any configured app. Add its package to an app's models,"
						+ " or annotate it with @Model.");
			}
			return target;
		}
		String[] parts = reference.split("\\.", -1);
		if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
			throw new ConfigurationException("Foreign key accepts model name in format \"app.Model\", got \""
					+ reference + "\" on field " + where + ".");
		}
		if (!this.apps.labels().contains(parts[0])) {
			throw new ConfigurationException("No app with name \"" + parts[0] + "\" registered, referenced as \""
					+ reference + "\" by field " + where + ". Registered apps: "
					+ String.join(", ", this.apps.labels()) + ".");
		}
		ModelMeta<?> target = this.apps.find(parts[0], parts[1]);
		if (target == null) {
			throw new ConfigurationException("No model with name \"" + parts[1] + "\" registered in app \"" + parts[0]
					+ "\", referenced as \"" + reference + "\" by field " + where + ". Models of that app: "
					+ String.join(", ", this.apps.models(parts[0]).stream().map(ModelMeta::name).toList()) + ".");
		}
		if (!f.javaType().isAssignableFrom(target.modelClass())) {
			throw new ConfigurationException("Field " + where + " refers to \"" + reference + "\" ("
					+ target.modelClass().getSimpleName() + ") but is declared with type "
					+ f.javaType().getSimpleName() + ". Make the declared type match the related model.");
		}
		return target;
	}

	private void linkForeignKey(ModelMeta<?> meta, FieldMeta f, ModelMeta<?> target) {
		String where = meta.name() + "." + f.name();
		FieldMeta toField;
		if (f.toFieldName() == null || f.toFieldName().isEmpty()) {
			toField = target.pk();
		}
		else {
			toField = target.findField(f.toFieldName());
			if (toField == null || !toField.kind().hasColumn()) {
				throw new ConfigurationException("Field " + where + " has toField \"" + f.toFieldName() + "\", but model "
						+ target.name() + " has no such column field.");
			}
			if (!toField.unique() && !toField.pk()) {
				throw new ConfigurationException("Field " + where + " has toField \"" + f.toFieldName() + "\", but "
						+ target.name() + "." + toField.name() + " is not unique. A foreign key must point at a"
						+ " unique field: set unique = true on it.");
			}
		}
		f.setToField(toField);
		f.setType(toField.type());
		f.setMaxLength(toField.maxLength());
		f.setMaxDigits(toField.maxDigits());
		f.setDecimalPlaces(toField.decimalPlaces());
		if (f.onDelete() == OnDelete.SET_NULL && !f.nullable()) {
			throw new ConfigurationException("If on_delete is SET_NULL, then field must have null=True set: field "
					+ where + " has onDelete = SET_NULL but is not nullable. Add nullable = true.");
		}
		if (RelatedName.NONE.equals(f.relatedName())) {
			f.setRelatedName(null);
			return;
		}
		String name = backwardName(meta, f, target);
		FieldMeta back = new FieldMeta(target, name,
				(f.kind() == FieldKind.O2O) ? FieldKind.BACKWARD_O2O : FieldKind.BACKWARD_FK);
		back.setRelated(meta);
		back.setOpposite(f);
		back.setRelatedName(f.name());
		back.setOnDelete(f.onDelete());
		back.setDbConstraint(f.dbConstraint());
		back.setNullable(true);
		back.setDescription(f.description());
		back.setJavaType(meta.modelClass());
		f.setOpposite(back);
		f.setRelatedName(name);
		target.add(back);
	}

	private void linkManyToMany(ModelMeta<?> meta, FieldMeta f, ModelMeta<?> target) {
		String where = meta.name() + "." + f.name();
		if (f.onDelete() == OnDelete.SET_NULL) {
			throw new ConfigurationException("Field " + where + " is a many-to-many relation with onDelete = SET_NULL,"
					+ " but the columns of its through table are NOT NULL. Use CASCADE, RESTRICT or NO_ACTION.");
		}
		if (RelatedName.NONE.equals(f.relatedName())) {
			throw new ConfigurationException("Field " + where + " uses RelatedName.NONE, which only foreign keys and"
					+ " one-to-one relations accept: a many-to-many relation always has a backward side. Give it a name.");
		}
		if (f.through() == null || f.through().isEmpty()) {
			f.setThrough(meta.table + "_" + target.table);
		}
		if (f.forwardKey() == null || f.forwardKey().isEmpty()) {
			f.setForwardKey(target.name().toLowerCase(Locale.ROOT) + "_id");
		}
		if (f.backwardKey() == null || f.backwardKey().isEmpty()) {
			f.setBackwardKey(meta.table + "_id");
			if (f.backwardKey().equals(f.forwardKey())) {
				f.setBackwardKey(meta.table + "_rel_id");
			}
		}
		if (f.backwardKey().equals(f.forwardKey())) {
			throw new ConfigurationException("Field " + where + " has the same forwardKey and backwardKey \""
					+ f.forwardKey() + "\". Give them different names.");
		}
		String name = backwardName(meta, f, target);
		FieldMeta back = new FieldMeta(target, name, FieldKind.BACKWARD_M2M);
		back.setRelated(meta);
		back.setOpposite(f);
		back.setRelatedName(f.name());
		back.setOnDelete(f.onDelete());
		back.setDbConstraint(f.dbConstraint());
		back.setThrough(f.through());
		back.setForwardKey(f.backwardKey());
		back.setBackwardKey(f.forwardKey());
		back.setCreateUniqueIndex(f.createUniqueIndex());
		back.setDescription(f.description());
		back.setJavaType(meta.modelClass());
		f.setOpposite(back);
		f.setRelatedName(name);
		target.add(back);
	}

	private static String backwardName(ModelMeta<?> meta, FieldMeta f, ModelMeta<?> target) {
		String name = (f.relatedName() == null || f.relatedName().isEmpty()) ? meta.table + "s" : f.relatedName();
		FieldMeta existing = target.fieldNamed(name);
		if (existing != null) {
			String other = existing.kind().isBackward() && existing.opposite() != null
					? "the backward relation of " + existing.opposite().owner().name() + "." + existing.opposite().name()
					: "field " + target.name() + "." + existing.name();
			throw new ConfigurationException("backward relation \"" + name + "\" of " + meta.name() + "." + f.name()
					+ " clashes with " + other + " on model " + target.name()
					+ ". Give the relation another relatedName.");
		}
		return name;
	}

	private static void bindDeclared(ModelReader.DeclaredBackward d) {
		ModelMeta<?> owner = d.owner();
		String where = owner.name() + "." + d.field().getName();
		FieldMeta back = owner.fieldNamed(d.field().getName());
		if (back == null || !back.kind().isBackward()) {
			String how = switch (d.kind()) {
				case BACKWARD_M2M -> "a @ManyToManyField";
				case BACKWARD_O2O -> "a @OneToOneField";
				default -> "a @ForeignKeyField";
			};
			throw new ConfigurationException("Field " + where + " is declared as a backward relation, but no relation"
					+ " fills it. Add " + how + "(relatedName = \"" + d.field().getName() + "\") pointing to "
					+ owner.name() + " on the model it comes from"
					+ ((d.kind() == FieldKind.BACKWARD_O2O) ? ", or annotate this field if it is a relation itself." : "."));
		}
		if (back.kind() != d.kind()) {
			throw new ConfigurationException("Field " + where + " is declared as " + describe(d.kind())
					+ " but is filled by " + back.opposite().owner().name() + "." + back.opposite().name() + ", which is "
					+ describe(back.kind()) + ". Declare it as " + javaTypeFor(back.kind()) + ".");
		}
		if (d.elementType() != null && !d.elementType().isAssignableFrom(back.related().modelClass())) {
			throw new ConfigurationException("Field " + where + " is declared for " + d.elementType().getSimpleName()
					+ " but the relation filling it comes from " + back.related().name() + ". Declare it as "
					+ javaTypeFor(back.kind()).replace("T", back.related().name()) + ".");
		}
		ModelReader.bindAccessors(back, d.field());
		back.setJavaType(d.field().getType());
	}

	private static String describe(FieldKind kind) {
		return switch (kind) {
			case BACKWARD_M2M -> "the backward side of a many-to-many relation";
			case BACKWARD_O2O -> "the backward side of a one-to-one relation";
			default -> "the backward side of a foreign key";
		};
	}

	private static String javaTypeFor(FieldKind kind) {
		return switch (kind) {
			case BACKWARD_M2M -> "ManyToManyRelation<T>";
			case BACKWARD_O2O -> "a plain field of type T";
			default -> "ReverseRelation<T>";
		};
	}

}

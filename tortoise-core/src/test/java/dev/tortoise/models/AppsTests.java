package dev.tortoise.models;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.FieldType;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.OnDelete;
import dev.tortoise.fields.OneToOneField;
import dev.tortoise.fields.RelatedName;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.testmodels.schema.Event;
import dev.tortoise.testmodels.schema.Team;
import dev.tortoise.testmodels.schema.Tournament;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Discovery, reading and linking, and every mistake Tortoise ORM's tests/model_setup
 * catches at init, each with a message that names the culprit.
 */
class AppsTests {

	private static Apps apps(Class<?>... models) {
		return Apps.discover(Map.of("models", Arrays.stream(models).map(Class::getName).toList()), null, null);
	}

	private static Apps schemaApps() {
		return Apps.discover(Map.of("models", List.of("dev.tortoise.testmodels.schema")), null, null);
	}

	private static Apps queryApps() {
		return Apps.discover(Map.of("models", List.of("dev.tortoise.testmodels.query")), null, null);
	}

	// --- happy path -------------------------------------------------------------

	@Test
	void packageScanFindsModelsSortedByClassName() {
		assertThat(schemaApps().models("models").stream().map(ModelMeta::name)).containsExactly("Company", "DefaultPK",
				"Employee", "Event", "InheritedModel", "SourceFields", "Team", "TeamAddress", "Tournament",
				"VenueInformation");
	}

	@Test
	void foreignKeysGetColumnsAndBackwardRelations() {
		Apps apps = schemaApps();
		ModelMeta<Event> event = apps.meta(Event.class);
		FieldMeta tournament = event.field("tournament");
		assertThat(tournament.kind()).isEqualTo(FieldKind.FK);
		assertThat(tournament.column()).isEqualTo("tournament_id");
		assertThat(tournament.relatedModel()).isEqualTo(Tournament.class);
		assertThat(tournament.type()).isEqualTo(FieldType.SMALLINT);
		assertThat(event.field("tournament_id")).isSameAs(tournament);
		FieldMeta events = apps.meta(Tournament.class).field("events");
		assertThat(events.kind()).isEqualTo(FieldKind.BACKWARD_FK);
		assertThat(events.opposite()).isSameAs(tournament);
		assertThat(events.hasAccessor()).isTrue();
		assertThat(apps.model("models.Tournament")).isSameAs(apps.meta(Tournament.class));
	}

	@Test
	void manyToManyGetsTortoisesDefaultNames() {
		ModelMeta<Team> team = schemaApps().meta(Team.class);
		FieldMeta talksTo = team.field("talksTo");
		assertThat(talksTo.through()).isEqualTo("team_team");
		assertThat(talksTo.forwardKey()).isEqualTo("team_id");
		assertThat(talksTo.backwardKey()).isEqualTo("team_rel_id");
		FieldMeta back = team.field("gets_talked_to");
		assertThat(back.kind()).isEqualTo(FieldKind.BACKWARD_M2M);
		assertThat(back.forwardKey()).isEqualTo("team_rel_id");
		assertThat(back.backwardKey()).isEqualTo("team_id");
		assertThat(team.field("events").kind()).isEqualTo(FieldKind.BACKWARD_M2M);
		assertThat(team.field("events").through()).isEqualTo("teamevents");
		assertThat(team.field("address").kind()).isEqualTo(FieldKind.BACKWARD_O2O);
		assertThat(team.field("venueinformations").kind()).isEqualTo(FieldKind.BACKWARD_O2O);
	}

	@Test
	void unknownFieldListsTheValidOnes() {
		assertThatThrownBy(() -> schemaApps().meta(Event.class).field("nmae")).isInstanceOf(FieldException.class)
			.hasMessageContaining("\"nmae\"")
			.hasMessageContaining("Event")
			.hasMessageContaining("Valid fields: id, name, modified, prize, token, key, tournament, participants.");
	}

	@Test
	void describeIsTortoiseShaped() {
		Map<String, Object> d = schemaApps().meta(Event.class).describe();
		assertThat(d).containsEntry("name", "models.Event").containsEntry("table", "event")
			.containsKeys("pk_field", "data_fields", "fk_fields", "m2m_fields", "backward_fk_fields");
		@SuppressWarnings("unchecked")
		Map<String, Object> pk = (Map<String, Object>) d.get("pk_field");
		assertThat(pk).containsEntry("name", "id").containsEntry("field_type", "BigIntField")
			.containsEntry("generated", true);
		assertThat(schemaApps().describe()).containsKey("models.TeamAddress");
	}

	@Test
	@SuppressWarnings("unchecked")
	void describedFieldsFollowTortoisesRules() {
		Map<String, Object> d = schemaApps().meta(Event.class).describe();
		Map<String, Object> pk = (Map<String, Object>) d.get("pk_field");
		assertThat(pk).containsEntry("constraints", Map.of("ge", 1L, "le", Long.MAX_VALUE)).containsEntry("docstring", null);
		Map<String, Map<String, Object>> data = new java.util.HashMap<>();
		((List<Map<String, Object>>) d.get("data_fields")).forEach((f) -> data.put((String) f.get("name"), f));
		assertThat(data.get("token")).as("a plain data field is not generated").containsEntry("generated", false)
			.containsEntry("constraints", Map.of("max_length", 100)).containsEntry("unique", true)
			.containsEntry("indexed", true);
		assertThat(data.get("modified")).containsEntry("auto_now", true).containsEntry("auto_now_add", true)
			.containsEntry("constraints", Map.of("readOnly", true));
		assertThat(data.get("prize")).containsEntry("constraints", Map.of()).containsEntry("nullable", true);
		Map<String, Object> wallet = queryApps().meta(dev.tortoise.testmodels.query.Wallet.class).describe();
		Map<String, Map<String, Object>> fields = new java.util.HashMap<>();
		((List<Map<String, Object>>) wallet.get("data_fields")).forEach((f) -> fields.put((String) f.get("name"), f));
		assertThat(fields.get("active")).as("JSON's own types as they are").containsEntry("default", true);
		assertThat(fields.get("balance")).containsEntry("default", 0)
			.containsEntry("constraints", Map.of("ge", -2147483648L, "le", 2147483647L));
		assertThat(fields.get("fee")).containsEntry("default", "0.50");
		assertThat(fields.get("state")).as("Python's str() of a member").containsEntry("default", "TicketState.OPEN")
			.containsEntry("description", "OPEN: open\nIN_PROGRESS: in progress\nCLOSED: closed");
		assertThat(fields.get("opened")).containsEntry("default", "2024-01-31");
		Map<String, Object> tenant = queryApps().meta(dev.tortoise.testmodels.query.Tenant.class).describe();
		assertThat((Map<String, Object>) tenant.get("pk_field")).as("as Tortoise names default=uuid4")
			.containsEntry("default", "<function uuid.uuid4>").containsEntry("generated", false);
	}

	@Test
	void packageInfoModelsListIsUsedInsteadOfScanning() {
		Apps apps = Apps.discover(Map.of("models", List.of("dev.tortoise.testmodels.listed")), null, null);
		assertThat(apps.models("models").stream().map(ModelMeta::name)).containsExactly("Listed");
	}

	@Test
	void pinnedModelsGoToTheirApp() {
		Map<String, List<String>> modules = new LinkedHashMap<>();
		modules.put("blog", List.of("dev.tortoise.testmodels.pinned"));
		modules.put("audit", List.of("dev.tortoise.testmodels.pinned.AuditEntry"));
		Apps apps = Apps.discover(modules, null, null);
		assertThat(apps.models("blog").stream().map(ModelMeta::name)).containsExactly("Post");
		assertThat(apps.models("audit").stream().map(ModelMeta::name)).containsExactly("AuditEntry");
	}

	@Test
	void packageWithoutModelsYieldsNone() {
		Apps apps = Apps.discover(Map.of("models", List.of("dev.tortoise.testmodels.empty")), null, null);
		assertThat(apps.models("models")).isEmpty();
	}

	@Test
	void tableNameGeneratorIsUsedWhenNoTableIsGiven() {
		Apps apps = Apps.discover(Map.of("models", List.of(Plain.class.getName())), null,
				(c) -> "tbl_" + c.getSimpleName().toLowerCase());
		assertThat(apps.meta(Plain.class).table()).isEqualTo("tbl_plain");
	}

	@Test
	void unannotatedFieldsMapByJavaType() {
		ModelMeta<Plain> plain = apps(Plain.class).meta(Plain.class);
		assertThat(plain.field("title").type()).isEqualTo(FieldType.CHAR);
		assertThat(plain.field("title").maxLength()).isEqualTo(255);
		assertThat(plain.field("createdAt").column()).isEqualTo("created_at");
		assertThat(plain.field("someURLValue").column()).isEqualTo("some_url_value");
		assertThat(plain.field("color").type()).isEqualTo(FieldType.CHAR_ENUM);
		assertThat(plain.field("color").maxLength()).isEqualTo(5);
		assertThat(plain.findField("hidden")).isNull();
		assertThat(plain.pk().generated()).isTrue();
		assertThat(plain.newInstance()).isInstanceOf(Plain.class);
	}

	@Test
	void relatedNameNoneMeansNoBackwardRelation() {
		Apps apps = apps(Owner.class, Pet.class);
		assertThat(apps.meta(Owner.class).fields().stream().map(FieldMeta::name)).containsExactly("id");
		assertThat(apps.meta(Pet.class).field("owner").relatedName()).isNull();
	}

	// --- mistakes ---------------------------------------------------------------

	@Test
	void twoPrimaryKeys() {
		assertThatThrownBy(() -> apps(TwoPks.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Model TwoPks has more than one primary key: a, b");
	}

	@Test
	void noPrimaryKey() {
		assertThatThrownBy(() -> apps(NoPk.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Model NoPk has no primary key");
	}

	@Test
	void badModelReferenceFormatQuotesTheValueAndTheField() {
		assertThatThrownBy(() -> apps(BadFormat.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Foreign key accepts model name in format \"app.Model\", got \"Target\"")
			.hasMessageContaining("BadFormat.target");
	}

	@Test
	void unknownAppInReference() {
		assertThatThrownBy(() -> apps(UnknownApp.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("No app with name \"nope\" registered")
			.hasMessageContaining("UnknownApp.target")
			.hasMessageContaining("Registered apps: models");
	}

	@Test
	void unknownModelInReference() {
		assertThatThrownBy(() -> apps(UnknownModel.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("No model with name \"Nope\" registered in app \"models\"")
			.hasMessageContaining("UnknownModel.target");
	}

	@Test
	void relationToAClassOfNoApp() {
		assertThatThrownBy(() -> apps(UnknownModel.class)).isInstanceOf(ConfigurationException.class);
		assertThatThrownBy(() -> apps(ToUnregistered.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("ToUnregistered.target points to")
			.hasMessageContaining("not a model of any configured app");
	}

	@Test
	void toFieldMissingOrNotUnique() {
		assertThatThrownBy(() -> apps(ToMissing.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("ToMissing.target has toField \"nope\", but model Target has no such column field");
		assertThatThrownBy(() -> apps(ToNotUnique.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Target.name is not unique");
	}

	@Test
	void setNullNeedsNullable() {
		assertThatThrownBy(() -> apps(SetNullNotNullable.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("If on_delete is SET_NULL, then field must have null=True set")
			.hasMessageContaining("SetNullNotNullable.target");
	}

	@Test
	void setNullOnManyToManyIsRefused() {
		assertThatThrownBy(() -> apps(SetNullM2M.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("SetNullM2M.targets is a many-to-many relation with onDelete = SET_NULL");
	}

	@Test
	void unsupportedJavaType() {
		assertThatThrownBy(() -> apps(WithDate.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("WithDate.when has unsupported Java type java.util.Date");
		assertThatThrownBy(() -> apps(WithBigDecimal.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("@DecimalField");
	}

	@Test
	void annotationThatDoesNotFitTheJavaType() {
		assertThatThrownBy(() -> apps(IntOnString.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("IntOnString.count is annotated @IntField but its Java type is String");
	}

	@Test
	void badDefaultValue() {
		assertThatThrownBy(() -> apps(BadDefault.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("BadDefault.count has default value \"ten\"");
	}

	@Test
	void twoModelsWithOneTable() {
		assertThatThrownBy(() -> apps(SameTableA.class, SameTableB.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Table \"shared\" is used by both model models.SameTableA and model models.SameTableB");
	}

	@Test
	void throughTableClashingWithAModelTable() {
		assertThatThrownBy(() -> apps(ThroughClash.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Table \"target\"");
	}

	@Test
	void reverseRelationThatNothingFills() {
		assertThatThrownBy(() -> apps(Lonely.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Field Lonely.fans is declared as a backward relation, but no relation fills it");
	}

	@Test
	void duplicateBackwardRelationNames() {
		assertThatThrownBy(() -> apps(DoubleLink.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("backward relation \"links\" of DoubleLink.second clashes with the backward relation"
					+ " of DoubleLink.first on model Target");
	}

	@Test
	void relatedNameClashingWithAField() {
		assertThatThrownBy(() -> apps(ClashWithField.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("backward relation \"name\" of ClashWithField.target clashes with field Target.name");
	}

	@Test
	void relatedNameNoneOnManyToManyIsRefused() {
		assertThatThrownBy(() -> apps(NoneM2M.class, Target.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("RelatedName.NONE");
	}

	@Test
	void missingModule() {
		assertThatThrownBy(() -> Apps.discover(Map.of("models", List.of("com.example.nowhere")), null, null))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Module \"com.example.nowhere\" not found");
	}

	@Test
	void classThatIsNotAModel() {
		assertThatThrownBy(() -> Apps.discover(Map.of("models", List.of(String.class.getName())), null, null))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("is a class but not a model");
	}

	@Test
	void aModelListedByTwoAppsBelongsToTheFirstAsInTortoise() {
		Map<String, List<String>> modules = new LinkedHashMap<>();
		modules.put("one", List.of(Target.class.getName()));
		modules.put("two", List.of(Target.class.getName()));
		Apps apps = Apps.discover(modules, null, null);
		assertThat(apps.model("one.Target").modelClass()).isEqualTo(Target.class);
		assertThat(apps.models("two")).as("skipped by the later app").isEmpty();
		modules.clear();
		modules.put("two", List.of(Target.class.getName()));
		modules.put("one", List.of(Target.class.getName()));
		assertThat(Apps.discover(modules, null, null).model("two.Target").modelClass()).as("the order of the apps decides")
			.isEqualTo(Target.class);
	}

	@Test
	void modelPinnedToAnAppThatDoesNotExist() {
		assertThatThrownBy(() -> Apps.discover(Map.of("blog", List.of("dev.tortoise.testmodels.pinned")), null, null))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("AuditEntry is pinned to app \"audit\"");
	}

	@Test
	void relationDeclaredWithTheWrongType() {
		assertThatThrownBy(() -> apps(WrongType.class, Target.class, Owner.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("WrongType.target refers to \"models.Target\"");
	}

	@Test
	void nestedClassesCanBeListedByCanonicalName() {
		Apps apps = Apps.discover(Map.of("models", List.of(Plain.class.getCanonicalName())), null, null);
		assertThat(apps.meta(Plain.class).table()).isEqualTo("plain");
	}

	// --- models -----------------------------------------------------------------

	enum Color {
		RED, GREEN
	}

	@dev.tortoise.models.Model
	static class Plain {

		Integer id;

		String title;

		java.time.OffsetDateTime createdAt;

		long someURLValue;

		Color color;

		transient String hidden;

	}

	@dev.tortoise.models.Model
	static class Target {

		Integer id;

		@CharField(maxLength = 20)
		String name;

	}

	@Test
	void aDefaultFactoryThatCannotBeMadeOrThatClashesIsAConfigurationError() {
		assertThatThrownBy(() -> apps(Unmakeable.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Unmakeable.token")
			.hasMessageContaining("give it a public constructor without arguments");
		assertThatThrownBy(() -> apps(TwoDefaults.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("TwoDefaults.token has both defaultValue and @DefaultFactory");
	}

	@dev.tortoise.models.Model(ordering = "-nmae")
	static class BadOrdering {

		Integer id;

		String name;

	}

	@Test
	void anOrderingThatNamesNoFieldIsAConfigurationError() {
		assertThatThrownBy(() -> apps(BadOrdering.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("@Model(ordering) on model BadOrdering names \"-nmae\", which is not a field");
	}

	/** A supplier with no constructor the reader can call. */
	static final class NeedsArgument implements java.util.function.Supplier<String> {

		NeedsArgument(String prefix) {
		}

		@Override
		public String get() {
			return "x";
		}

	}

	@dev.tortoise.models.Model
	static class Unmakeable {

		Integer id;

		@dev.tortoise.fields.DefaultFactory(NeedsArgument.class)
		String token;

	}

	@dev.tortoise.models.Model
	static class TwoDefaults {

		Integer id;

		@dev.tortoise.fields.DefaultFactory(dev.tortoise.testmodels.query.Tenant.Tokens.class)
		@CharField(maxLength = 10, defaultValue = "x")
		String token;

	}

	@dev.tortoise.models.Model
	static class Owner {

		Integer id;

	}

	@dev.tortoise.models.Model
	static class Pet {

		Integer id;

		@ForeignKeyField(relatedName = RelatedName.NONE)
		Owner owner;

	}

	@dev.tortoise.models.Model
	static class TwoPks {

		@IntField(pk = true)
		int a;

		@IntField(pk = true)
		int b;

	}

	@dev.tortoise.models.Model
	static class NoPk {

		String name;

	}

	@dev.tortoise.models.Model
	static class BadFormat {

		Integer id;

		@ForeignKeyField("Target")
		Target target;

	}

	@dev.tortoise.models.Model
	static class UnknownApp {

		Integer id;

		@ForeignKeyField("nope.Target")
		Target target;

	}

	@dev.tortoise.models.Model
	static class UnknownModel {

		Integer id;

		@ForeignKeyField("models.Nope")
		Target target;

	}

	static class NotRegistered {

		Integer id;

	}

	@dev.tortoise.models.Model
	static class ToUnregistered {

		Integer id;

		@ForeignKeyField
		NotRegistered target;

	}

	@dev.tortoise.models.Model
	static class ToMissing {

		Integer id;

		@ForeignKeyField(toField = "nope")
		Target target;

	}

	@dev.tortoise.models.Model
	static class ToNotUnique {

		Integer id;

		@ForeignKeyField(toField = "name")
		Target target;

	}

	@dev.tortoise.models.Model
	static class SetNullNotNullable {

		Integer id;

		@ForeignKeyField(onDelete = OnDelete.SET_NULL)
		Target target;

	}

	@dev.tortoise.models.Model
	static class SetNullM2M {

		Integer id;

		@ManyToManyField(onDelete = OnDelete.SET_NULL)
		ManyToManyRelation<Target> targets;

	}

	@dev.tortoise.models.Model
	static class WithDate {

		Integer id;

		Date when;

	}

	@dev.tortoise.models.Model
	static class WithBigDecimal {

		Integer id;

		BigDecimal price;

	}

	@dev.tortoise.models.Model
	static class IntOnString {

		Integer id;

		@IntField
		String count;

	}

	@dev.tortoise.models.Model
	static class BadDefault {

		Integer id;

		@IntField(defaultValue = "ten")
		int count;

	}

	@dev.tortoise.models.Model(table = "shared")
	static class SameTableA {

		Integer id;

	}

	@dev.tortoise.models.Model(table = "shared")
	static class SameTableB {

		Integer id;

	}

	@dev.tortoise.models.Model
	static class ThroughClash {

		Integer id;

		@ManyToManyField(through = "target")
		ManyToManyRelation<Target> targets;

	}

	@dev.tortoise.models.Model
	static class Lonely {

		Integer id;

		ReverseRelation<Target> fans;

	}

	@dev.tortoise.models.Model
	static class DoubleLink {

		Integer id;

		@ForeignKeyField(relatedName = "links")
		Target first;

		@ForeignKeyField(relatedName = "links")
		Target second;

	}

	@dev.tortoise.models.Model
	static class ClashWithField {

		Integer id;

		@OneToOneField(relatedName = "name")
		Target target;

	}

	@dev.tortoise.models.Model
	static class NoneM2M {

		Integer id;

		@ManyToManyField(relatedName = RelatedName.NONE)
		ManyToManyRelation<Target> targets;

	}

	@dev.tortoise.models.Model
	static class WrongType {

		Integer id;

		@ForeignKeyField("models.Target")
		Owner target;

	}

	@dev.tortoise.models.Model
	static class Priced {

		Integer id;

		@DecimalField(maxDigits = 5, decimalPlaces = 2)
		BigDecimal price;

	}

}

package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;

@Model(table = "sometable")
@Index({ "chars" })
public class SourceFields {

	@IntField(pk = true, source = "sometable_id")
	Integer id;

	@CharField(maxLength = 255, source = "some_chars_table", index = true)
	String chars;

	@ForeignKeyField(value = "models.SourceFields", relatedName = "team_members", nullable = true,
			source = "fk_sometable")
	SourceFields fk;

	@ManyToManyField(value = "models.SourceFields", relatedName = "rel_from", through = "sometable_self",
			forwardKey = "sts_forward", backwardKey = "backward_sts")
	ManyToManyRelation<SourceFields> relTo;

}

package dev.tortoise.benchmarks.suite.shape3;

import java.math.BigDecimal;
import java.util.Map;
import dev.tortoise.benchmarks.suite.JournalFields;
import dev.tortoise.fields.*;
import dev.tortoise.models.Model;

/** Shape 3: the wide journal, 4 sets of 8 typed columns, two with defaults and two nullable. */
@Model
public class Journal extends JournalFields {

	@FloatField(defaultValue = "2.2")
	public Double colFloat1;

	@SmallIntField(defaultValue = "2")
	public Short colSmallint1;

	@IntField(defaultValue = "2000000")
	public Integer colInt1;

	@BigIntField(defaultValue = "99999999")
	public Long colBigint1;

	@CharField(maxLength = 255, defaultValue = "value1")
	public String colChar1;

	@TextField(defaultValue = "Moo,Foo,Baa,Waa,Moo,Foo,Baa,Waa,Moo,Foo,Baa,Waa")
	public String colText1;

	@DecimalField(maxDigits = 12, decimalPlaces = 8, defaultValue = "2.2")
	public BigDecimal colDecimal1;

	@JSONField(defaultValue = "{\"a\": 1, \"b\": \"b\", \"c\": [2], \"d\": {\"e\": 3}, \"f\": true}")
	public Map<String, Object> colJson1;

	@FloatField(nullable = true)
	public Double colFloat2;

	@SmallIntField(nullable = true)
	public Short colSmallint2;

	@IntField(nullable = true)
	public Integer colInt2;

	@BigIntField(nullable = true)
	public Long colBigint2;

	@CharField(maxLength = 255, nullable = true)
	public String colChar2;

	@TextField(nullable = true)
	public String colText2;

	@DecimalField(maxDigits = 12, decimalPlaces = 8, nullable = true)
	public BigDecimal colDecimal2;

	@JSONField(nullable = true)
	public Map<String, Object> colJson2;

	@FloatField(defaultValue = "2.2")
	public Double colFloat3;

	@SmallIntField(defaultValue = "2")
	public Short colSmallint3;

	@IntField(defaultValue = "2000000")
	public Integer colInt3;

	@BigIntField(defaultValue = "99999999")
	public Long colBigint3;

	@CharField(maxLength = 255, defaultValue = "value1")
	public String colChar3;

	@TextField(defaultValue = "Moo,Foo,Baa,Waa,Moo,Foo,Baa,Waa,Moo,Foo,Baa,Waa")
	public String colText3;

	@DecimalField(maxDigits = 12, decimalPlaces = 8, defaultValue = "2.2")
	public BigDecimal colDecimal3;

	@JSONField(defaultValue = "{\"a\": 1, \"b\": \"b\", \"c\": [2], \"d\": {\"e\": 3}, \"f\": true}")
	public Map<String, Object> colJson3;

	@FloatField(nullable = true)
	public Double colFloat4;

	@SmallIntField(nullable = true)
	public Short colSmallint4;

	@IntField(nullable = true)
	public Integer colInt4;

	@BigIntField(nullable = true)
	public Long colBigint4;

	@CharField(maxLength = 255, nullable = true)
	public String colChar4;

	@TextField(nullable = true)
	public String colText4;

	@DecimalField(maxDigits = 12, decimalPlaces = 8, nullable = true)
	public BigDecimal colDecimal4;

	@JSONField(nullable = true)
	public Map<String, Object> colJson4;

}

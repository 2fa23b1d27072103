package dev.tortoise.testmodels.query;

import dev.tortoise.fields.JsonCodec;

/** Writes a point as {@code [x, y]}, as a Python service's encoder might. */
public final class PointCodec implements JsonCodec<Point> {

	@Override
	public String encode(Point value) {
		return "[" + value.x() + ", " + value.y() + "]";
	}

	@Override
	public Point decode(String json) {
		String[] parts = json.trim().replace("[", "").replace("]", "").split(",");
		if (parts.length != 2) {
			throw new IllegalArgumentException("expected [x, y], got " + json);
		}
		return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
	}

}

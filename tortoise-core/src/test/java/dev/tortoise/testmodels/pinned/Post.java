package dev.tortoise.testmodels.pinned;

import dev.tortoise.models.Model;

@Model
public class Post {

	Long id;

	String title;

}

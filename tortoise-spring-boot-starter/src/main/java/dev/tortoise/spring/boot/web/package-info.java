/** Tortoise in web applications: its exceptions as problem details. */
@NullMarked
package dev.tortoise.spring.boot.web;

import org.jspecify.annotations.NullMarked;

/** Models as JSON: a Jackson module the starter registers when Jackson 3 is present. */
@NullMarked
package dev.tortoise.spring.boot.json;

import org.jspecify.annotations.NullMarked;

/** Field and relation annotations, and the relation containers models declare. */
@NullMarked
package dev.tortoise.fields;

import org.jspecify.annotations.NullMarked;

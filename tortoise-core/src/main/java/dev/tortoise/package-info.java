/** Entry points: Tortoise.init, initModels and run, and the context they set up. */
@NullMarked
package dev.tortoise;

import org.jspecify.annotations.NullMarked;

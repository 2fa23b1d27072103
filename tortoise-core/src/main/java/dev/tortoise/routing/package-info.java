/** Read/write routing of models to connections. */
@NullMarked
package dev.tortoise.routing;

import org.jspecify.annotations.NullMarked;

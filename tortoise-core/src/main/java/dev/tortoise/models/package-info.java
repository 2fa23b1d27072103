/** Model annotations, the registry of apps, and the metadata built once at init. */
@NullMarked
package dev.tortoise.models;

import org.jspecify.annotations.NullMarked;

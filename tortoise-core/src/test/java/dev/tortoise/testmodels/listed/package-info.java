/** Tortoise's {@code __models__}: only {@link dev.tortoise.testmodels.listed.Listed} is a model of this module. */
@Models(Listed.class)
package dev.tortoise.testmodels.listed;

import dev.tortoise.models.Models;

/** Ten versions of one set of models, each a step of a migration chain. */
package dev.tortoise.testmodels.chain;

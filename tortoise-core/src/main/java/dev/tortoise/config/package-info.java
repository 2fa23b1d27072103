/** Configuration: connections, apps, pools, and Tortoise's URL and CONFIG formats. */
@NullMarked
package dev.tortoise.config;

import org.jspecify.annotations.NullMarked;

package dev.tortoise.spring.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Bootstraps {@link TortoiseTest @TortoiseTest}: applies its {@code properties}. */
final class TortoiseTestContextBootstrapper extends TestSliceTestContextBootstrapper<TortoiseTest> {

}

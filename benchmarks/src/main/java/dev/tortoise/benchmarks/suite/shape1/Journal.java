package dev.tortoise.benchmarks.suite.shape1;

import dev.tortoise.benchmarks.suite.JournalFields;
import dev.tortoise.models.Model;

/** Shape 1 of Tortoise's orm-benchmarks: the simple journal (4 fields). */
@Model
public class Journal extends JournalFields {
}

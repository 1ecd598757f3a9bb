package ru.otklik.e2e.fuzz;

import java.util.Random;

/** Builds request number {@code index} of a campaign from {@code random}, which is derived from the seed and the index alone. */
@FunctionalInterface
interface RequestSource {
    FuzzRequest next(long index, Random random);
}

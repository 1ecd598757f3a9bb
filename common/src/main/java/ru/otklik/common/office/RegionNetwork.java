package ru.otklik.common.office;

/** A centralised region is one legal job centre with branches; the composite index differs per kind. */
public enum RegionNetwork {
    CENTRALISED, DECENTRALISED
}

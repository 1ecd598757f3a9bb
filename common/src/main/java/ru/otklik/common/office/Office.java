package ru.otklik.common.office;

/** A job centre office (ЦЗН, a "point of presence") and the region (СЗН) it belongs to. */
public record Office(String regionCode, String regionName, String code, String name, RegionNetwork network) {
}

package ru.otklik.dashboards.office;

import ru.otklik.dashboards.figures.Net;
import ru.otklik.dashboards.figures.Share;

/** The pulse survey: NPS and CES in points −100..100, CSAT as the share of "met" or better. */
public record PulseFigures(Net nps, Net ces, Share csat) {
}

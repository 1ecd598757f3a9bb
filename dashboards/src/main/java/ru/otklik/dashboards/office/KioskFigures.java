package ru.otklik.dashboards.office;

import java.util.List;
import ru.otklik.dashboards.figures.Share;

/** Kiosk taps: total, per button 1 (very unhappy) … 4 (very happy), and satisfaction (buttons 3+4). */
public record KioskFigures(long taps, List<Long> buttons, Share satisfaction) {
}

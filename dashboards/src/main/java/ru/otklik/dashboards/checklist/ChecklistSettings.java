package ru.otklik.dashboards.checklist;

import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.response.Topics;

/**
 * Settings of the objective checklists (issue 13).
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>checklists.evidence.max-bytes</td><td>OTKLIK_EVIDENCE_MAX_BYTES</td><td>5242880 (5 MiB), 1 KiB..20 MiB</td></tr>
 * <tr><td>kafka.topic.checklist-reports</td><td>OTKLIK_CHECKLIST_REPORTS_TOPIC</td><td>checklists.reports</td></tr>
 * </table>
 */
public record ChecklistSettings(int evidenceMaxBytes, String reportsTopic) {

    public static final int DEFAULT_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

    public ChecklistSettings {
        if (evidenceMaxBytes < 1024 || evidenceMaxBytes > 20 * 1024 * 1024) {
            throw new IllegalArgumentException("evidenceMaxBytes must be 1 KiB..20 MiB");
        }
    }

    public static ChecklistSettings defaults() {
        return new ChecklistSettings(DEFAULT_EVIDENCE_MAX_BYTES, Topics.CHECKLIST_REPORTS);
    }

    public static ChecklistSettings from(Settings s) {
        return new ChecklistSettings(
                s.integer("checklists.evidence.max-bytes", "OTKLIK_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES,
                        1024, 20 * 1024 * 1024),
                s.get("kafka.topic.checklist-reports", "OTKLIK_CHECKLIST_REPORTS_TOPIC", Topics.CHECKLIST_REPORTS,
                        SettingParser.REQUIRED_TEXT));
    }
}

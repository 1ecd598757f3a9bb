package ru.otklik.dashboards.web;

import java.util.Map;

/** The shell every page shares: head, top bar with language switch and sign-out, page script and texts. */
final class PageLayout {

    /** ECharts, its Russian texts and charts.js: every page may draw a chart, and the browser caches them. */
    private static final String CHART_SCRIPTS = ChartAssets.SCRIPTS.stream()
            .map(src -> "<script src=\"" + src + "\"></script>").collect(java.util.stream.Collectors.joining());

    private PageLayout() {
    }

    /**
     * @param data   {@code data-*} attributes of {@code <body>} that the page script reads (values escaped here)
     * @param user   signed-in username, or null on the login page
     */
    static String render(String lang, String title, Map<String, String> data, String user, String path, String main) {
        return render(lang, title, data, user, path, main, "/assets/dashboard.js");
    }

    /** The same with another page script ({@code /assets/...}, a constant of the route, never from the request). */
    static String render(String lang, String title, Map<String, String> data, String user, String path, String main,
                         String script) {
        StringBuilder attrs = new StringBuilder();
        data.forEach((k, v) -> attrs.append(" data-").append(k).append("=\"").append(Html.esc(v)).append('"'));
        String other = "en".equals(lang) ? "ru" : "en";
        String nav = "<a class=\"lang\" id=\"lang-switch\" href=\"" + Html.esc(path) + "?lang=" + other + "\">"
                + other.toUpperCase(java.util.Locale.ROOT) + "</a>"
                + (user == null ? "" : IndexNav.links(lang)) // the composite index and the methodology (issue 13)
                + (user == null ? "" : "<span class=\"user\">" + Html.esc(user) + "</span>"
                + "<form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\">"
                + Html.esc(PageTexts.get("logout", lang)) + "</button></form>");
        return "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.esc(title) + " · " + Html.esc(PageTexts.get("app", lang)) + "</title>"
                + "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head>"
                + "<body" + attrs + "><header class=\"top\"><a class=\"brand\" href=\"/\">"
                + Html.esc(PageTexts.get("app", lang)) + "</a><nav>" + nav + "</nav></header>"
                + "<main>" + main + "</main>"
                + "<script type=\"application/json\" id=\"texts\">"
                + Html.scriptJson(JsonBody.write(PageTexts.all(lang))) + "</script>"
                + CHART_SCRIPTS
                + "<script src=\"" + Html.esc(script) + "\"></script></body></html>";
    }
}

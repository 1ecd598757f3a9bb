/**
 * The HTTP rules every Otklik server applies the same way, as pure Java (no Javalin, no Jetty), so
 * ingest and the dashboards share one implementation: media types ({@link ru.otklik.common.http.MediaType}),
 * strict UTF-8 ({@link ru.otklik.common.http.StrictUtf8}) and form bodies decoded with it
 * ({@link ru.otklik.common.http.FormBody}), the client address behind trusted proxies
 * ({@link ru.otklik.common.http.TrustedProxies}), and the deadlines of slow clients
 * ({@link ru.otklik.common.http.ReadDeadlines}).
 */
package ru.otklik.common.http;

package ru.otklik.dashboards;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar otklik-dashboards.jar}: configuration from {@code OTKLIK_DASHBOARDS_CONFIG} and env overrides. */
public final class DashboardsMain {

    private DashboardsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DashboardsConfig config = DashboardsConfig.fromEnvironment(System.getenv());
        DashboardsApp app = DashboardsApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "dashboards-shutdown"));
        System.out.println("READY dashboards port=" + app.port());
        stopped.await();
    }
}

import cn.sc.dwpolicy.Engine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Microseconds per evaluation through the Java binding ({@code Engine.evaluate(String)}, so
 * including UTF-8 conversion both ways, and {@code evaluateUtf8(byte[])}): the example cases in
 * turn on one thread, then on two threads sharing one engine. Wall clock per case (throughput)
 * and CPU time per case (the sum of the threads' CPU time; steadier on a busy machine).
 * Usage: {@code Bench EXAMPLES_DIR [N]} (N evaluations per measurement, default 50,000).
 */
public final class Bench {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/cases");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<String> cases = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".json")).sorted()
                    ::iterator) {
                cases.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        List<byte[]> raw = new ArrayList<>();
        for (String c : cases) raw.add(c.getBytes(StandardCharsets.UTF_8));
        try (Engine engine = new Engine()) {
            run(engine, cases, raw, Math.max(n / 5, 1000), 1, false); // warm-up (JIT)
            run(engine, cases, raw, Math.max(n / 5, 1000), 1, true);
            System.out.printf("libdwpolicy %s through JNA, %d example cases, %,d evaluations "
                    + "per line%n", Engine.version(), cases.size(), n);
            for (boolean bytes : new boolean[] {false, true}) {
                for (int threads : new int[] {1, 2}) {
                    double[] us = run(engine, cases, raw, n, threads, bytes);
                    System.out.printf("%-22s %d thread%s: %6.2f µs/case wall (%,.0f cases/s), "
                            + "%6.2f µs/case CPU%n", bytes ? "evaluateUtf8(byte[])"
                            : "evaluate(String)", threads, threads == 1 ? " " : "s", us[0],
                            1e6 / us[0], us[1]);
                }
            }
        }
    }

    /** {wall µs per case, CPU µs per case} for n evaluations split over the threads. */
    private static double[] run(Engine engine, List<String> cases, List<byte[]> raw, int n,
            int threads, boolean bytes) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        long[] cpu = new long[threads];
        int count = n / threads;
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long c0 = MX.getCurrentThreadCpuTime();
                long len = 0;
                for (int k = 0; k < count; k++) {
                    int i = (k + id) % cases.size();
                    len += bytes ? engine.evaluateUtf8(raw.get(i)).length
                            : engine.evaluate(cases.get(i)).length();
                }
                cpu[id] = MX.getCurrentThreadCpuTime() - c0 + (len == 0 ? 1 : 0);
            });
            th.start();
            ts.add(th);
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread th : ts) th.join();
        long dt = System.nanoTime() - t0;
        long cpuSum = 0;
        for (long c : cpu) cpuSum += c;
        int done = count * threads;
        return new double[] {dt / 1e3 / done, cpuSum / 1e3 / done};
    }
}

package cn.sc.dwpolicy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** 4 threads × 10,000 evaluations through one shared Engine; every result as in a serial run. */
public class LoadTest {
    static final int THREADS = 4;
    static final int PER_THREAD = Integer.getInteger("dwpolicy.load.n", 10_000);

    @Test(timeout = 60_000)
    public void fourThreadsShareOneEngine() throws Exception {
        // The three worked examples, through the example rules directory so that a Lua
        // override and a local rule run for the 锦江区 case.
        List<String> cases = new ArrayList<>();
        for (Path p : Fixtures.exampleCases()) cases.add(Fixtures.read(p));
        String rules = Fixtures.root().resolve("examples/rules").toString();
        try (Engine engine = new Engine(rules)) {
            List<String> expected = new ArrayList<>();
            for (String c : cases) expected.add(engine.evaluate(c));

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long t0 = System.nanoTime();
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                fs.add(pool.submit(() -> {
                    int n = 0;
                    for (int k = 0; k < PER_THREAD; k++) {
                        int i = (k + offset) % cases.size();
                        String got = engine.evaluate(cases.get(i));
                        if (!got.equals(expected.get(i)))
                            throw new AssertionError("result " + i + " differs at " + k);
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : fs) total += f.get();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            double s = (System.nanoTime() - t0) / 1e9;
            assertEquals(THREADS * PER_THREAD, total);
            System.out.printf("     load: %d evaluations on %d threads in %.2f s (%.0f per second)%n",
                    total, THREADS, s, total / s);
        }
    }
}

package cn.sc.dwpolicy;

import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Runs the JUnit 4 test classes given as arguments (default: all of this binding's), prints
 * one line per test and ends with the line {@code N passed, N failed}; exits 1 on any failure.
 */
public final class TestMain {
    private TestMain() {}

    public static void main(String[] args) throws Exception {
        Class<?>[] classes;
        if (args.length == 0) {
            classes = new Class<?>[] {EngineTest.class, ExampleTest.class, LoadTest.class};
        } else {
            classes = new Class<?>[args.length];
            for (int k = 0; k < args.length; k++) classes[k] = Class.forName(args[k]);
        }
        JUnitCore core = new JUnitCore();
        core.addListener(new RunListener() {
            private final java.util.Set<Description> failed =
                    java.util.Collections.synchronizedSet(new java.util.HashSet<>());
            private final java.util.Map<Description, Long> started =
                    new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void testStarted(Description d) {
                started.put(d, System.nanoTime());
            }

            @Override
            public void testFailure(Failure f) {
                failed.add(f.getDescription());
                System.out.println("FAIL " + name(f.getDescription()));
                System.out.println(f.getTrace());
            }

            @Override
            public void testAssumptionFailure(Failure f) {
                System.out.println("SKIP " + name(f.getDescription()) + ": " + f.getMessage());
            }

            @Override
            public void testFinished(Description d) {
                if (!failed.contains(d)) {
                    long ms = (System.nanoTime() - started.getOrDefault(d, System.nanoTime()))
                            / 1_000_000;
                    System.out.println("ok   " + name(d) + " (" + ms + " ms)");
                }
            }
        });
        Result r = core.run(classes);
        int failed = r.getFailureCount();
        int skipped = r.getIgnoreCount() + r.getAssumptionFailureCount();
        int passed = r.getRunCount() - failed - r.getAssumptionFailureCount();
        System.out.println(passed + " passed, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        System.exit(failed == 0 ? 0 : 1);
    }

    private static String name(Description d) {
        return d.getTestClass().getSimpleName() + "." + d.getMethodName();
    }
}

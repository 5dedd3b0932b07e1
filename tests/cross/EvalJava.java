import cn.sc.dwpolicy.DwPolicyException;
import cn.sc.dwpolicy.Engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Java side of tests/cross/run.sh: {@code java EvalJava OUTDIR CASE.json...}.
 *
 * One {@link Engine} (embedded rules) evaluates every case in this process with
 * {@link Engine#evaluate(String)} and writes the returned String, UTF-8 encoded, to
 * OUTDIR/&lt;file name of CASE.json&gt;. A {@link DwPolicyException} that carries a result
 * (ERULES, ESCRIPT, ELIMIT: undecided benefits have status "error") writes that result, as the
 * CLI prints it. Exit 1 when a case failed.
 */
public final class EvalJava {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: EvalJava OUTDIR CASE.json...");
            System.exit(2);
        }
        Path outdir = Paths.get(args[0]);
        int failures = 0;
        try (Engine engine = new Engine()) {
            for (int i = 1; i < args.length; i++) {
                Path path = Paths.get(args[i]);
                try {
                    String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
                    String result;
                    try {
                        result = engine.evaluate(text);
                    } catch (DwPolicyException e) {
                        if (e.getResultJson() == null) throw e;
                        result = e.getResultJson();
                    }
                    Files.write(outdir.resolve(path.getFileName()),
                            result.getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    System.err.println("EvalJava: " + path + ": " + e);
                    failures++;
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}

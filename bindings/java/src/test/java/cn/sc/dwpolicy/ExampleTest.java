package cn.sc.dwpolicy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Assume;
import org.junit.Test;

/** Runs examples/Evaluate.java as a user would, and compares its output with the CLI's. */
public class ExampleTest {
    private static byte[] runExample(List<String> args, int expectStatus) throws Exception {
        String cp = System.getProperty("dwpolicy.examples.cp");
        Assume.assumeNotNull(cp);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Ddwpolicy.library=" + System.getProperty("dwpolicy.library", ""));
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add("Evaluate");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(b);
        }
        assertEquals("exit status of Evaluate " + args, expectStatus, p.waitFor());
        return b.toByteArray();
    }

    @Test
    public void evaluateExampleMatchesCli() throws Exception {
        for (Path f : Fixtures.exampleCases()) {
            assertArrayEquals(Fixtures.runCli("eval", f.toString()),
                    runExample(List.of(f.toString()), 0));
        }
        Path f = Fixtures.root().resolve("examples/cases/chengdu-serious-illness.json");
        String rules = Fixtures.root().resolve("examples/rules").toString();
        assertArrayEquals(Fixtures.runCli("eval", "--rules", rules, "--lang", "en", f.toString()),
                runExample(List.of("--rules", rules, "--lang", "en", f.toString()), 0));
    }
}

package cn.sc.dwpolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the source tree and rule directories the tests write. */
final class Fixtures {
    private Fixtures() {}

    /** The repository root: system property dwpolicy.root (set by run_tests.sh). */
    static Path root() {
        String r = System.getProperty("dwpolicy.root");
        if (r == null) throw new IllegalStateException("set -Ddwpolicy.root=<repository root>");
        return Path.of(r);
    }

    /** The three SPEC §5a worked examples, sorted by file name. */
    static List<Path> exampleCases() throws IOException {
        try (Stream<Path> s = Files.list(root().resolve("examples/cases"))) {
            List<Path> l = new ArrayList<>();
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(l::add);
            return l;
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static String example(String name) throws IOException {
        return read(root().resolve("examples/cases").resolve(name));
    }

    /** The CLI: system property dwpolicy.cli, else build/cli/dwpolicy under the root. */
    static Path cli() {
        String c = System.getProperty("dwpolicy.cli");
        return c != null ? Path.of(c) : root().resolve("build/cli/dwpolicy");
    }

    /** Runs the CLI and returns its standard output (bytes); fails on exit status ≥ 2. */
    static byte[] runCli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(cli().toString());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            out = b.toByteArray();
        }
        int rc = p.waitFor();
        if (rc >= 2) throw new AssertionError("dwpolicy " + cmd + " exited " + rc);
        return out;
    }

    /** A new temporary directory holding the given rule files (name, text, name, text, …). */
    static Path rulesDir(String... nameAndText) throws IOException {
        Path d = Files.createTempDirectory("dwpolicy-rules-");
        for (int k = 0; k < nameAndText.length; k += 2) {
            Files.writeString(d.resolve(nameAndText[k]), nameAndText[k + 1],
                    StandardCharsets.UTF_8);
        }
        return d;
    }

    static void delete(Path d) throws IOException {
        if (d == null || !Files.exists(d)) return;
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** An override of dibao.single_person in 锦江区 that raises an error. */
    static final String RAISING_OVERRIDE = "region { code = \"510104\", name = \"锦江区\" }\n"
            + "override \"dibao.single_person\" (function (case, base)\n"
            + "  error(\"锦江区测试错误\")\n"
            + "end)\n";

    /** An override that never returns (stopped by the instruction or time limit). */
    static final String LOOPING_OVERRIDE = "region { code = \"510104\", name = \"锦江区\" }\n"
            + "override \"dibao.single_person\" (function (case, base)\n"
            + "  ::again::\n"
            + "  goto again\n"
            + "end)\n";

    /** A file that defines the same override twice (line 5 is the second): does not load. */
    static final String DUPLICATE_OVERRIDE = "region { code = \"510104\", name = \"锦江区\" }\n"
            + "override \"dibao.single_person\" (function (case, base)\n"
            + "  return base()\n"
            + "end)\n"
            + "override \"dibao.single_person\" (function (case, base)\n"
            + "  return base()\n"
            + "end)\n";
}

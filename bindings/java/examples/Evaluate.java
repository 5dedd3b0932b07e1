import cn.sc.dwpolicy.DwPolicyException;
import cn.sc.dwpolicy.Engine;
import cn.sc.dwpolicy.Lang;
import cn.sc.dwpolicy.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Evaluates a case file and prints the result JSON, like {@code dwpolicy eval}.
 *
 * <pre>
 * java -cp dwpolicy.jar:/usr/share/java/jna.jar:. Evaluate [--rules DIR] [--lang en] CASE.json
 * </pre>
 *
 * Exit status: 0 every benefit decided, 1 a rule failed (the result is still printed), 2 bad
 * input or rules.
 */
public final class Evaluate {
    private Evaluate() {}

    public static void main(String[] args) throws Exception {
        String rules = null;
        Lang lang = Lang.ZH;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rules") && i + 1 < args.length) rules = args[++i];
            else if (args[i].equals("--lang") && i + 1 < args.length)
                lang = args[++i].equals("en") ? Lang.EN : Lang.ZH;
            else file = args[i];
        }
        if (file == null) {
            System.err.println("usage: Evaluate [--rules DIR] [--lang zh|en] CASE.json");
            System.exit(2);
        }
        String caseJson = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        // One engine per process in a real application: open it once, share it between threads.
        try (Engine engine = new Engine(rules, new Options(lang))) {
            System.out.println(engine.evaluate(caseJson));
        } catch (DwPolicyException e) {
            if (e.getResultJson() != null) { // a rule failed: the other benefits are decided
                System.out.println(e.getResultJson());
                System.err.println(e.getStatus().cName() + ": " + e.getLibraryMessage());
                System.exit(1);
            }
            System.err.println(e.getMessage()); // e.g. DWP_ESCHEMA: child.education.level: …
            System.exit(2);
        }
    }
}

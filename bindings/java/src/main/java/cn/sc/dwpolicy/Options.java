package cn.sc.dwpolicy;

import java.util.Objects;

/**
 * Engine options: the language of results and messages, and the limits on regional rule code
 * (Lua). Immutable; {@code 0} for a limit means the library's default (10,000,000 instructions
 * per rule call, 64 MiB per Lua state, 1000 ms per rule call). The library checks the values
 * when an engine is opened: a negative limit or a memory cap under 1 MiB is
 * {@link Status#EINVAL}.
 *
 * <pre>{@code
 * Options o = Options.DEFAULT.withLang(Lang.EN).withRuleTimeMs(200);
 * }</pre>
 */
public final class Options {
    /** Chinese, library-default limits. */
    public static final Options DEFAULT = new Options(Lang.ZH, 0, 0, 0);

    private final Lang lang;
    private final long ruleInstructions;
    private final long ruleMemoryBytes;
    private final long ruleTimeMs;

    public Options(Lang lang, long ruleInstructions, long ruleMemoryBytes, long ruleTimeMs) {
        this.lang = Objects.requireNonNull(lang, "lang");
        this.ruleInstructions = ruleInstructions;
        this.ruleMemoryBytes = ruleMemoryBytes;
        this.ruleTimeMs = ruleTimeMs;
    }

    public Options(Lang lang) {
        this(lang, 0, 0, 0);
    }

    public Lang lang() {
        return lang;
    }

    public long ruleInstructions() {
        return ruleInstructions;
    }

    public long ruleMemoryBytes() {
        return ruleMemoryBytes;
    }

    public long ruleTimeMs() {
        return ruleTimeMs;
    }

    public Options withLang(Lang l) {
        return new Options(l, ruleInstructions, ruleMemoryBytes, ruleTimeMs);
    }

    public Options withRuleInstructions(long n) {
        return new Options(lang, n, ruleMemoryBytes, ruleTimeMs);
    }

    public Options withRuleMemoryBytes(long n) {
        return new Options(lang, ruleInstructions, n, ruleTimeMs);
    }

    public Options withRuleTimeMs(long n) {
        return new Options(lang, ruleInstructions, ruleMemoryBytes, n);
    }

    @Override
    public String toString() {
        return "Options[lang=" + lang + ", ruleInstructions=" + ruleInstructions
                + ", ruleMemoryBytes=" + ruleMemoryBytes + ", ruleTimeMs=" + ruleTimeMs + "]";
    }
}

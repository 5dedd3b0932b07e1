package cn.sc.dwpolicy;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loaded set of rules and parameters (a {@code dwp_engine}): the embedded Sichuan rules, with
 * the {@code *.lua} files of a rules directory layered over them.
 *
 * <pre>{@code
 * try (Engine engine = new Engine()) {            // embedded Sichuan rules, Chinese
 *     String resultJson = engine.evaluate(caseJson); // SPEC §3 result, as the C library wrote it
 * } catch (DwPolicyException e) {
 *     // e.getStatus() == Status.ESCHEMA, e.getLibraryMessage() names the field …
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * One engine may be shared by any number of threads: {@link #evaluate} and {@link #params} run
 * concurrently (the C engine is immutable; each evaluation checks out its own Lua state).
 * {@link #close()} is safe to call at any time from any thread, any number of times: the C
 * contract says {@code dwp_engine_close} must not run while another thread uses the engine, so
 * every call holds a use count (one atomic add on entry and one on exit, no lock), and close
 * marks the engine closed and frees it only when the count is zero — at once if no call is in
 * flight, otherwise when the last in-flight call returns (close does not wait for it). A call
 * that starts after close throws {@link IllegalStateException}. An engine that is never closed
 * is freed after it becomes unreachable (a {@link Cleaner}), but close it: the GC does not know
 * how much native memory an engine holds.
 *
 * <h2>Errors</h2>
 * A failing call throws {@link DwPolicyException} carrying the status and
 * {@code dwp_last_error()}, read on the calling thread right after the call, so the message
 * is the one for this call even when other threads fail at the same time.
 */
public final class Engine implements AutoCloseable {
    /** Bit of {@link Handle#state} set by close(); the bits below it count calls in flight. */
    private static final long CLOSED = 1L << 62;
    private static final Cleaner CLEANER = Cleaner.create();
    /**
     * The {@code char **} out-parameter of each thread, reused: a new PointerByReference per call
     * would allocate native memory and register it with JNA's cleaner every time. A call never
     * re-enters the library on the same thread, so one per thread is enough.
     */
    private static final ThreadLocal<PointerByReference> OUT =
            ThreadLocal.withInitial(PointerByReference::new);

    private final DwPolicy lib;
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;
    private final Options options;

    /** The native pointer and its use count; the Cleaner's action, so it must not see Engine. */
    private static final class Handle implements Runnable {
        final DwPolicy lib;
        final Pointer engine;
        final AtomicLong state = new AtomicLong();

        Handle(DwPolicy lib, Pointer engine) {
            this.lib = lib;
            this.engine = engine;
        }

        @Override
        public void run() { // runs at most once: Cleanable.clean() guarantees it
            lib.dwp_engine_close(engine);
        }
    }

    /** The embedded Sichuan rules, default options. */
    public Engine() {
        this((String) null, Options.DEFAULT);
    }

    /** The embedded rules with the {@code *.lua} files of {@code rulesDir} (null: none). */
    public Engine(String rulesDir) {
        this(rulesDir, Options.DEFAULT);
    }

    /** The embedded Sichuan rules with these options. */
    public Engine(Options options) {
        this(null, options);
    }

    /**
     * Opens an engine ({@code dwp_engine_open_opts}).
     *
     * @param rulesDir a directory whose top-level {@code *.lua} files are layered over the
     *     embedded rules, or null for the embedded rules alone
     * @param options language and limits; null for {@link Options#DEFAULT}
     * @throws DwPolicyException {@link Status#EIO} (directory unreadable), {@link Status#ERULES}
     *     (a rule file is wrong: the message names file and line), {@link Status#EINVAL}
     *     (options out of range), {@link Status#ENOMEM}
     */
    public Engine(String rulesDir, Options options) {
        this.options = options == null ? Options.DEFAULT : options;
        this.lib = DwPolicy.lib();
        byte[] dir = DwPolicy.cString(rulesDir, "rulesDir");
        PointerByReference out = new PointerByReference();
        int rc = lib.dwp_engine_open_opts(dir, new DwpOptions(this.options), out);
        if (rc != 0) {
            String msg = DwPolicy.utf8(lib.dwp_last_error());
            throw new DwPolicyException(rc, msg, null);
        }
        this.handle = new Handle(lib, out.getValue());
        this.cleanable = CLEANER.register(this, handle);
    }

    /** The options this engine was opened with. */
    public Options options() {
        return options;
    }

    /**
     * Evaluates one case ({@code dwp_eval_json}).
     *
     * @param caseJson a SPEC §2 case as JSON
     * @return the SPEC §3 result JSON, exactly as the C library produced it
     * @throws DwPolicyException {@link Status#EPARSE} (not JSON: line and column),
     *     {@link Status#ESCHEMA} (the message names the field), or {@link Status#ERULES},
     *     {@link Status#ESCRIPT}, {@link Status#ELIMIT} with the result JSON attached
     * @throws IllegalStateException the engine is closed
     * @throws IllegalArgumentException the string holds a lone surrogate (no UTF-8 form)
     */
    public String evaluate(String caseJson) {
        Objects.requireNonNull(caseJson, "caseJson");
        return new String(evaluateUtf8(DwPolicy.utf8(caseJson, "caseJson")),
                StandardCharsets.UTF_8);
    }

    /** {@link #evaluate(String)} on UTF-8 bytes, returning the result's UTF-8 bytes. */
    public byte[] evaluateUtf8(byte[] caseJson) {
        Objects.requireNonNull(caseJson, "caseJson");
        int len = caseJson.length;
        // JNA may pass an empty array as NULL, which the library reads as a missing argument.
        byte[] buf = len == 0 ? new byte[1] : caseJson;
        PointerByReference out = OUT.get();
        acquire();
        try {
            int rc = lib.dwp_eval_json(handle.engine, buf, new SizeT(len), out);
            return take(rc, out.getValue());
        } finally {
            release();
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The parameters in force for a region on a date ({@code dwp_params_json}), as JSON.
     *
     * @param region a 6-digit region code of the ruleset, e.g. {@code "510104"}
     * @param asOf a date {@code YYYY-MM-DD}
     * @throws DwPolicyException {@link Status#ESCHEMA} for an unknown region or a bad date
     * @throws IllegalStateException the engine is closed
     */
    public String params(String region, String asOf) {
        byte[] r = DwPolicy.cString(Objects.requireNonNull(region, "region"), "region");
        byte[] d = DwPolicy.cString(Objects.requireNonNull(asOf, "asOf"), "asOf");
        PointerByReference out = OUT.get();
        acquire();
        try {
            int rc = lib.dwp_params_json(handle.engine, r, d, out);
            return new String(take(rc, out.getValue()), StandardCharsets.UTF_8);
        } finally {
            release();
            Reference.reachabilityFence(this);
        }
    }

    /** {@link #check(String, Options)} with default options (messages in Chinese). */
    public static String check(String rulesDir) {
        return check(rulesDir, Options.DEFAULT);
    }

    /**
     * Checks a rules directory as an engine would load it, reporting every problem
     * ({@code dwp_rules_check}): a JSON report
     * {@code {"ok":true|false,"ruleset":…,"files":[…],"local_rules":[…],"overrides":[…],
     * "problems":[{"file":…,"line":N,"message":…}]}}. Broken rule files are not an exception
     * (they are what the report is for).
     *
     * @throws DwPolicyException {@link Status#EIO} when the directory cannot be read,
     *     {@link Status#EINVAL}, {@link Status#ENOMEM}
     */
    public static String check(String rulesDir, Options options) {
        DwPolicy lib = DwPolicy.lib();
        byte[] dir = DwPolicy.cString(rulesDir, "rulesDir");
        PointerByReference out = new PointerByReference();
        int rc = lib.dwp_rules_check(dir, new DwpOptions(options == null ? Options.DEFAULT
                : options), out);
        return new String(take(lib, rc, out.getValue(), false), StandardCharsets.UTF_8);
    }

    /** The version of the loaded library, e.g. {@code "1.0.0"}. */
    public static String version() {
        return DwPolicy.version();
    }

    /** {@code MAJOR * 10000 + MINOR * 100 + PATCH} of the loaded library. */
    public static int versionNumber() {
        return DwPolicy.versionNumber();
    }

    /**
     * Closes the engine: later calls throw {@link IllegalStateException}; the native engine is
     * freed now, or when the last call still in flight on another thread returns. Idempotent.
     */
    @Override
    public void close() {
        AtomicLong state = handle.state;
        long s;
        do {
            s = state.get();
            if ((s & CLOSED) != 0) return;
        } while (!state.compareAndSet(s, s | CLOSED));
        if (s == 0) cleanable.clean();
    }

    /** True once {@link #close()} has been called. */
    public boolean isClosed() {
        return (handle.state.get() & CLOSED) != 0;
    }

    private void acquire() {
        if ((handle.state.getAndIncrement() & CLOSED) != 0) {
            release();
            throw new IllegalStateException("dwpolicy engine is closed");
        }
    }

    private void release() {
        // CLOSED with no call left in flight: the last one out frees the engine. clean() runs
        // the action at most once, so a late acquire() that backs out cannot free it twice.
        if (handle.state.decrementAndGet() == CLOSED) cleanable.clean();
    }

    /** Copies and frees what a call returned; throws for a failing status. */
    private byte[] take(int rc, Pointer p) {
        return take(lib, rc, p, true);
    }

    private static byte[] take(DwPolicy lib, int rc, Pointer p, boolean resultOnError) {
        byte[] bytes = null;
        try {
            if (p != null) bytes = LibC.bytes(p);
            if (rc == 0) {
                if (bytes == null) throw new DwPolicyException(rc, "the library returned NULL", null);
                return bytes;
            }
            // Read before dwp_free: the message is valid until the next library call.
            String msg = DwPolicy.utf8(lib.dwp_last_error());
            String json = resultOnError && bytes != null
                    ? new String(bytes, StandardCharsets.UTF_8) : null;
            throw new DwPolicyException(rc, msg, json);
        } finally {
            if (p != null) lib.dwp_free(p);
        }
    }

    @Override
    public String toString() {
        return "Engine[" + options + (isClosed() ? ", closed]" : "]");
    }
}

package cn.sc.dwpolicy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * The C API of libdwpolicy (dwpolicy.h) as a JNA interface, and the loader.
 *
 * <p>Most callers use {@link Engine} instead. The mapping follows the header exactly: strings
 * go in as NUL-terminated UTF-8 {@code byte[]} (built by {@link #cString}), the case as a
 * {@code byte[]} with an explicit {@link SizeT} length, what comes back through
 * {@code char **} is read from a {@link PointerByReference} and released with
 * {@link #dwp_free}; {@code const char *} returns are borrowed and returned as {@link Pointer}
 * so that they can be decoded as UTF-8 whatever the JVM's default charset ({@link #utf8}).
 *
 * <p>Where the library comes from, first match wins: the system property
 * {@code dwpolicy.library}, the environment variable {@code DWPOLICY_LIBRARY} (a path to
 * {@code libdwpolicy.so.1} or the name JNA should search for), else the name
 * {@code "dwpolicy"}, found through {@code jna.library.path} and the system's library path.
 * {@link #lib()} checks that the library's major version is the one this binding was written
 * for (1) and refuses any other.
 */
public interface DwPolicy extends Library {
    /** The major version of the C API this binding was written for. */
    int API_MAJOR = 1;

    Pointer dwp_version();

    int dwp_version_number();

    Pointer dwp_status_str(int status);

    Pointer dwp_last_error();

    int dwp_engine_open(byte[] rulesDir, PointerByReference out);

    int dwp_engine_open_opts(byte[] rulesDir, DwpOptions opts, PointerByReference out);

    int dwp_rules_check(byte[] rulesDir, DwpOptions opts, PointerByReference reportJson);

    void dwp_engine_close(Pointer engine);

    int dwp_eval_json(Pointer engine, byte[] caseJson, SizeT len, PointerByReference resultJson);

    int dwp_params_json(Pointer engine, byte[] region, byte[] asOf, PointerByReference out);

    void dwp_free(Pointer p);

    /** The loaded library, loaded and version-checked on first use. */
    static DwPolicy lib() {
        return Loader.get();
    }

    /** The version string of the loaded library, e.g. {@code "1.0.0"}. */
    static String version() {
        return utf8(lib().dwp_version());
    }

    /** {@code MAJOR * 10000 + MINOR * 100 + PATCH} of the loaded library. */
    static int versionNumber() {
        return lib().dwp_version_number();
    }

    /** The library's fixed English text for a status code. */
    static String statusString(int status) {
        return utf8(lib().dwp_status_str(status));
    }

    /** A borrowed, NUL-terminated C string decoded as UTF-8; "" for NULL. */
    static String utf8(Pointer p) {
        return p == null ? "" : new String(LibC.bytes(p), StandardCharsets.UTF_8);
    }

    /**
     * A Java string as UTF-8. A lone surrogate (half of a UTF-16 pair) has no UTF-8 form: Java's
     * encoder would silently write '?' in its place, so it is refused instead.
     */
    static byte[] utf8(String s, String what) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (!Character.isSurrogate(ch)) continue;
            if (Character.isHighSurrogate(ch) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(what + " holds a lone surrogate at index " + i
                    + " (not well-formed Unicode)");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Java string as a NUL-terminated UTF-8 C string; null stays null. A string holding U+0000
     * is refused: C would silently cut it there (a rules directory "a\0b" would open "a").
     */
    static byte[] cString(String s, String what) {
        if (s == null) return null;
        if (s.indexOf('\0') >= 0)
            throw new IllegalArgumentException(what + " must not contain a NUL character");
        byte[] b = utf8(s, what);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}

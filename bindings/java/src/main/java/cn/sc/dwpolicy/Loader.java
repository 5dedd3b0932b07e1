package cn.sc.dwpolicy;

import com.sun.jna.Native;

/**
 * Loads libdwpolicy once, on first use, and checks its major version. A failure is kept and
 * thrown again, as the same kind of error, on every later use (a static initialiser would turn
 * the second attempt into a bare NoClassDefFoundError).
 */
final class Loader {
    private static DwPolicy instance;
    private static UnsatisfiedLinkError failure;

    private Loader() {}

    static synchronized DwPolicy get() {
        if (instance != null) return instance;
        if (failure != null) throw failure;
        String where = System.getProperty("dwpolicy.library");
        if (where == null || where.isEmpty()) where = System.getenv("DWPOLICY_LIBRARY");
        if (where == null || where.isEmpty()) where = "dwpolicy";
        try {
            DwPolicy lib = Native.load(where, DwPolicy.class);
            int v = lib.dwp_version_number();
            if (v / 10000 != DwPolicy.API_MAJOR) {
                throw new UnsatisfiedLinkError("libdwpolicy loaded from " + where + " is version "
                        + v + " (major " + v / 10000 + "); this binding needs major "
                        + DwPolicy.API_MAJOR);
            }
            instance = lib;
            return lib;
        } catch (UnsatisfiedLinkError e) {
            failure = e;
            throw e;
        }
    }
}

package cn.sc.dwpolicy;

/** The library's status codes ({@code DWP_E*} in dwpolicy.h), with their C values. */
public enum Status {
    OK(0),
    /** A NULL or out-of-range argument. */
    EINVAL(-1),
    /** The case is not well-formed JSON; the message has line and column. */
    EPARSE(-2),
    /** Well-formed JSON that breaks the case contract; the message names the field. */
    ESCHEMA(-3),
    /** A rule file or parameter is wrong, or a parameter has no value (result JSON attached). */
    ERULES(-4),
    /** A Lua rule raised an error (result JSON attached). */
    ESCRIPT(-5),
    /** A Lua rule exceeded its instruction, memory or time limit (result JSON attached). */
    ELIMIT(-6),
    /** Out of memory. */
    ENOMEM(-7),
    /** A file or directory could not be read. */
    EIO(-8),
    /** A code this binding does not know (a newer library). */
    UNKNOWN(Integer.MIN_VALUE);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The C value, e.g. -3 for {@code DWP_ESCHEMA}. */
    public int code() {
        return code;
    }

    /** The C macro name, e.g. {@code "DWP_ESCHEMA"}. */
    public String cName() {
        return this == OK ? "DWP_OK" : "DWP_" + name();
    }

    /** The status for a C value; {@link #UNKNOWN} for a value this binding does not know. */
    public static Status of(int code) {
        for (Status s : values()) {
            if (s.code == code) return s;
        }
        return UNKNOWN;
    }
}

package cn.sc.dwpolicy;

/**
 * A failure reported by libdwpolicy: its status ({@link #getStatus()}, {@link #getCode()}), the
 * library's message for it ({@link #getLibraryMessage()}: {@code dwp_last_error()} read on the
 * thread that made the call, naming the field, file, line or region concerned, in the engine's
 * language) and, for {@link Status#ERULES}, {@link Status#ESCRIPT} and {@link Status#ELIMIT}
 * from an evaluation, the result JSON that the library still produced
 * ({@link #getResultJson()}): the benefits that could not be decided have status "error", the
 * others are decided as usual.
 */
public class DwPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String libraryMessage;
    private final String resultJson;

    public DwPolicyException(int code, String libraryMessage, String resultJson) {
        super(format(code, libraryMessage));
        this.code = code;
        this.libraryMessage = libraryMessage == null ? "" : libraryMessage;
        this.resultJson = resultJson;
    }

    private static String format(int code, String message) {
        Status s = Status.of(code);
        String name = s == Status.UNKNOWN ? "status " + code : s.cName();
        return message == null || message.isEmpty() ? name : name + ": " + message;
    }

    /** The C status, e.g. -3 for {@code DWP_ESCHEMA}. */
    public int getCode() {
        return code;
    }

    /** The status as an enum; {@link Status#UNKNOWN} for a code newer than this binding. */
    public Status getStatus() {
        return Status.of(code);
    }

    /** {@code dwp_last_error()} for the failed call; may be empty. */
    public String getLibraryMessage() {
        return libraryMessage;
    }

    /**
     * The result JSON of an evaluation that returned {@code DWP_ERULES}, {@code DWP_ESCRIPT} or
     * {@code DWP_ELIMIT} (byte for byte what the C library returned); null otherwise.
     */
    public String getResultJson() {
        return resultJson;
    }
}

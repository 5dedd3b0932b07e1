package cn.sc.dwpolicy;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;

/** C {@code size_t}: 8 bytes on 64-bit platforms, 4 on 32-bit ones (JNA has no built-in type). */
public final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    public SizeT() {
        this(0);
    }

    public SizeT(long value) {
        super(Native.SIZE_T_SIZE, value, true);
    }
}

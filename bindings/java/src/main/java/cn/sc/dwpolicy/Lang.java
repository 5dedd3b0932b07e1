package cn.sc.dwpolicy;

/** The language of result texts and error messages ({@code DWP_LANG_*}). */
public enum Lang {
    /** 简体中文, the default ({@code DWP_LANG_ZH}). */
    ZH(0),
    /** English ({@code DWP_LANG_EN}). */
    EN(1);

    private final int code;

    Lang(int code) {
        this.code = code;
    }

    /** The C value. */
    public int code() {
        return code;
    }
}

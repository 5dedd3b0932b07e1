/* text.h — a text in both languages of the library. */
#ifndef DWP_TEXT_H
#define DWP_TEXT_H

#include <stdint.h>

#include "dwpolicy.h"

typedef struct dwp_text {
    const char *zh;
    const char *en;
    /* strlen of each when known at compile time (DWP_T), else 0: measure when needed. A
     * reason's text is measured on every evaluation, so the literals carry their lengths. */
    uint16_t zh_len, en_len;
} dwp_text;

/* A text from two string literals ("" x "" rejects anything else), lengths included. */
#define DWP_T(zh, en) ((dwp_text)DWP_T_INIT(zh, en))
/* The same as an initializer, for static tables. */
#define DWP_T_INIT(zh, en) {("" zh ""), ("" en ""), sizeof(zh) - 1, sizeof(en) - 1}

static inline const char *dwp_text_in(dwp_text t, int lang)
{
    return lang == DWP_LANG_EN ? t.en : t.zh;
}

#endif

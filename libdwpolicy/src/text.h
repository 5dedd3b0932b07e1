/* text.h — a text in both languages of the library. */
#ifndef DWP_TEXT_H
#define DWP_TEXT_H

#include "dwpolicy.h"

typedef struct dwp_text {
    const char *zh;
    const char *en;
} dwp_text;

#define DWP_T(zh, en) ((dwp_text){(zh), (en)})

static inline const char *dwp_text_in(dwp_text t, int lang)
{
    return lang == DWP_LANG_EN ? t.en : t.zh;
}

#endif

/* header_test.c — <dwpolicy.h> must compile cleanly, on its own, as C99, C11 and (through
 * header_test.cpp) C++11/17 with -Wall -Wextra -pedantic -Werror (libgit2's headertest).
 * Valid C and C++ at once, so one text covers both languages.
 *
 * The table of function pointers pins every public signature: a change to one is an ABI break
 * and stops this from compiling. Run, it checks that the library loaded is the one the header
 * describes. */
#include <dwpolicy.h>
#include <dwpolicy.h> /* twice: the include guard must hold */

#include <stdio.h>
#include <string.h>

/* C99 has no static_assert; a negative array size is a compile error in both languages. */
typedef char dwp_version_number_is_consistent
    [DWP_VERSION_NUMBER == DWP_VERSION_MAJOR * 10000 + DWP_VERSION_MINOR * 100 + DWP_VERSION_PATCH
         ? 1
         : -1];
typedef char dwp_status_codes_are_negative
    [DWP_OK == 0 && DWP_EINVAL < 0 && DWP_EPARSE < 0 && DWP_ESCHEMA < 0 && DWP_ERULES < 0 &&
             DWP_ESCRIPT < 0 && DWP_ELIMIT < 0 && DWP_ENOMEM < 0 && DWP_EIO < 0
         ? 1
         : -1];

static const struct {
    const char *(*version)(void);
    int32_t (*version_number)(void);
    const char *(*status_str)(int32_t);
    const char *(*last_error)(void);
    int (*engine_open)(const char *, dwp_engine **);
    int (*engine_open_opts)(const char *, const dwp_options *, dwp_engine **);
    void (*engine_close)(dwp_engine *);
    int (*eval_json)(dwp_engine *, const char *, size_t, char **);
    int (*params_json)(dwp_engine *, const char *, const char *, char **);
    void (*free_)(void *);
} api = {
    dwp_version,      dwp_version_number, dwp_status_str, dwp_last_error, dwp_engine_open,
    dwp_engine_open_opts, dwp_engine_close, dwp_eval_json,  dwp_params_json, dwp_free,
};

int main(void)
{
    dwp_options opts;
    memset(&opts, 0, sizeof opts);
    opts.struct_size = sizeof opts;
    opts.lang = DWP_LANG_EN;
    (void)opts;

    const char *loaded = api.version();
    if (strcmp(loaded, DWP_VERSION_STRING) != 0 || api.version_number() != DWP_VERSION_NUMBER) {
        fprintf(stderr, "header says %s (%d), library is %s (%d)\n", DWP_VERSION_STRING,
                DWP_VERSION_NUMBER, loaded, (int)api.version_number());
        return 1;
    }
    if (api.status_str(DWP_EINVAL) == NULL || api.last_error() == NULL) return 1;
    /* Destructors accept NULL. */
    api.engine_close(NULL);
    api.free_(NULL);
    (void)api.engine_open;
    (void)api.engine_open_opts;
    (void)api.eval_json;
    (void)api.params_json;
    return 0;
}

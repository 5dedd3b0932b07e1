/* host_fn.h — functions the embedding application registers for rule code (host.NAME(...)),
 * called through libffi after their arguments are checked against a declared signature. */
#ifndef DWP_HOST_FN_H
#define DWP_HOST_FN_H

#include <ffi.h>
#include <stdbool.h>
#include <stddef.h>

#define DWP_HOST_NAME_MAX 64
#define DWP_HOST_ARGS_MAX 8

typedef struct dwp_host_fn {
    char name[DWP_HOST_NAME_MAX + 1];
    char signature[DWP_HOST_ARGS_MAX + 4]; /* e.g. "b(si)" */
    char ret;                              /* 'i' int64, 'd' double, 'b' bool, 's' string */
    char args[DWP_HOST_ARGS_MAX];
    int nargs;
    void (*fn)(void);
    void *userdata;
    ffi_cif cif;
    ffi_type *arg_types[DWP_HOST_ARGS_MAX + 1]; /* the arguments, then userdata */
} dwp_host_fn;

struct lua_State;
struct dwp_engine;

/* Push the `host` object rule code sees: [-0, +1]. host.NAME is the registered function;
 * an unknown name, or arguments that do not match the signature, raise a Lua error. */
void dwp_host_push(struct lua_State *L);

#endif

/* sandbox.h — Lua states for rule code: a memory cap enforced by the allocator, an
 * instruction budget enforced by a count hook, and only the libraries SPEC §6 allows. */
#ifndef DWP_SANDBOX_H
#define DWP_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lua.h>

typedef struct dwp_sandbox {
    lua_State *L;
    size_t mem_used;
    size_t mem_cap;
    int64_t budget_left;   /* instructions, in units of DWP_SANDBOX_HOOK_STEP */
    bool budget_exceeded;
    bool memory_exceeded;
} dwp_sandbox;

#define DWP_SANDBOX_HOOK_STEP 1000

/* Create a state with base (minus dofile, loadfile, load, collectgarbage, print), string
 * (minus dump), table, math and utf8. Returns false when out of memory. */
bool dwp_sandbox_open(dwp_sandbox *sb, size_t mem_cap);
void dwp_sandbox_close(dwp_sandbox *sb);

/* Arm the instruction budget for the next protected call. */
void dwp_sandbox_set_budget(dwp_sandbox *sb, int64_t instructions);

/* Load text-mode chunk `text` named `chunkname` and run it under lua_pcall with the budget
 * armed. Returns LUA_OK or a Lua error status; on error the message is on the stack top. */
int dwp_sandbox_run(dwp_sandbox *sb, const char *text, size_t len, const char *chunkname);

#endif

/* sandbox.h — the Lua state rule code runs in.
 *
 * What rule code gets (SPEC §6): the base functions assert, error, ipairs, next, pairs, pcall,
 * select, tonumber, tostring, type, rawequal, rawlen; string (without dump, pack, unpack,
 * packsize and the pattern functions: match, gmatch, gsub, and find unless plain), table,
 * math (without random) and utf8. Everything else — io, os, require, package, debug, load,
 * dofile, loadfile, collectgarbage, print, warn, getmetatable, setmetatable, rawget, rawset,
 * xpcall, coroutine — is absent.
 *
 * What holds it in:
 *  - memory: the allocator counts live bytes and refuses growth past the cap;
 *  - time: a count hook charges an instruction budget, and a deadline on the wall clock;
 *    library functions whose C loops depend on their arguments (string.rep, table.concat,
 *    table.move, table.sort, …) charge the budget by the work they will do before doing it;
 *  - once a limit is hit it stays hit: pcall re-raises, the hook fires on every instruction,
 *    so no handler can resume; xpcall (whose handler runs without hooks) is not offered;
 *  - nothing shared can be changed: library tables and everything a rule file leaves behind
 *    are frozen (dwp_sandbox_freeze), and metatables cannot be reached. */
#ifndef DWP_SANDBOX_H
#define DWP_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lua.h>

typedef struct dwp_sandbox {
    lua_State *L;
    size_t mem_used;      /* Lua's live bytes plus external_bytes */
    size_t external_bytes;
    size_t mem_cap;
    int64_t budget_left;  /* instructions */
    int64_t deadline_ns;  /* CLOCK_MONOTONIC; 0 = none */
    bool budget_exceeded; /* instruction budget or deadline */
    bool memory_exceeded;
    bool alloc_refused;   /* the allocator refused since the last arm: a memory error is real */
} dwp_sandbox;

/* Instructions between two runs of the hook (budget and clock checks). */
#define DWP_SANDBOX_HOOK_STEP 200
/* No single allocation may exceed this: no string or table a rule needs is that large, and
 * comparing or hashing huge strings is work inside one instruction, where no hook runs. */
#define DWP_SANDBOX_BLOCK_MAX ((size_t)4 << 20)

/* Charge `work` instructions to the budget of the state running L, for work a C function
 * does for rule code (raises the limit error when the budget is spent). */
void dwp_sandbox_charge(lua_State *L, int64_t work);
/* The same, for work the engine does on its own account under the C function running (the
 * C rule behind base()): the limit error names no position in rule code. */
void dwp_sandbox_charge_unplaced(lua_State *L, int64_t work);

/* Count `bytes` held outside Lua (texts copied for results) against the memory cap; raises
 * a memory-limit error when over. Released with dwp_sandbox_release_external(). */
void dwp_sandbox_account(lua_State *L, size_t bytes);
void dwp_sandbox_release_external(dwp_sandbox *sb);

/* Create a sandboxed state. Returns false when out of memory. */
bool dwp_sandbox_open(dwp_sandbox *sb, size_t mem_cap);
void dwp_sandbox_close(dwp_sandbox *sb);

/* Arm the limits for the next protected call: `instructions` of Lua code and library work,
 * and `time_ms` of wall-clock time (0 = no deadline). Clears the limit flags. */
void dwp_sandbox_arm(dwp_sandbox *sb, int64_t instructions, int64_t time_ms);

/* True once a limit was hit since the last arm. */
static inline bool dwp_sandbox_limit_hit(const dwp_sandbox *sb)
{
    return sb->budget_exceeded || sb->memory_exceeded;
}

/* Load text-mode chunk `text` named `chunkname`, give it the environment at stack index
 * `env` (0: the global table), and run it with lua_pcall. Returns LUA_OK or a Lua error
 * status; on error the message is on the stack top. */
int dwp_sandbox_run(dwp_sandbox *sb, const char *text, size_t len, const char *chunkname,
                    int env);

/* Freeze, in place, the table at `index` and every table and Lua function reachable from it
 * (values, keys, upvalues): afterwards writes raise "read-only" and reads are unchanged.
 * Must run in protected mode (it allocates). */
void dwp_sandbox_freeze(lua_State *L, int index);

/* For walks over tables and closures that may have cycles: true the first time the value at
 * `index` is seen, recording it in the table at absolute index `seen`; false after that. */
bool dwp_sandbox_first_visit(lua_State *L, int index, int seen);

/* The message of the error value on the stack top, without running any metamethod. */
const char *dwp_sandbox_error_text(lua_State *L);

#endif

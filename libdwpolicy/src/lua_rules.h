/* lua_rules.h — deciding a benefit through regional rule code (lua_rules.c). */
#ifndef DWP_LUA_RULES_H
#define DWP_LUA_RULES_H

#include <stdint.h>

#include "decision.h"
#include "regions.h"

/* The rule code that decides one benefit for one case: the overrides along the case's region
 * chain, most specific first, then the default — the C rule of a catalogue benefit
 * (default_slot -1) or the eval function of a local rule. */
typedef struct dwp_lua_layers {
    const dwp_benefit *benefit;
    int slot[DWP_CHAIN_MAX];
    int32_t region[DWP_CHAIN_MAX]; /* codes */
    int n_layers;
    int default_slot;
    int32_t default_region;
} dwp_lua_layers;

/* The Lua state one evaluation uses, checked out of the pool on first need. */
typedef struct dwp_lua_session {
    struct rules_state *st;
} dwp_lua_session;

/* Decide into *d (which this initialises). A failing rule gives d status error with the
 * file, line and message, and error_kind SCRIPT or LIMIT; the session stays usable. */
void dwp_lua_decide(const dwp_eval *ev, dwp_lua_session *s, const dwp_lua_layers *layers,
                    dwp_decision *d);

/* Return the session's state to the pool. */
void dwp_lua_session_end(const struct dwp_engine *e, dwp_lua_session *s);

#endif

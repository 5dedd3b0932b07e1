/*
 * eval_c — the C side of tests/cross/run.sh.
 *
 *   eval_c json   OUTDIR CASE.json...   dwp_eval_json()
 *   eval_c result OUTDIR CASE.json...   dwp_eval_json_result() + dwp_result_json()
 *
 * Opens one engine (embedded rules, default options) and evaluates every case in this one
 * process, writing the result JSON of CASE.json to OUTDIR/<basename of CASE.json>, exactly the
 * bytes the library returned (no newline added). A case whose evaluation returns a status that
 * still carries a result (DWP_ERULES, DWP_ESCRIPT, DWP_ELIMIT) is written as well, as the CLI
 * prints it; a status without a result is an error. Exit 0 when every case was written, 1
 * otherwise (with a message on stderr naming the case), 2 for a usage error.
 */
#include <dwpolicy.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) { fclose(f); return NULL; }
    for (;;) {
        if (n == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) { free(buf); fclose(f); return NULL; }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(buf); return NULL; }
    *len = n;
    return buf;
}

static int write_file(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t put = fwrite(data, 1, len, f);
    int bad = (put != len);
    if (fclose(f) != 0) bad = 1;
    return bad ? -1 : 0;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int carries_result(int rc) {
    return rc == DWP_OK || rc == DWP_ERULES || rc == DWP_ESCRIPT || rc == DWP_ELIMIT;
}

int main(int argc, char **argv) {
    if (argc < 4 || (strcmp(argv[1], "json") != 0 && strcmp(argv[1], "result") != 0)) {
        fprintf(stderr, "usage: eval_c json|result OUTDIR CASE.json...\n");
        return 2;
    }
    int typed = strcmp(argv[1], "result") == 0;
    const char *outdir = argv[2];

    dwp_engine *engine = NULL;
    int rc = dwp_engine_open(NULL, &engine);
    if (rc != DWP_OK) {
        fprintf(stderr, "eval_c: dwp_engine_open: %s: %s\n", dwp_status_str(rc), dwp_last_error());
        return 1;
    }

    int failures = 0;
    for (int i = 3; i < argc; i++) {
        const char *path = argv[i];
        size_t len = 0;
        char *text = read_file(path, &len);
        if (!text) {
            fprintf(stderr, "eval_c: %s: cannot read\n", path);
            failures++;
            continue;
        }

        const char *json = NULL;
        char *owned = NULL;
        dwp_result *result = NULL;
        if (typed) {
            rc = dwp_eval_json_result(engine, text, len, &result);
            if (result) json = dwp_result_json(result);
        } else {
            rc = dwp_eval_json(engine, text, len, &owned);
            json = owned;
        }
        free(text);

        if (!carries_result(rc) || !json) {
            fprintf(stderr, "eval_c %s: %s: status %d (%s), %s: %s\n", argv[1], path, rc,
                    dwp_status_str(rc), json ? "with a result" : "no result", dwp_last_error());
            failures++;
        } else {
            char out[4096];
            int n = snprintf(out, sizeof out, "%s/%s", outdir, base_name(path));
            if (n < 0 || (size_t)n >= sizeof out || write_file(out, json, strlen(json)) != 0) {
                fprintf(stderr, "eval_c: cannot write the result of %s\n", path);
                failures++;
            }
        }
        dwp_result_free(result);
        dwp_free(owned);
    }

    dwp_engine_close(engine);
    return failures ? 1 : 0;
}

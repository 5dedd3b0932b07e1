/* cmd_batch.c — `dwpolicy batch [--rules DIR] [--lang zh|en] [--threads N] IN.jsonl|-
 * [-o OUT.jsonl]`: one case per input line, one output line per input line, in order.
 *
 * A line that gives a result (status 0, or a rule error with the result) is written as that
 * result; a line that gives none (not JSON, not a case, empty) is written as an error line
 * {"line":N,"status":S,"error":"…"}, so nothing the caller gave is lost and every output line
 * can be matched to its input line by position. The input is read a block of lines at a time:
 * memory stays bounded whatever the file's size, and the block is evaluated by N threads on
 * one engine before it is written. */
#define _POSIX_C_SOURCE 200809L /* getline, isatty, fileno, sysconf */

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwpolicy.h>

#include "cli_io.h"
#include "commands.h"

#define USAGE_LINE "dwpolicy batch [--rules DIR] [--lang zh|en] [--threads N] IN.jsonl|- [-o OUT.jsonl]"
#define MAX_THREADS 256
/* Lines evaluated between two writes: enough to keep the threads busy, little memory. */
#define BLOCK_LINES 4096

static int usage(const char *why, const char *arg) { return dwp_cli_usage("batch", USAGE_LINE, why, arg); }

/* One input line and what became of it. */
typedef struct line_slot {
    char *text;     /* the line, without its newline (malloc'd by getline) */
    size_t len;
    size_t number;  /* 1-based line number in the input */
    int status;     /* what dwp_eval_json returned */
    char *result;   /* its result, or NULL */
    char *message;  /* a copy of dwp_last_error() when status is not 0 */
} line_slot;

typedef struct block {
    dwp_engine *engine;
    line_slot *slots;
    size_t count;
    atomic_size_t next; /* the next slot a worker takes */
} block;

static char *copy_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

static void evaluate_slot(dwp_engine *engine, line_slot *s)
{
    s->status = dwp_eval_json(engine, s->text, s->len, &s->result);
    s->message = s->status != DWP_OK ? copy_text(dwp_last_error()) : NULL;
}

static void *worker(void *arg)
{
    block *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->count) return NULL;
        evaluate_slot(b->engine, &b->slots[i]);
    }
}

/* Evaluate the block's lines on `threads` threads (the calling thread is one of them). */
static void evaluate_block(block *b, int threads)
{
    pthread_t ids[MAX_THREADS];
    int started = 0;
    atomic_store(&b->next, 0);
    for (int t = 1; t < threads && (size_t)t < b->count; t++) {
        if (pthread_create(&ids[started], NULL, worker, b) != 0) break; /* fewer threads */
        started++;
    }
    worker(b);
    for (int t = 0; t < started; t++) pthread_join(ids[t], NULL);
}

/* Write s as the body of a JSON string (UTF-8 passes through; the library's messages are
 * valid UTF-8). */
static void put_json_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(out, "\\%c", *p);
        else if (*p < 0x20) fprintf(out, "\\u%04x", *p);
        else fputc(*p, out);
    }
}

typedef struct tally {
    size_t lines, results, rule_errors, bad_lines, first_bad;
} tally;

/* Write the block's lines in order and release them. */
static void write_block(FILE *out, block *b, tally *t)
{
    for (size_t i = 0; i < b->count; i++) {
        line_slot *s = &b->slots[i];
        t->lines++;
        if (s->result) {
            fputs(s->result, out);
            t->results++;
            if (s->status != DWP_OK) t->rule_errors++;
        } else {
            fprintf(out, "{\"line\":%zu,\"status\":%d,\"error\":\"", s->number, s->status);
            put_json_text(out, s->message ? s->message : dwp_status_str(s->status));
            fputs("\"}", out);
            if (!t->bad_lines++) t->first_bad = s->number;
        }
        fputc('\n', out);
        dwp_free(s->result);
        free(s->message);
        free(s->text);
        memset(s, 0, sizeof *s);
    }
    b->count = 0;
}

static void print_summary(const tally *t, int lang)
{
    if (lang == DWP_LANG_EN) {
#define PLURAL(n) ((n) == 1 ? "" : "s")
        fprintf(stderr, "dwpolicy batch: %zu line%s: %zu result%s (%zu with rule errors), %zu bad line%s",
                t->lines, PLURAL(t->lines), t->results, PLURAL(t->results), t->rule_errors,
                t->bad_lines, PLURAL(t->bad_lines));
#undef PLURAL
        if (t->bad_lines) fprintf(stderr, " (the first: line %zu)", t->first_bad);
    } else {
        fprintf(stderr, "dwpolicy batch：共 %zu 行：%zu 行有结果（其中 %zu 行有规则错误），%zu 行输入有误",
                t->lines, t->results, t->rule_errors, t->bad_lines);
        if (t->bad_lines) fprintf(stderr, "（首个：第 %zu 行）", t->first_bad);
    }
    fputc('\n', stderr);
}

static int parse_threads(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= 1 && v <= MAX_THREADS ? (int)v : -1;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int dwp_cmd_batch(int argc, char **argv)
{
    const char *rules = NULL, *lang_name = "zh", *in_path = NULL, *out_path = NULL;
    int threads = default_threads();
    for (int i = 1; i < argc; i++) {
        const char *v, *why;
        int m;
        if ((m = dwp_cli_common_option(argc, argv, &i, &rules, &lang_name, &why)) != 0) {
            if (m < 0) return usage(why, NULL);
        } else if ((m = dwp_cli_option(argc, argv, &i, "--threads", &v)) != 0) {
            if (m < 0 || (threads = parse_threads(v)) < 0)
                return usage("--threads needs a number from 1 to 256", m < 0 ? NULL : v);
        } else if ((m = dwp_cli_option(argc, argv, &i, "-o", &v)) != 0) {
            if (m < 0) return usage("-o needs a file", NULL);
            out_path = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage("unknown option", argv[i]);
        } else if (in_path) {
            return usage("only one input file", argv[i]);
        } else {
            in_path = argv[i];
        }
    }
    int lang = dwp_cli_lang(lang_name);
    if (lang < 0) return usage("--lang must be zh or en", lang_name);
    if (!in_path) return usage("an input file (JSON Lines, or - for standard input) is required", NULL);

    FILE *in = strcmp(in_path, "-") ? fopen(in_path, "rb") : stdin;
    if (!in) {
        perror(in_path);
        return 2;
    }
    dwp_engine *engine = dwp_cli_open_engine("batch", rules, lang);
    if (!engine) {
        if (in != stdin) fclose(in);
        return 2;
    }
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (!out) {
        perror(out_path);
        dwp_engine_close(engine);
        if (in != stdin) fclose(in);
        return 2;
    }

    block b = {.engine = engine, .slots = calloc(BLOCK_LINES, sizeof(line_slot))};
    tally t = {0};
    bool progress = isatty(fileno(stderr)) != 0, read_error = false;
    int exit_status = 0;
    if (!b.slots) {
        fputs("dwpolicy batch: out of memory\n", stderr);
        exit_status = 2;
    }
    size_t number = 0;
    while (b.slots) {
        /* Read a block of lines. */
        while (b.count < BLOCK_LINES) {
            line_slot *s = &b.slots[b.count];
            size_t cap = 0;
            ssize_t n = getline(&s->text, &cap, in);
            if (n < 0) {
                free(s->text);
                s->text = NULL;
                read_error = ferror(in) != 0;
                break;
            }
            size_t len = (size_t)n;
            if (len && s->text[len - 1] == '\n') len--;
            if (len && s->text[len - 1] == '\r') len--;
            s->len = len;
            s->number = ++number;
            b.count++;
        }
        if (!b.count) break;
        bool last = b.count < BLOCK_LINES;
        evaluate_block(&b, threads);
        write_block(out, &b, &t);
        if (progress) fprintf(stderr, "\r%zu", t.lines);
        if (last) break;
    }
    if (progress && t.lines) fputc('\n', stderr);
    free(b.slots);
    dwp_engine_close(engine);
    if (in != stdin) fclose(in);

    if (read_error) {
        fprintf(stderr, "dwpolicy batch: %s: read error after line %zu\n", in_path, number);
        exit_status = 2;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "dwpolicy batch: %s: write error\n", out_path ? out_path : "standard output");
        exit_status = 2;
    }
    if (out != stdout && fclose(out) != 0 && exit_status == 0) exit_status = 2;
    print_summary(&t, lang);
    if (exit_status == 0 && (t.rule_errors || t.bad_lines)) exit_status = 1;
    return exit_status;
}

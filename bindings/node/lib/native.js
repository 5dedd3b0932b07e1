'use strict';
// The C API of libdwpolicy (dwpolicy.h) declared through koffi, loaded once per process (and
// once per worker thread: each worker has its own module instance, the library itself is
// shared by the process). Only index.js uses this file.

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

/** The major version of the C API this binding was written for. */
const API_MAJOR = 1;

/** Platform file names of the shared library, most specific first. */
function libraryNames() {
    switch (process.platform) {
        case 'win32': return ['dwpolicy.dll', 'libdwpolicy.dll'];
        case 'darwin': return ['libdwpolicy.1.dylib', 'libdwpolicy.dylib'];
        default: return ['libdwpolicy.so.1', 'libdwpolicy.so'];
    }
}

/**
 * Where the library is loaded from, first match wins: the environment variable
 * DWPOLICY_LIBRARY (a path, or a name for the system's loader); the library file next to this
 * package (its root directory, for a package that ships the library); the system name
 * (libdwpolicy.so.1 on Linux, found through LD_LIBRARY_PATH and ld.so.cache).
 */
function candidates() {
    const env = process.env.DWPOLICY_LIBRARY;
    if (env) return [env];
    const root = path.join(__dirname, '..');
    const local = libraryNames().map((n) => path.join(root, n)).filter((p) => fs.existsSync(p));
    return local.length ? [local[0]] : libraryNames();
}

function loadLibrary() {
    const tried = [];
    for (const where of candidates()) {
        try {
            return { lib: koffi.load(where), where };
        } catch (e) {
            tried.push(`${where}: ${e.message}`);
        }
    }
    throw new Error(`dwpolicy: cannot load libdwpolicy (set DWPOLICY_LIBRARY to its path); ` +
        `tried ${tried.join('; ')}`);
}

const { lib, where } = loadLibrary();

const dwp_engine = koffi.opaque('dwp_engine');
const dwp_options = koffi.struct('dwp_options', {
    struct_size: 'size_t',
    lang: 'int32_t',
    reserved: 'int32_t',
    rule_instructions: 'int64_t',
    rule_memory_bytes: 'int64_t',
    rule_time_ms: 'int64_t',
});

// What comes back through char ** is declared void ** so that the pointer stays ours: it is
// read, then dwp_last_error() is read when the call failed, and only then released with
// dwp_free() (a disposable 'str' type would free it before the error message is read).
const c = {
    version: lib.func('const char *dwp_version(void)'),
    versionNumber: lib.func('int32_t dwp_version_number(void)'),
    statusStr: lib.func('const char *dwp_status_str(int32_t status)'),
    lastError: lib.func('const char *dwp_last_error(void)'),
    open: lib.func('int dwp_engine_open_opts(const char *rules_dir, const dwp_options *opts, ' +
        '_Out_ dwp_engine **out)'),
    check: lib.func('int dwp_rules_check(const char *rules_dir, const dwp_options *opts, ' +
        '_Out_ void **report_json)'),
    close: lib.func('void dwp_engine_close(dwp_engine *e)'),
    evalJson: lib.func('int dwp_eval_json(dwp_engine *e, const uint8_t *case_json, size_t len, ' +
        '_Out_ void **result_json)'),
    paramsJson: lib.func('int dwp_params_json(dwp_engine *e, const char *region, ' +
        'const char *as_of, _Out_ void **out)'),
    free: lib.func('void dwp_free(void *p)'),
};

const number = c.versionNumber();
if (Math.trunc(number / 10000) !== API_MAJOR) {
    throw new Error(`dwpolicy: ${where} is libdwpolicy ${c.version()} (${number}); ` +
        `this binding needs major version ${API_MAJOR}`);
}

// Reading what the library returns. It returns NUL-terminated UTF-8 without the length, so
// strlen and memcpy come from the C library: the bytes are copied into a Buffer before
// dwp_free. (koffi.view would avoid the copy, but each view leaks about 220 bytes of native
// memory in koffi 3.3.4: RSS grew 22 MB per 100,000 views.) Decoding: V8's UTF-8 decoder takes
// about 45 µs for a 9 KB result (a third of its bytes are in Chinese characters), four times the
// evaluation; ICU's converter to UTF-16 (buffer.transcode) and V8's UTF-16 copy take about 8 µs
// for the same string. The library's output is always valid UTF-8, for which both give the same
// string (the tests compare the bytes with the CLI's). Where ICU is missing (Node built without
// intl), koffi.decode.string is used.
const libc = koffi.load(process.platform === 'win32' ? 'msvcrt.dll'
    : process.platform === 'darwin' ? 'libSystem.B.dylib' : 'libc.so.6');
const strlen = libc.func('size_t strlen(void *s)');
const memcpy = libc.func('void *memcpy(_Out_ uint8_t *dest, void *src, size_t n)');

/** A returned string's bytes, copied into a new Buffer (ptr is freed next). */
function cStringBytes(ptr) {
    const n = Number(strlen(ptr));
    const buf = Buffer.allocUnsafe(n);
    if (n > 0) memcpy(buf, ptr, n);
    return buf;
}

let cStringText = (ptr) => koffi.decode.string(ptr);
let decoder = 'koffi';
try {
    const { transcode } = require('node:buffer');
    const probe = Buffer.from('{"t":"单人户纳入最低生活保障 ✓ 𠀀"}', 'utf8');
    const fast = (bytes) => transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
    const p = koffi.alloc('uint8_t', probe.length + 1);
    try {
        koffi.encode(p, 'uint8_t', [...probe, 0], probe.length + 1);
        if (fast(cStringBytes(p)) !== probe.toString('utf8')) throw new Error('transcode differs');
    } finally {
        koffi.free(p);
    }
    cStringText = (ptr) => {
        const b = cStringBytes(ptr);
        return b.length === 0 ? '' : fast(b);
    };
    decoder = 'icu';
} catch {
    // keep koffi.decode.string
}

module.exports = {
    koffi, c, where, dwp_options, optionsSize: koffi.sizeof(dwp_options), cStringBytes,
    cStringText: (ptr) => cStringText(ptr), decoder,
};

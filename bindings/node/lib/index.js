'use strict';
/**
 * dwpolicy — Node.js binding of libdwpolicy, the Sichuan 困境儿童 policy engine (川办发〔2025〕53号),
 * through koffi. CommonJS; `import { Engine } from 'dwpolicy'` works too (Node's CJS interop).
 *
 *   const { Engine } = require('dwpolicy');
 *   const engine = new Engine();                       // embedded Sichuan rules, Chinese
 *   const result = engine.evaluate(caseObject);       // SPEC §3 result as an object
 *   engine.close();
 *
 * Calls are synchronous. An evaluation takes tens of microseconds, so it is fine on the event
 * loop; for parallelism, open one Engine per worker thread (worker_threads).
 */

const native = require('./native');

const { koffi, c } = native;

/** Status codes (DWP_* in dwpolicy.h) by name, and names by code. */
const status = Object.freeze({
    OK: 0, EINVAL: -1, EPARSE: -2, ESCHEMA: -3, ERULES: -4, ESCRIPT: -5, ELIMIT: -6,
    ENOMEM: -7, EIO: -8,
});
const statusNames = new Map(Object.entries(status).map(([k, v]) => [v, `DWP_${k}`]));

/** The statuses for which dwp_eval_json still returns a result (benefits with status "error"). */
const WITH_RESULT = new Set([status.ERULES, status.ESCRIPT, status.ELIMIT]);

/**
 * A failure reported by libdwpolicy. `code` is the C status (-3), `name` and `status` its
 * macro name ('DWP_ESCHEMA'), `message` the library's message for the call (dwp_last_error():
 * it names the field, file, line or region; in the engine's language). For DWP_ERULES,
 * DWP_ESCRIPT and DWP_ELIMIT from an evaluation, `result` is the result object the library
 * still produced and `resultJson` its exact text.
 */
class DwPolicyError extends Error {
    constructor(code, message, resultJson) {
        const name = statusNames.get(code) || `DWP_STATUS_${code}`;
        super(message || c.statusStr(code));
        this.name = name;
        this.status = name;
        this.code = code;
        if (resultJson !== undefined && resultJson !== null) {
            this.resultJson = resultJson;
            this.result = JSON.parse(resultJson);
        }
    }
}

const LANGS = { zh: 0, en: 1 };

function int64Option(options, name) {
    const v = options[name];
    if (v === undefined || v === null) return 0;
    if (typeof v === 'bigint') return v;
    if (!Number.isSafeInteger(v)) throw new TypeError(`dwpolicy: ${name} must be an integer`);
    return v;
}

/** Options object → struct dwp_options. Unknown keys are refused (a typo would be ignored). */
function toOptions(options) {
    if (options === undefined || options === null) options = {};
    if (typeof options !== 'object') throw new TypeError('dwpolicy: options must be an object');
    for (const k of Object.keys(options)) {
        if (!['lang', 'ruleInstructions', 'ruleMemoryBytes', 'ruleTimeMs'].includes(k))
            throw new TypeError(`dwpolicy: unknown option ${k}`);
    }
    const lang = options.lang === undefined ? 'zh' : options.lang;
    if (!Object.prototype.hasOwnProperty.call(LANGS, lang))
        throw new TypeError(`dwpolicy: lang must be 'zh' or 'en'; got ${String(lang)}`);
    return {
        struct_size: native.optionsSize,
        lang: LANGS[lang],
        reserved: 0,
        rule_instructions: int64Option(options, 'ruleInstructions'),
        rule_memory_bytes: int64Option(options, 'ruleMemoryBytes'),
        rule_time_ms: int64Option(options, 'ruleTimeMs'),
    };
}

/** A string argument for a `const char *`: C would cut it at a NUL, so one is refused. */
function cString(s, what, nullable) {
    if ((s === undefined || s === null) && nullable) return null;
    if (typeof s !== 'string') throw new TypeError(`dwpolicy: ${what} must be a string`);
    if (s.includes('\0')) throw new TypeError(`dwpolicy: ${what} must not contain a NUL character`);
    if (typeof s.isWellFormed === 'function' && !s.isWellFormed())
        throw new TypeError(`dwpolicy: ${what} is not well-formed Unicode (a lone surrogate)`);
    return s;
}

/**
 * Takes what a call returned through `char **`: copies it (as a string, or a Buffer when
 * asBuffer), reads dwp_last_error() when the call failed, then releases it with dwp_free().
 * Returns the copy; throws DwPolicyError for a failing status.
 */
function take(rc, ptr, { asBuffer = false, resultOnError = false } = {}) {
    try {
        let value = null;
        if (ptr !== null && ptr !== undefined && ptr !== 0n)
            value = asBuffer ? native.cStringBytes(ptr) : native.cStringText(ptr);
        if (rc === 0) return value;
        // Before dwp_free: the message is valid until the next library call on this thread.
        const message = c.lastError();
        let json;
        if (resultOnError && value !== null && WITH_RESULT.has(rc))
            json = asBuffer ? value.toString('utf8') : value;
        throw new DwPolicyError(rc, message, json);
    } finally {
        if (ptr !== null && ptr !== undefined && ptr !== 0n) c.free(ptr);
    }
}

// Engines that are garbage-collected without close() are closed then.
const finalizer = new FinalizationRegistry((handle) => c.close(handle));

const EMPTY = Buffer.alloc(1); // koffi passes an empty Buffer as NULL; the library wants a pointer

/**
 * A loaded set of rules and parameters (dwp_engine): the embedded Sichuan rules, with the
 * *.lua files of rulesDir layered over them.
 */
class Engine {
    #handle;
    #lang;

    /**
     * @param {string|null} [rulesDir] directory of *.lua rule files; null/undefined: embedded
     *   rules only. May be omitted: `new Engine({ lang: 'en' })`.
     * @param {{lang?: 'zh'|'en', ruleInstructions?: number, ruleMemoryBytes?: number,
     *   ruleTimeMs?: number}} [options] 0 or absent: the library's default limits
     * @throws {DwPolicyError} DWP_EIO, DWP_ERULES (message names file:line), DWP_EINVAL, DWP_ENOMEM
     */
    constructor(rulesDir, options) {
        if (rulesDir !== null && typeof rulesDir === 'object' && options === undefined) {
            options = rulesDir;
            rulesDir = null;
        }
        const opts = toOptions(options);
        const dir = cString(rulesDir, 'rulesDir', true);
        const out = [null];
        const rc = c.open(dir, opts, out);
        if (rc !== 0) throw new DwPolicyError(rc, c.lastError());
        this.#handle = out[0];
        this.#lang = opts.lang === 1 ? 'en' : 'zh';
        finalizer.register(this, this.#handle, this);
    }

    /** 'zh' or 'en'. */
    get lang() {
        return this.#lang;
    }

    /** True once close() has been called. */
    get closed() {
        return this.#handle === null;
    }

    #live() {
        if (this.#handle === null) {
            const e = new Error('dwpolicy: the engine is closed');
            e.code = 'ERR_DWPOLICY_CLOSED';
            throw e;
        }
        return this.#handle;
    }

    /**
     * Evaluates a case (dwp_eval_json) and returns the result JSON text exactly as the C library
     * wrote it.
     * @param {string} caseJson SPEC §2 case
     * @returns {string}
     * @throws {DwPolicyError} DWP_EPARSE, DWP_ESCHEMA (message names the field); DWP_ERULES,
     *   DWP_ESCRIPT, DWP_ELIMIT with `.result`
     */
    evaluateJson(caseJson) {
        cString(caseJson, 'caseJson', false);
        return this.#eval(Buffer.from(caseJson, 'utf8'), false);
    }

    /** evaluateJson on UTF-8 bytes (Buffer/Uint8Array), returning the result's UTF-8 bytes. */
    evaluateBuffer(caseJson) {
        if (!(caseJson instanceof Uint8Array))
            throw new TypeError('dwpolicy: caseJson must be a Buffer or Uint8Array');
        return this.#eval(caseJson, true);
    }

    /**
     * Evaluates a case given as an object (serialised with JSON.stringify) or as JSON text, and
     * returns the result as an object.
     */
    evaluate(caseInput) {
        const text = typeof caseInput === 'string' ? caseInput : JSON.stringify(caseInput);
        if (typeof text !== 'string') throw new TypeError('dwpolicy: case must be an object or a JSON string');
        return JSON.parse(this.evaluateJson(text));
    }

    #eval(bytes, asBuffer) {
        const handle = this.#live();
        const out = [null];
        const rc = c.evalJson(handle, bytes.length ? bytes : EMPTY, bytes.length, out);
        return take(rc, out[0], { asBuffer, resultOnError: true });
    }

    /** The parameters in force for a region on a date (dwp_params_json), as JSON text. */
    paramsJson(region, asOf) {
        const r = cString(region, 'region', false);
        const d = cString(asOf, 'asOf', false);
        const out = [null];
        const rc = c.paramsJson(this.#live(), r, d, out);
        return take(rc, out[0]);
    }

    /** paramsJson as an object: {region, as_of, region_chain, params: [{name, value, …}]}. */
    params(region, asOf) {
        return JSON.parse(this.paramsJson(region, asOf));
    }

    /** Releases the engine. Idempotent; later calls throw (code 'ERR_DWPOLICY_CLOSED'). */
    close() {
        if (this.#handle === null) return;
        const h = this.#handle;
        this.#handle = null;
        finalizer.unregister(this);
        c.close(h);
    }
}

// `using engine = new Engine()` where the runtime has explicit resource management.
if (typeof Symbol.dispose === 'symbol') {
    Engine.prototype[Symbol.dispose] = function dispose() {
        this.close();
    };
}

/**
 * Checks a rules directory as an engine would load it (dwp_rules_check) and returns the report
 * JSON text: {ok, ruleset, files, local_rules, overrides, problems: [{file, line, message}]}.
 * Broken rule files are reported, not thrown. Throws DwPolicyError for DWP_EIO (unreadable).
 */
function checkJson(rulesDir, options) {
    const dir = cString(rulesDir, 'rulesDir', true);
    const out = [null];
    const rc = c.check(dir, toOptions(options), out);
    return take(rc, out[0]);
}

/** checkJson as an object. */
function check(rulesDir, options) {
    return JSON.parse(checkJson(rulesDir, options));
}

/** The version of the loaded library, e.g. '1.0.0'. */
function version() {
    return c.version();
}

/** MAJOR * 10000 + MINOR * 100 + PATCH of the loaded library. */
function versionNumber() {
    return c.versionNumber();
}

/** The library's fixed English text for a status code. */
function statusString(code) {
    return c.statusStr(code);
}

module.exports = {
    Engine, DwPolicyError, check, checkJson, version, versionNumber, statusString, status,
    libraryPath: native.where,
};

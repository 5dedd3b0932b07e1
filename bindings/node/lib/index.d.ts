// Types for the dwpolicy Node binding (lib/index.js). Results and cases are typed loosely: their
// shapes are documented in docs/json-contract.md of libdwpolicy.

export interface EngineOptions {
    /** Language of result texts and error messages; default 'zh'. */
    lang?: 'zh' | 'en';
    /** Per rule call; 0 or absent: the library default (10,000,000). */
    ruleInstructions?: number | bigint;
    /** Per Lua state; 0 or absent: 64 MiB; at least 1 MiB otherwise. */
    ruleMemoryBytes?: number | bigint;
    /** Per rule call, wall clock; 0 or absent: 1000 ms. */
    ruleTimeMs?: number | bigint;
}

export type StatusName = 'DWP_EINVAL' | 'DWP_EPARSE' | 'DWP_ESCHEMA' | 'DWP_ERULES' |
    'DWP_ESCRIPT' | 'DWP_ELIMIT' | 'DWP_ENOMEM' | 'DWP_EIO';

/** A failure reported by libdwpolicy. */
export class DwPolicyError extends Error {
    /** The C status, e.g. -3. */
    code: number;
    /** 'DWP_ESCHEMA' etc.; also the error's name. */
    status: StatusName | string;
    name: StatusName | string;
    /** For DWP_ERULES, DWP_ESCRIPT, DWP_ELIMIT from an evaluation: the result still produced. */
    result?: Record<string, any>;
    /** The same result as the exact JSON text the library wrote. */
    resultJson?: string;
}

export class Engine {
    constructor(rulesDir?: string | null, options?: EngineOptions);
    constructor(options: EngineOptions);
    readonly lang: 'zh' | 'en';
    readonly closed: boolean;
    /** Case (object or JSON text) → result object. */
    evaluate(caseInput: object | string): Record<string, any>;
    /** Case JSON text → result JSON text, exactly as the C library wrote it. */
    evaluateJson(caseJson: string): string;
    /** Case UTF-8 bytes → result UTF-8 bytes. */
    evaluateBuffer(caseJson: Uint8Array): Buffer;
    params(region: string, asOf: string): Record<string, any>;
    paramsJson(region: string, asOf: string): string;
    close(): void;
    [Symbol.dispose](): void;
}

export function check(rulesDir?: string | null, options?: EngineOptions): {
    ok: boolean;
    problems: { file: string; line: number; message: string }[];
    [key: string]: any;
};
export function checkJson(rulesDir?: string | null, options?: EngineOptions): string;
export function version(): string;
export function versionNumber(): number;
export function statusString(code: number): string;
export const status: Readonly<{
    OK: 0; EINVAL: -1; EPARSE: -2; ESCHEMA: -3; ERULES: -4; ESCRIPT: -5; ELIMIT: -6;
    ENOMEM: -7; EIO: -8;
}>;
/** Where the shared library was loaded from. */
export const libraryPath: string;

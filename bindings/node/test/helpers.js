'use strict';
// Paths and rule files shared by the tests.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..', '..');
const cli = process.env.DWPOLICY_CLI || path.join(root, 'build', 'cli', 'dwpolicy');
const casesDir = path.join(root, 'examples', 'cases');
const exampleRules = path.join(root, 'examples', 'rules');

/** The worked examples (SPEC §5a), sorted by file name. */
const exampleCases = fs.readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => path.join(casesDir, f));

function example(name) {
    return fs.readFileSync(path.join(casesDir, name), 'utf8');
}

/** The CLI's stdout as a Buffer (exit status 0 or 1). */
function runCli(...args) {
    try {
        return execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
        if (e.status === 1) return e.stdout;
        throw e;
    }
}

/** A temporary directory (rules or cases) holding files { name: text }, and its cleanup. */
function tempDir(files) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwpolicy-rules-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const REGION = 'region { code = "510104", name = "锦江区" }\n';
const RAISING_OVERRIDE = REGION +
    'override "dibao.single_person" (function (case, base)\n' +
    '  error("锦江区测试错误")\n' +
    'end)\n';
const LOOPING_OVERRIDE = REGION +
    'override "dibao.single_person" (function (case, base)\n' +
    '  ::again::\n' +
    '  goto again\n' +
    'end)\n';
const DUPLICATE_OVERRIDE = REGION +
    'override "dibao.single_person" (function (case, base)\n' +
    '  return base()\n' +
    'end)\n' +
    'override "dibao.single_person" (function (case, base)\n' +
    '  return base()\n' +
    'end)\n';

function benefit(result, id) {
    const b = result.benefits.find((x) => x.id === id);
    if (!b) throw new Error(`no benefit ${id}`);
    return b;
}

module.exports = {
    root, cli, casesDir, exampleRules, exampleCases, example, runCli, tempDir, benefit,
    RAISING_OVERRIDE, LOOPING_OVERRIDE, DUPLICATE_OVERRIDE,
};

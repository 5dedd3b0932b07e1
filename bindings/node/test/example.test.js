'use strict';
// Runs examples/evaluate.js as a user would and compares its output with the CLI's.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const h = require('./helpers');

const script = path.join(__dirname, '..', 'examples', 'evaluate.js');

function run(...args) {
    return execFileSync(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

test('examples/evaluate.js prints what dwpolicy eval prints', () => {
    for (const f of h.exampleCases) assert.deepEqual(run(f), h.runCli('eval', f));
    const f = h.exampleCases[0];
    assert.deepEqual(run('--rules', h.exampleRules, '--lang', 'en', f),
        h.runCli('eval', '--rules', h.exampleRules, '--lang', 'en', f));
});

test('examples/evaluate.js exits 2 on a bad case, naming the field', () => {
    const { dir, cleanup } = h.tempDir({
        'bad.json': h.example('chengdu-serious-illness.json').replace('"ordinary_high"', '"phd"'),
    });
    try {
        const r = spawnSync(process.execPath, [script, path.join(dir, 'bad.json')],
            { encoding: 'utf8' });
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /^DWP_ESCHEMA: child\.education\.level/);
    } finally {
        cleanup();
    }
});

'use strict';
// 10,000 evaluations on one engine, and 4 worker threads × 2,500 each with an engine of its own
// (sharing only the library): every result equal to the serial run's.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const h = require('./helpers');
const { Engine } = require('..');

const cases = h.exampleCases.map((f) => fs.readFileSync(f, 'utf8'));

function expected() {
    const e = new Engine(h.exampleRules);
    try {
        return cases.map((c) => e.evaluateJson(c));
    } finally {
        e.close();
    }
}

test('10,000 evaluations on one engine', { timeout: 60000 }, (t) => {
    const want = expected();
    const e = new Engine(h.exampleRules);
    const t0 = process.hrtime.bigint();
    try {
        for (let k = 0; k < 10000; k++) {
            const i = k % cases.length;
            const got = e.evaluateJson(cases[i]);
            if (got !== want[i]) assert.fail(`result ${i} differs at ${k}`);
        }
    } finally {
        e.close();
    }
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / 10000;
    t.diagnostic(`serial: ${us.toFixed(1)} µs per evaluation`);
});

test('4 worker threads × 2,500 evaluations, an engine each', { timeout: 60000 }, async () => {
    const want = expected();
    const worker = `
        const { parentPort, workerData } = require('node:worker_threads');
        const { Engine } = require(workerData.pkg);
        const e = new Engine(workerData.rules);
        let bad = null;
        for (let k = 0; k < workerData.n && !bad; k++) {
            const i = (k + workerData.id) % workerData.cases.length;
            if (e.evaluateJson(workerData.cases[i]) !== workerData.want[i]) bad = i + ' at ' + k;
        }
        e.close();
        parentPort.postMessage({ done: workerData.n, bad });
    `;
    const pkg = path.join(__dirname, '..');
    const runs = [0, 1, 2, 3].map((id) => new Promise((resolve, reject) => {
        const w = new Worker(worker, {
            eval: true,
            workerData: { pkg, rules: h.exampleRules, cases, want, n: 2500, id },
        });
        w.once('message', resolve);
        w.once('error', reject);
        w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited ${code}`)));
    }));
    const results = await Promise.all(runs);
    for (const r of results) {
        assert.equal(r.bad, null, `worker result differs: ${r.bad}`);
        assert.equal(r.done, 2500);
    }
});

// What the library returns is freed, and reading it leaks nothing native: a child process
// evaluates 100,000 times (results as strings, as Buffers, errors) and its RSS, after a
// warm-up, grows by less than 10 MB (a leak of 100 bytes a call would be 10 MB).
test('no native memory growth over 100,000 calls', { timeout: 60000 }, () => {
    const { execFileSync } = require('node:child_process');
    const script = `
        const { Engine } = require(process.argv[1]);
        const fs = require('node:fs');
        const e = new Engine();
        const c = fs.readFileSync(process.argv[2], 'utf8');
        const b = Buffer.from(c);
        const bad = c.replace('"ordinary_high"', '"phd"');
        const run = (n) => {
            for (let i = 0; i < n; i++) {
                if (i % 2) e.evaluateJson(c); else e.evaluateBuffer(b);
                if (i % 10 === 0) { try { e.evaluateJson(bad); } catch {} }
                if (i % 10 === 0) e.paramsJson('510104', '2026-03-01');
            }
        };
        run(20000); gc();
        const r0 = process.memoryUsage().rss;
        run(100000); gc();
        process.stdout.write(String(process.memoryUsage().rss - r0));
    `;
    const growth = Number(execFileSync(process.execPath, ['--expose-gc', '-e', script,
        path.join(__dirname, '..'), h.exampleCases[0]], { encoding: 'utf8' }));
    assert.ok(growth < 10e6, `RSS grew ${(growth / 1e6).toFixed(1)} MB`);
});

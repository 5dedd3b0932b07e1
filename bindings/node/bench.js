#!/usr/bin/env node
'use strict';
// Microseconds per case through the Node binding: the example cases in turn on one engine,
// through evaluateJson (string in, string out), evaluateBuffer (bytes in, bytes out) and
// evaluate (object in, object out: adds JSON.stringify and JSON.parse). Also the CPU time per
// case (process.cpuUsage), steadier than wall clock on a busy machine.
//
//   DWPOLICY_LIBRARY=…/libdwpolicy.so.1 node bench.js [N]     (default N = 50,000)
const fs = require('node:fs');
const path = require('node:path');
const { Engine, version } = require('.');

const n = Number(process.argv[2] || 50000);
const dir = path.join(__dirname, '..', '..', 'examples', 'cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const buffers = texts.map((t) => Buffer.from(t, 'utf8'));
const objects = texts.map((t) => JSON.parse(t));

const engine = new Engine();

function measure(name, fn) {
    for (let k = 0; k < Math.max(1000, n / 10); k++) fn(k % texts.length); // warm-up (JIT)
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let sink = 0;
    for (let k = 0; k < n; k++) sink += fn(k % texts.length) ? 1 : 0;
    const wall = Number(process.hrtime.bigint() - t0) / 1e3 / n;
    const cpu = process.cpuUsage(cpu0);
    const cpuUs = (cpu.user + cpu.system) / n;
    if (sink !== n) throw new Error('no result');
    console.log(`${name.padEnd(22)} ${wall.toFixed(2).padStart(7)} µs/case wall ` +
        `(${Math.round(1e6 / wall).toLocaleString('en')} cases/s), ` +
        `${cpuUs.toFixed(2).padStart(7)} µs/case CPU`);
}

console.log(`libdwpolicy ${version()} through koffi, node ${process.version}, ` +
    `${texts.length} example cases, ${n.toLocaleString('en')} evaluations per line`);
measure('evaluateJson(string)', (i) => engine.evaluateJson(texts[i]));
measure('evaluateBuffer(Buffer)', (i) => engine.evaluateBuffer(buffers[i]));
measure('evaluate(object)', (i) => engine.evaluate(objects[i]));
engine.close();

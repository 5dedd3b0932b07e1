#!/usr/bin/env node
'use strict';
// Evaluates a case file and prints the result JSON, like `dwpolicy eval`.
//
//   DWPOLICY_LIBRARY=…/libdwpolicy.so.1 node examples/evaluate.js [--rules DIR] [--lang en] CASE.json
//
// Exit status: 0 every benefit decided, 1 a rule failed (the result is still printed),
// 2 bad input or rules.
const fs = require('node:fs');
const { Engine, DwPolicyError } = require('..'); // require('dwpolicy') once installed

let rules = null;
let lang = 'zh';
let file = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rules' && i + 1 < args.length) rules = args[++i];
    else if (args[i] === '--lang' && i + 1 < args.length) lang = args[++i];
    else file = args[i];
}
if (!file) {
    console.error('usage: evaluate.js [--rules DIR] [--lang zh|en] CASE.json');
    process.exit(2);
}

// One engine per process (or per worker thread) in a real application: open it once.
let engine;
try {
    engine = new Engine(rules, { lang });
    process.stdout.write(engine.evaluateJson(fs.readFileSync(file, 'utf8')) + '\n');
} catch (e) {
    if (!(e instanceof DwPolicyError)) throw e;
    if (e.resultJson) { // a rule failed: the other benefits are still decided
        process.stdout.write(e.resultJson + '\n');
        console.error(`${e.name}: ${e.message}`);
        process.exitCode = 1;
    } else {
        console.error(`${e.name}: ${e.message}`); // e.g. DWP_ESCHEMA: child.education.level: …
        process.exitCode = 2;
    }
} finally {
    if (engine) engine.close();
}

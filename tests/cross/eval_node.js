'use strict';
// Node side of tests/cross/run.sh: node eval_node.js BINDING_DIR OUTDIR CASE.json...
//
// One Engine (embedded rules) of the binding in BINDING_DIR (bindings/node) evaluates every
// case in this process with engine.evaluateJson(text) and writes the returned string, UTF-8
// encoded, to OUTDIR/<basename of CASE.json>. A DwPolicyError that carries a result
// (DWP_ERULES, DWP_ESCRIPT, DWP_ELIMIT: undecided benefits have status "error") writes that
// result, as the CLI prints it. Exit 1 when a case failed.
const fs = require('fs');
const path = require('path');

const [bindingDir, outdir, ...cases] = process.argv.slice(2);
if (!bindingDir || !outdir || cases.length === 0) {
    console.error('usage: node eval_node.js BINDING_DIR OUTDIR CASE.json...');
    process.exit(2);
}
const { Engine } = require(path.resolve(bindingDir));

let failures = 0;
const engine = new Engine();
try {
    for (const file of cases) {
        try {
            const text = fs.readFileSync(file, 'utf8');
            let result;
            try {
                result = engine.evaluateJson(text);
            } catch (e) {
                if (typeof e.resultJson !== 'string') throw e;
                result = e.resultJson;
            }
            fs.writeFileSync(path.join(outdir, path.basename(file)), Buffer.from(result, 'utf8'));
        } catch (e) {
            console.error(`eval_node: ${file}: ${e && e.name}: ${e && e.message}`);
            failures++;
        }
    }
} finally {
    engine.close();
}
process.exit(failures ? 1 : 0);

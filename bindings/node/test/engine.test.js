'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const h = require('./helpers');
const dwpolicy = require('..');

const { Engine, DwPolicyError, status } = dwpolicy;

let zh;
test.before(() => { zh = new Engine(); });
test.after(() => zh.close());

const chengdu = () => h.example('chengdu-serious-illness.json');
const phd = () => chengdu().replace('"ordinary_high"', '"phd"');

test('version is major 1', () => {
    assert.equal(Math.trunc(dwpolicy.versionNumber() / 10000), 1);
    assert.match(dwpolicy.version(), /^1\.\d+\.\d+$/);
    assert.equal(dwpolicy.statusString(status.EINVAL), 'invalid argument');
});

test('worked example 1: 成都市锦江区 serious illness → 1120 元 a month', () => {
    const r = zh.evaluate(chengdu());
    assert.equal(r.case_id, 'SC-2026-000123');
    assert.deepEqual(r.region_chain, ['510104', '510100', '510000']);
    const b = h.benefit(r, 'dibao.single_person');
    assert.equal(b.status, 'eligible');
    assert.equal(b.amount_fen, 112000);
    assert.equal(b.decided_by, '510000');
    assert.equal(b.params[0].name, 'dibao.standard.urban');
    assert.equal(b.params[0].region, '510100');
});

test('worked example 2: adult orphan student → top-up 126 元 a month', () => {
    const r = zh.evaluate(JSON.parse(h.example('guangyuan-adult-orphan-student.json')));
    const b = h.benefit(r, 'orphan.adult_student_topup');
    assert.equal(b.status, 'eligible');
    assert.equal(b.amount_fen, 12600);
    assert.equal(b.discretionary, true);
    assert.equal(h.benefit(r, 'dibao.single_person').status, 'ineligible');
});

test('worked example 3: 低保 child medical assistance → 14000 元', () => {
    const r = zh.evaluate(h.example('guangyuan-dibao-medical.json'));
    const b = h.benefit(r, 'medical.assistance');
    assert.equal(b.status, 'eligible');
    assert.equal(b.amount_fen, 1400000);
    assert.ok(r.warnings.length > 0);
});

test('the fast UTF-8 decoder (ICU) is in use', () => {
    assert.equal(require('../lib/native').decoder, 'icu');
});

test('evaluateJson and evaluateBuffer are byte-identical to dwpolicy eval', () => {
    const en = new Engine({ lang: 'en' });
    const local = new Engine(h.exampleRules);
    try {
        for (const f of h.exampleCases) {
            const text = fs.readFileSync(f, 'utf8');
            const strip = (b) => {
                assert.equal(b[b.length - 1], 0x0a, 'CLI output ends with a newline');
                return b.subarray(0, b.length - 1);
            };
            const cliZh = strip(h.runCli('eval', f));
            assert.deepEqual(Buffer.from(zh.evaluateJson(text), 'utf8'), cliZh);
            assert.deepEqual(zh.evaluateBuffer(fs.readFileSync(f)), cliZh);
            assert.deepEqual(Buffer.from(en.evaluateJson(text), 'utf8'),
                strip(h.runCli('eval', '--lang', 'en', f)));
            assert.deepEqual(Buffer.from(local.evaluateJson(text), 'utf8'),
                strip(h.runCli('eval', '--rules', h.exampleRules, f)));
        }
    } finally {
        en.close();
        local.close();
    }
});

test('bad input → DWP_ESCHEMA naming the field', () => {
    assert.throws(() => zh.evaluateJson(phd()), (e) => {
        assert.ok(e instanceof DwPolicyError);
        assert.ok(e instanceof Error);
        assert.equal(e.code, -3);
        assert.equal(e.code, status.ESCHEMA);
        assert.equal(e.name, 'DWP_ESCHEMA');
        assert.equal(e.status, 'DWP_ESCHEMA');
        assert.match(e.message, /^child\.education\.level：/);
        assert.match(e.message, /"phd"/);
        assert.equal(e.result, undefined);
        return true;
    });
});

test('unknown field is refused with its path', () => {
    const c = JSON.parse(chengdu());
    c.child.serius_illness = true;
    assert.throws(() => zh.evaluate(c), { name: 'DWP_ESCHEMA', message: /child\.serius_illness/ });
});

test('malformed JSON → DWP_EPARSE with line and column', () => {
    assert.throws(() => zh.evaluateJson('{\n  "as_of": 2026-03-01\n}'),
        { name: 'DWP_EPARSE', code: -2, message: /2/ });
    assert.throws(() => zh.evaluateJson(''), { name: 'DWP_EPARSE' });
    assert.throws(() => zh.evaluateBuffer(Buffer.alloc(0)), { name: 'DWP_EPARSE' });
    assert.throws(() => zh.evaluateBuffer(Buffer.from([0x7b, 0xff, 0x7d])), { name: 'DWP_EPARSE' });
});

test('English option: results and messages in English', () => {
    const en = new Engine(null, { lang: 'en' });
    try {
        assert.equal(en.lang, 'en');
        const r = en.evaluate(chengdu());
        assert.match(h.benefit(r, 'dibao.single_person').title,
            /^Inclusion in the minimum living allowance/);
        assert.throws(() => en.evaluateJson(phd()),
            { name: 'DWP_ESCHEMA', message: /^child\.education\.level: expected one of/ });
    } finally {
        en.close();
    }
});

test('non-ASCII text round-trips as UTF-8', () => {
    const r = zh.evaluate(chengdu().replace('SC-2026-000123', '锦江-𠀀-001'));
    assert.equal(r.case_id, '锦江-𠀀-001');
    assert.throws(() => zh.evaluateJson(chengdu().replace('SC-2026-000123', '\ud800')),
        TypeError);
});

test('params for a region and date', () => {
    const p = zh.params('510104', '2026-03-01');
    assert.equal(p.region, '510104');
    assert.equal(p.params[0].name, 'dibao.standard.urban');
    assert.equal(p.params[0].value, 112000);
    assert.equal(p.params[0].region, '510100');
    assert.equal(typeof zh.paramsJson('510104', '2026-03-01'), 'string');
    assert.throws(() => zh.params('999999', '2026-03-01'),
        { name: 'DWP_ESCHEMA', message: /999999/ });
    assert.throws(() => zh.params('510104', '2026-02-30'), { name: 'DWP_ESCHEMA' });
    assert.throws(() => zh.params('510104'), TypeError);
});

test('check: good directory, broken directory, unreadable directory', () => {
    assert.equal(dwpolicy.check(h.exampleRules).ok, true);
    assert.equal(dwpolicy.check().ok, true);
    assert.equal(typeof dwpolicy.checkJson(h.exampleRules), 'string');
    const { dir, cleanup } = h.tempDir({
        '510104.lua': h.DUPLICATE_OVERRIDE,
        '510105.lua': 'region { code = "510105", name = "青羊区" }\nparam (\n',
    });
    try {
        const r = dwpolicy.check(dir, { lang: 'en' });
        assert.equal(r.ok, false);
        assert.equal(r.problems.length, 2);
        assert.ok(r.problems.some((p) => p.file.endsWith('510104.lua') && p.line === 5));
        assert.ok(r.problems.some((p) => p.file.endsWith('510105.lua') && p.line === 3));
        assert.throws(() => new Engine(dir),
            { name: 'DWP_ERULES', code: -4, message: /510104\.lua:5|510105\.lua:3/ });
    } finally {
        cleanup();
    }
    assert.throws(() => dwpolicy.check('/nonexistent/dwpolicy-rules'), { name: 'DWP_EIO', code: -8 });
    assert.throws(() => new Engine('/nonexistent/dwpolicy-rules'), { name: 'DWP_EIO' });
});

test('an override that raises → DWP_ESCRIPT with the result attached', () => {
    const { dir, cleanup } = h.tempDir({ '510104.lua': h.RAISING_OVERRIDE });
    const e = new Engine(dir);
    try {
        assert.throws(() => e.evaluate(chengdu()), (x) => {
            assert.equal(x.name, 'DWP_ESCRIPT');
            assert.equal(x.code, -5);
            assert.match(x.message, /510104\.lua:3/);
            const b = h.benefit(x.result, 'dibao.single_person');
            assert.equal(b.status, 'error');
            assert.equal(b.amount_fen, null);
            assert.equal(x.result.errors[0].benefit, 'dibao.single_person');
            assert.equal(h.benefit(x.result, 'orphan.basic_living').status, 'ineligible');
            assert.deepEqual(JSON.parse(x.resultJson), x.result);
            return true;
        });
        // The raw-bytes API attaches the same result.
        assert.throws(() => e.evaluateBuffer(Buffer.from(chengdu())),
            (x) => x.name === 'DWP_ESCRIPT' && x.result.errors.length === 1);
        // A case outside 锦江区 does not reach the override.
        e.evaluate(h.example('guangyuan-dibao-medical.json'));
    } finally {
        e.close();
        cleanup();
    }
});

test('a looping override → DWP_ELIMIT with the result attached', () => {
    const { dir, cleanup } = h.tempDir({ '510104.lua': h.LOOPING_OVERRIDE });
    const e = new Engine(dir, { ruleInstructions: 100000, ruleTimeMs: 2000 });
    try {
        assert.throws(() => e.evaluate(chengdu()), (x) => x.name === 'DWP_ELIMIT' &&
            h.benefit(x.result, 'dibao.single_person').status === 'error');
    } finally {
        e.close();
        cleanup();
    }
});

test('options are checked', () => {
    assert.throws(() => new Engine({ ruleMemoryBytes: 1000 }),
        { name: 'DWP_EINVAL', message: /dwp_options/ });
    assert.throws(() => new Engine({ lang: 'fr' }), TypeError);
    assert.throws(() => new Engine({ langauge: 'en' }), TypeError);
    assert.throws(() => new Engine({ ruleTimeMs: 1.5 }), TypeError);
    const e = new Engine(null, { ruleInstructions: 5000000n, ruleTimeMs: 500 });
    e.close();
});

test('a NUL in a path is refused', () => {
    assert.throws(() => new Engine('examples\0/rules'), TypeError);
});

test('closed engine throws', () => {
    const e = new Engine();
    e.evaluate(chengdu());
    assert.equal(e.closed, false);
    e.close();
    assert.equal(e.closed, true);
    e.close(); // idempotent
    for (const f of [() => e.evaluate(chengdu()), () => e.evaluateJson('{}'),
        () => e.evaluateBuffer(Buffer.from('{}')), () => e.params('510104', '2026-03-01')]) {
        assert.throws(f, { code: 'ERR_DWPOLICY_CLOSED', message: /closed/ });
    }
});

test('ESM import gives the same named exports', async () => {
    const m = await import('../lib/index.js');
    assert.equal(m.Engine, Engine);
    assert.equal(m.version(), dwpolicy.version());
});

test('a missing library is a clear error at require', () => {
    const { spawnSync } = require('node:child_process');
    const r = spawnSync(process.execPath, ['-e', "require(process.argv[1])", require.resolve('..')], {
        env: { ...process.env, DWPOLICY_LIBRARY: '/nonexistent/libdwpolicy.so.1' },
        encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /cannot load libdwpolicy \(set DWPOLICY_LIBRARY/);
});

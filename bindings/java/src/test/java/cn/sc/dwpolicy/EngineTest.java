package cn.sc.dwpolicy;

import static cn.sc.dwpolicy.MiniJson.arr;
import static cn.sc.dwpolicy.MiniJson.benefit;
import static cn.sc.dwpolicy.MiniJson.obj;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class EngineTest {
    private static Engine zh;

    @BeforeClass
    public static void open() {
        zh = new Engine();
    }

    @AfterClass
    public static void closeAll() {
        zh.close();
    }

    private static Map<String, Object> json(String s) {
        return obj(MiniJson.parse(s));
    }

    private static DwPolicyException expectError(Runnable r) {
        try {
            r.run();
        } catch (DwPolicyException e) {
            return e;
        }
        throw new AssertionError("expected a DwPolicyException");
    }

    @Test
    public void versionIsMajorOne() {
        assertEquals(1, Engine.versionNumber() / 10000);
        assertTrue(Engine.version().startsWith("1."));
        assertEquals("invalid argument", DwPolicy.statusString(Status.EINVAL.code()));
    }

    // SPEC §5a example 1: 成都市锦江区, 17, serious illness, 低保边缘 → 1120 元 a month.
    @Test
    public void workedExampleChengduSeriousIllness() throws Exception {
        Map<String, Object> r = json(zh.evaluate(Fixtures.example("chengdu-serious-illness.json")));
        assertEquals("SC-2026-000123", r.get("case_id"));
        assertEquals(Arrays.asList("510104", "510100", "510000"), r.get("region_chain"));
        Map<String, Object> b = benefit(r, "dibao.single_person");
        assertEquals("eligible", b.get("status"));
        assertEquals(112000L, b.get("amount_fen"));
        assertEquals("510000", b.get("decided_by"));
        Map<String, Object> p = obj(arr(b.get("params")).get(0));
        assertEquals("dibao.standard.urban", p.get("name"));
        assertEquals("510100", p.get("region"));
    }

    // Example 2: adult orphan student in 广元市利州区 → top-up 1200 − 1074 = 126 元 a month.
    @Test
    public void workedExampleAdultOrphanStudent() throws Exception {
        Map<String, Object> r =
                json(zh.evaluate(Fixtures.example("guangyuan-adult-orphan-student.json")));
        Map<String, Object> b = benefit(r, "orphan.adult_student_topup");
        assertEquals("eligible", b.get("status"));
        assertEquals(12600L, b.get("amount_fen"));
        assertEquals(Boolean.TRUE, b.get("discretionary"));
        assertEquals("ineligible", benefit(r, "dibao.single_person").get("status"));
    }

    // Example 3: 低保 child, 20000 元 self-paid → medical assistance 14000 元.
    @Test
    public void workedExampleDibaoMedical() throws Exception {
        Map<String, Object> r = json(zh.evaluate(Fixtures.example("guangyuan-dibao-medical.json")));
        Map<String, Object> b = benefit(r, "medical.assistance");
        assertEquals("eligible", b.get("status"));
        assertEquals(1400000L, b.get("amount_fen"));
        assertFalse(arr(r.get("warnings")).isEmpty());
    }

    /** The binding returns the C library's bytes unchanged: the CLI's stdout minus its '\n'. */
    @Test
    public void byteIdenticalToCli() throws Exception {
        Path rules = Fixtures.root().resolve("examples/rules");
        try (Engine en = new Engine(new Options(Lang.EN));
                Engine local = new Engine(rules.toString())) {
            for (Path f : Fixtures.exampleCases()) {
                byte[] in = Fixtures.read(f).getBytes(StandardCharsets.UTF_8);
                assertCliEquals(Fixtures.runCli("eval", f.toString()), zh.evaluateUtf8(in));
                assertCliEquals(Fixtures.runCli("eval", f.toString()),
                        zh.evaluate(Fixtures.read(f)).getBytes(StandardCharsets.UTF_8));
                assertCliEquals(Fixtures.runCli("eval", "--lang", "en", f.toString()),
                        en.evaluateUtf8(in));
                assertCliEquals(Fixtures.runCli("eval", "--rules", rules.toString(),
                        f.toString()), local.evaluateUtf8(in));
            }
        }
    }

    private static void assertCliEquals(byte[] cli, byte[] ours) {
        assertTrue("CLI output ends with a newline", cli.length > 0 && cli[cli.length - 1] == '\n');
        assertArrayEquals(Arrays.copyOf(cli, cli.length - 1), ours);
    }

    @Test
    public void schemaErrorNamesTheField() throws Exception {
        String bad = Fixtures.example("chengdu-serious-illness.json")
                .replace("\"ordinary_high\"", "\"phd\"");
        DwPolicyException e = expectError(() -> zh.evaluate(bad));
        assertEquals(Status.ESCHEMA, e.getStatus());
        assertEquals(-3, e.getCode());
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().startsWith("child.education.level"));
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("\"phd\""));
        assertTrue(e.getMessage(), e.getMessage().startsWith("DWP_ESCHEMA: child.education.level"));
        assertNull(e.getResultJson());
    }

    @Test
    public void parseErrorHasLineAndColumn() {
        DwPolicyException e = expectError(() -> zh.evaluate("{\n  \"as_of\": 2026-03-01\n}"));
        assertEquals(Status.EPARSE, e.getStatus());
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("2"));
        assertEquals(Status.EPARSE, expectError(() -> zh.evaluate("")).getStatus());
    }

    @Test
    public void unknownFieldIsRefused() {
        DwPolicyException e = expectError(() -> zh.evaluate(
                "{\"as_of\":\"2026-03-01\",\"region\":\"510104\",\"child\":{\"birth_date\":"
                        + "\"2010-01-01\",\"serius_illness\":true}}"));
        assertEquals(Status.ESCHEMA, e.getStatus());
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("child.serius_illness"));
    }

    @Test
    public void englishOption() throws Exception {
        try (Engine en = new Engine(Options.DEFAULT.withLang(Lang.EN))) {
            assertEquals(Lang.EN, en.options().lang());
            Map<String, Object> r =
                    json(en.evaluate(Fixtures.example("chengdu-serious-illness.json")));
            String title = (String) benefit(r, "dibao.single_person").get("title");
            assertTrue(title, title.startsWith("Inclusion in the minimum living allowance"));
            String bad = Fixtures.example("chengdu-serious-illness.json")
                    .replace("\"ordinary_high\"", "\"phd\"");
            DwPolicyException e = expectError(() -> en.evaluate(bad));
            assertTrue(e.getLibraryMessage(), e.getLibraryMessage()
                    .startsWith("child.education.level: expected one of"));
        }
    }

    @Test
    public void nonAsciiRoundTrip() throws Exception {
        String c = Fixtures.example("chengdu-serious-illness.json")
                .replace("SC-2026-000123", "锦江-𠀀-001");
        assertEquals("锦江-𠀀-001", json(zh.evaluate(c)).get("case_id"));
        String lone = Fixtures.example("chengdu-serious-illness.json")
                .replace("SC-2026-000123", "\ud800");
        try {
            zh.evaluate(lone);
            fail("expected IllegalArgumentException for a lone surrogate");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("surrogate"));
        }
        // Bytes go through unchanged; the library refuses invalid UTF-8 itself.
        DwPolicyException e = expectError(() -> zh.evaluateUtf8(new byte[] {'{', (byte) 0xff,
            '}'}));
        assertEquals(Status.EPARSE, e.getStatus());
    }

    @Test
    public void paramsForARegion() {
        Map<String, Object> r = json(zh.params("510104", "2026-03-01"));
        assertEquals("510104", r.get("region"));
        Map<String, Object> first = obj(arr(r.get("params")).get(0));
        assertEquals("dibao.standard.urban", first.get("name"));
        assertEquals(112000L, first.get("value"));
        assertEquals("510100", first.get("region"));
        DwPolicyException e = expectError(() -> zh.params("999999", "2026-03-01"));
        assertEquals(Status.ESCHEMA, e.getStatus());
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("999999"));
        assertEquals(Status.ESCHEMA, expectError(() -> zh.params("510104", "2026-02-30"))
                .getStatus());
    }

    @Test
    public void checkGoodAndBrokenRules() throws Exception {
        Map<String, Object> good =
                json(Engine.check(Fixtures.root().resolve("examples/rules").toString()));
        assertEquals(Boolean.TRUE, good.get("ok"));
        assertEquals(Boolean.TRUE, json(Engine.check(null)).get("ok"));

        Path broken = Fixtures.rulesDir("510104.lua", Fixtures.DUPLICATE_OVERRIDE,
                "510105.lua", "region { code = \"510105\", name = \"青羊区\" }\nparam (\n");
        try {
            Map<String, Object> r = json(Engine.check(broken.toString(),
                    Options.DEFAULT.withLang(Lang.EN)));
            assertEquals(Boolean.FALSE, r.get("ok"));
            List<Object> problems = arr(r.get("problems"));
            assertEquals(problems.toString(), 2, problems.size());
            boolean duplicate = false;
            boolean syntax = false;
            for (Object o : problems) {
                Map<String, Object> p = obj(o);
                String file = (String) p.get("file");
                duplicate |= file.endsWith("510104.lua") && p.get("line").equals(5L);
                syntax |= file.endsWith("510105.lua") && p.get("line").equals(3L);
            }
            assertTrue(problems.toString(), duplicate && syntax);
            // Opening the same directory fails, naming a problem's file and line.
            DwPolicyException e = expectError(() -> new Engine(broken.toString()));
            assertEquals(Status.ERULES, e.getStatus());
            assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("510104.lua:5")
                    || e.getLibraryMessage().contains("510105.lua:3"));
        } finally {
            Fixtures.delete(broken);
        }
        DwPolicyException e = expectError(() -> Engine.check("/nonexistent/dwpolicy-rules"));
        assertEquals(Status.EIO, e.getStatus());
        assertEquals(Status.EIO, expectError(() -> new Engine("/nonexistent/dwpolicy-rules"))
                .getStatus());
    }

    @Test
    public void raisingOverrideGivesScriptErrorWithResult() throws Exception {
        Path dir = Fixtures.rulesDir("510104.lua", Fixtures.RAISING_OVERRIDE);
        try (Engine e = new Engine(dir.toString())) {
            String c = Fixtures.example("chengdu-serious-illness.json");
            DwPolicyException x = expectError(() -> e.evaluate(c));
            assertEquals(Status.ESCRIPT, x.getStatus());
            assertEquals(-5, x.getCode());
            assertTrue(x.getLibraryMessage(), x.getLibraryMessage().contains("510104.lua:3"));
            assertNotNull(x.getResultJson());
            Map<String, Object> r = json(x.getResultJson());
            Map<String, Object> b = benefit(r, "dibao.single_person");
            assertEquals("error", b.get("status"));
            assertNull(b.get("amount_fen"));
            assertEquals("dibao.single_person", obj(arr(r.get("errors")).get(0)).get("benefit"));
            // The other benefits are still decided.
            assertEquals("ineligible", benefit(r, "orphan.basic_living").get("status"));
            // A case outside 锦江区 does not reach the override.
            json(e.evaluate(Fixtures.example("guangyuan-dibao-medical.json")));
        } finally {
            Fixtures.delete(dir);
        }
    }

    @Test
    public void loopingOverrideGivesLimitWithResult() throws Exception {
        Path dir = Fixtures.rulesDir("510104.lua", Fixtures.LOOPING_OVERRIDE);
        Options small = Options.DEFAULT.withRuleInstructions(100_000).withRuleTimeMs(2000);
        String c = Fixtures.example("chengdu-serious-illness.json");
        try (Engine e = new Engine(dir.toString(), small)) {
            DwPolicyException x = expectError(() -> e.evaluate(c));
            assertEquals(Status.ELIMIT, x.getStatus());
            assertEquals("error", benefit(json(x.getResultJson()), "dibao.single_person")
                    .get("status"));
        } finally {
            Fixtures.delete(dir);
        }
    }

    @Test
    public void invalidOptions() {
        DwPolicyException e = expectError(
                () -> new Engine(Options.DEFAULT.withRuleMemoryBytes(1000)));
        assertEquals(Status.EINVAL, e.getStatus());
        assertTrue(e.getLibraryMessage(), e.getLibraryMessage().contains("dwp_options"));
    }

    @Test
    public void nulInPathIsRefused() {
        try {
            new Engine("examples\0/rules");
            fail("expected IllegalArgumentException");
        } catch (IllegalArgumentException expected) {
            // C would have opened "examples".
        }
    }

    @Test
    public void closedEngineThrowsIllegalState() throws Exception {
        Engine e = new Engine();
        String c = Fixtures.example("chengdu-serious-illness.json");
        e.evaluate(c);
        e.close();
        assertTrue(e.isClosed());
        e.close(); // idempotent
        for (Runnable r : new Runnable[] {() -> e.evaluate(c), () -> e.params("510104",
                "2026-03-01"), () -> e.evaluateUtf8(new byte[0])}) {
            try {
                r.run();
                fail("expected IllegalStateException");
            } catch (IllegalStateException expected) {
                assertTrue(expected.getMessage().contains("closed"));
            }
        }
    }

    /** close() while other threads evaluate: they finish or see IllegalStateException. */
    @Test
    public void closeRacesWithEvaluations() throws Exception {
        String c = Fixtures.example("guangyuan-dibao-medical.json");
        for (int round = 0; round < 20; round++) {
            Engine e = new Engine();
            CountDownLatch started = new CountDownLatch(4);
            AtomicInteger ok = new AtomicInteger();
            AtomicReference<Throwable> bad = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    started.countDown();
                    try {
                        for (;;) {
                            e.evaluate(c);
                            ok.incrementAndGet();
                        }
                    } catch (IllegalStateException expected) {
                        // closed
                    } catch (Throwable x) {
                        bad.compareAndSet(null, x);
                    }
                });
                th.start();
                ts.add(th);
            }
            started.await();
            Thread.sleep(round % 3);
            e.close();
            for (Thread th : ts) th.join();
            if (bad.get() != null) throw new AssertionError(bad.get());
        }
    }

    /** dwp_last_error is per thread: each thread gets the message for its own case. */
    @Test
    public void errorMessagesArePerThread() throws Exception {
        String base = Fixtures.example("chengdu-serious-illness.json");
        String[] cases = {
            base.replace("\"ordinary_high\"", "\"phd\""),
            base.replace("\"urban\"", "\"suburban\""),
            base.replace("\"dibao_marginal\"", "\"rich\""),
            base.replace("\"2008-05-20\"", "\"2008-02-30\""),
        };
        String[] fields = {"child.education.level", "area", "household.status",
            "child.birth_date"};
        AtomicReference<Throwable> bad = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int k = t;
            Thread th = new Thread(() -> {
                try {
                    for (int n = 0; n < 2000; n++) {
                        DwPolicyException e = expectError(() -> zh.evaluate(cases[k]));
                        if (!e.getLibraryMessage().startsWith(fields[k] + "："))
                            throw new AssertionError(fields[k] + " vs " + e.getLibraryMessage());
                        if (n % 100 == 0) zh.evaluate(base); // success clears nothing of others
                    }
                } catch (Throwable x) {
                    bad.compareAndSet(null, x);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) th.join();
        if (bad.get() != null) throw new AssertionError(bad.get());
    }
}

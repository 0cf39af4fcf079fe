package io.multiprocessing4j;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JvmProcess} behaviour, run against every start method as CPython runs its process tests against
 * processes and threads. Real child JVMs, real shared memory.
 */
final class JvmProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;
    private SharedLongArray out;
    private final List<ProcessContext> contexts = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
        out = SharedLongArray.create(shm, Targets.SLOTS);
    }

    @AfterEach
    void tearDown()
    {
        contexts.forEach(ProcessContext::close);
        out.close();
        shm.close();
    }

    private ProcessContext context(final StartMethod method)
    {
        final ProcessContext context = Multiprocessing.context(method).withWarmPoolSize(2);
        contexts.add(context);
        return context;
    }

    private static void joinOrFail(final JvmProcess process) throws InterruptedException
    {
        if (!process.join(TIMEOUT))
        {
            process.kill();
            throw new AssertionError(process + " did not end within " + TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void childKnowsItsIdentityAndItsParent(final StartMethod method) throws Exception
    {
        final SharedLongArray shared = out;
        final JvmProcess process = context(method).process(() -> Targets.recordIdentity(shared)).start();
        joinOrFail(process);

        assertEquals(OptionalInt.of(0), process.exitCode());
        final long self = ProcessHandle.current().pid();
        assertEquals(process.pid(), out.get(Targets.PID));
        assertEquals(self, out.get(Targets.PARENT_PID), "parentProcess().pid");
        assertEquals(process.name().hashCode(), out.get(Targets.NAME_HASH), "currentProcess().name");
        if (StartMethod.THREAD == method)
        {
            assertEquals(self, out.get(Targets.PID));
        }
        else
        {
            assertNotEquals(self, out.get(Targets.PID));
            assertEquals(self, out.get(Targets.OS_PARENT_PID), "the child JVM's parent pid");
        }
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void namesFollowPythonsProcessNScheme(final StartMethod method)
    {
        final JvmProcess first = context(method).process(Targets::nothing);
        final JvmProcess second = context(method).process(Targets::nothing);
        assertTrue(first.name().matches("Process-\\d+"), first.name());
        final int n = Integer.parseInt(first.name().substring("Process-".length()));
        assertEquals("Process-" + (n + 1), second.name());
        assertEquals("worker", context(method).process("worker", Targets::nothing).name());
        assertEquals("MainProcess", Multiprocessing.currentProcess().name());
        assertTrue(Multiprocessing.parentProcess().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void exceptionInTargetGivesExitCodeOneAndReachesTheParent(final StartMethod method) throws Exception
    {
        final JvmProcess process = context(method).process(() -> Targets.fail("boom in child")).start();
        joinOrFail(process);

        assertEquals(OptionalInt.of(1), process.exitCode());
        final Throwable thrown = process.exception().orElseThrow();
        assertInstanceOf(IllegalArgumentException.class, thrown);
        assertEquals("boom in child", thrown.getMessage());
        assertTrue(List.of(thrown.getStackTrace()).stream().anyMatch(frame -> "fail".equals(frame.getMethodName())),
            "remote stack trace names the target method");
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void exitEndsTheTargetWithTheGivenCode(final StartMethod method) throws Exception
    {
        final JvmProcess process = context(method).process(() -> Targets.exitWith(7)).start();
        joinOrFail(process);
        assertEquals(OptionalInt.of(7), process.exitCode());
        assertEquals(OptionalInt.of(7), process.pythonExitCode());
        assertTrue(process.exception().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = StartMethod.class, names = {"SPAWN", "WARM"})
    void systemExitInTheChildIsItsExitCode(final StartMethod method) throws Exception
    {
        final JvmProcess process = context(method).process(() -> Targets.systemExit(5)).start();
        joinOrFail(process);
        assertEquals(OptionalInt.of(5), process.exitCode());
    }

    @ParameterizedTest
    @EnumSource(value = StartMethod.class, names = {"SPAWN", "WARM"})
    void terminateSendsSigtermAndKillSendsSigkill(final StartMethod method) throws Exception
    {
        final JvmProcess terminated = context(method).process(() -> Targets.sleep(60_000)).start();
        final JvmProcess killed = context(method).process(() -> Targets.sleep(60_000)).start();
        assertTrue(terminated.isAlive());
        assertEquals(OptionalInt.empty(), terminated.exitCode());

        terminated.terminate();
        killed.kill();
        joinOrFail(terminated);
        joinOrFail(killed);

        assertFalse(terminated.isAlive());
        assertEquals(OptionalInt.of(143), terminated.exitCode());
        assertEquals(OptionalInt.of(-15), terminated.pythonExitCode());
        assertEquals(OptionalInt.of(137), killed.exitCode());
        assertEquals(OptionalInt.of(-9), killed.pythonExitCode());
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void joinWithTimeoutReturnsOnTimeWhileTheChildSleeps(final StartMethod method) throws Exception
    {
        final SharedLongArray shared = out;
        final JvmProcess process = context(method).process(() -> Targets.sleepThenMark(1_500, shared)).start();

        final long start = System.nanoTime();
        assertFalse(process.join(Duration.ofMillis(300)));
        final long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 290 && waitedMs < 1_200, "join(300 ms) took " + waitedMs + " ms");
        assertTrue(process.isAlive());
        assertTrue(Multiprocessing.activeChildren().contains(process));

        joinOrFail(process);
        assertEquals(1, out.get(Targets.DONE));
        assertFalse(Multiprocessing.activeChildren().contains(process));
        assertTrue(process.onExit().isDone());
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void misuseGetsClearExceptions(final StartMethod method) throws Exception
    {
        final JvmProcess process = context(method).process(Targets::nothing);
        assertEquals("cannot join process " + process.name() + ": it was not started",
            assertThrows(IllegalStateException.class, process::join).getMessage());
        assertThrows(IllegalStateException.class, process::terminate);
        assertThrows(IllegalStateException.class, process::pid);

        process.start();
        assertThrows(IllegalStateException.class, process::start);
        assertThrows(IllegalStateException.class, () -> process.setDaemon(true));
        joinOrFail(process);
        final IllegalStateException late = assertThrows(IllegalStateException.class, process::terminate);
        assertTrue(late.getMessage().contains("already exited with code 0"), late.getMessage());
        assertThrows(IllegalStateException.class, process::kill);
        assertThrows(NullPointerException.class, () ->
            new JvmProcess((io.multiprocessing4j.function.ProcessTarget)null));
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void subclassFieldsTravelWithIt(final StartMethod method) throws Exception
    {
        final Squarer squarer = new Squarer(12, out);
        squarer.setContext(context(method)).start();
        joinOrFail(squarer);
        assertEquals(OptionalInt.of(0), squarer.exitCode());
        assertEquals(144, out.get(0));
        assertEquals("squarer", squarer.name());
    }

    @Test
    void runCalledDirectlyRunsInThisJvm()
    {
        final Squarer squarer = new Squarer(5, out);
        squarer.run();
        assertEquals(25, out.get(0));
        assertFalse(squarer.isAlive());
    }

    @ParameterizedTest
    @EnumSource(value = StartMethod.class, names = {"SPAWN", "WARM"})
    void unserializableTargetFailsInStartNamingTheClass(final StartMethod method)
    {
        final Thread notSerializable = new Thread(Targets::nothing);
        final JvmProcess process = context(method).process(() -> notSerializable.setName("x"));
        final CodecException fory = assertThrows(CodecException.class, process::start);
        assertTrue(fory.getMessage().contains("java.lang.Thread"), fory.getMessage());
        assertFalse(process.isAlive());

        final ProcessContext jdkContext = context(method).withCodec(Codec.jdk(ClassAllowList.defaults()));
        contexts.add(jdkContext);
        final JvmProcess viaJdk = jdkContext.process(() -> notSerializable.setName("x"));
        final CodecException jdk = assertThrows(CodecException.class, viaJdk::start);
        assertTrue(jdk.getMessage().contains("java.lang.Thread"), jdk.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = StartMethod.class, names = {"SPAWN", "WARM"})
    void capturedValuesAndSharedObjectsArriveWithBothCodecs(final StartMethod method) throws Exception
    {
        for (final Codec codec : List.of(Codec.fory(ClassAllowList.defaults()), Codec.jdk(ClassAllowList.defaults())))
        {
            final SharedLongArray shared = out;
            final List<Long> values = List.of(3L, 4L, 5L);
            final String label = "sum";
            final ProcessContext context = context(method).withCodec(codec);
            contexts.add(context);
            final JvmProcess process = context
                .process(() -> shared.set(0, label.length() + values.stream().mapToLong(Long::longValue).sum()))
                .start();
            joinOrFail(process);
            assertEquals(OptionalInt.of(0), process.exitCode(), codec.id());
            assertEquals(15, out.get(0), codec.id());
        }
    }

    @Test
    void warmJvmsPreloadTheClassesTheyAreToldAbout() throws Exception
    {
        final SharedLongArray shared = out;
        final ProcessContext plain = Multiprocessing.context(StartMethod.WARM).withWarmPoolSize(1);
        final ProcessContext preloading = plain.withPreload(PreloadProbe.class);
        contexts.add(plain);
        contexts.add(preloading);

        joinOrFail(plain.prestart().process(() -> reportPreload(shared)).start());
        assertTrue(out.get(0) > out.get(1), "without preload the class is initialized by the target");

        joinOrFail(preloading.prestart().process(() -> reportPreload(shared)).start());
        assertTrue(out.get(0) < out.get(1), "the class was initialized before the target started");
    }

    @Test
    void forkIsRefusedWithAPointerToWarm()
    {
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> Multiprocessing.context("fork"));
        assertTrue(refused.getMessage().contains("WARM"), refused.getMessage());
        assertEquals(StartMethod.WARM, StartMethod.of("forkserver"));
        assertTrue(Multiprocessing.cpuCount() >= 1);
    }

    /**
     * Records the time, then touches {@link PreloadProbe}, which records when it was initialized.
     */
    static void reportPreload(final SharedLongArray out)
    {
        out.set(1, System.nanoTime());
        out.set(0, PreloadProbe.INITIALIZED_AT);
    }

    /**
     * Knows when it was initialized, to tell whether a WARM JVM preloaded it.
     */
    static final class PreloadProbe
    {
        static final long INITIALIZED_AT = System.nanoTime();

        private PreloadProbe()
        {
        }
    }

    /**
     * Seed 003's shape: a process subclass whose fields travel with it.
     */
    static final class Squarer extends JvmProcess
    {
        private static final long serialVersionUID = 1L;

        private final long value;
        private final SharedLongArray result;

        Squarer(final long value, final SharedLongArray result)
        {
            super("squarer");
            this.value = value;
            this.result = result;
        }

        public void run()
        {
            result.set(0, value * value);
        }
    }
}

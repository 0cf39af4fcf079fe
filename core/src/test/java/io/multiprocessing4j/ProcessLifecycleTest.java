package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How children live and die with their parent, start failures, output and logging. The parent is a real
 * JVM ({@link ParentProgram}) where the test needs to kill it or watch it exit.
 */
final class ProcessLifecycleTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RepeatedTest(20)
    void childrenEndWithinTwoSecondsOfTheParentsSigkillAndTakeItsFilesWithThem() throws Exception
    {
        final long[] pids;
        final long parentPid;
        try (ChildJvm parent = ChildJvm.start(ParentProgram.class, "orphans"))
        {
            parentPid = parent.pid();
            final String[] line = parent.awaitLine(TIMEOUT).split(" ");
            pids = new long[]{Long.parseLong(line[0]), Long.parseLong(line[1])};
            assertTrue(Files.exists(Path.of(line[2])));
            assertTrue(Arrays.stream(pids).allMatch(ProcessLifecycleTest::alive));
            parent.kill();
        }
        final long killedAt = System.nanoTime();
        final long deadline = killedAt + Duration.ofSeconds(2).toNanos();
        while (Arrays.stream(pids).anyMatch(ProcessLifecycleTest::alive) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final boolean orphaned = Arrays.stream(pids).anyMatch(ProcessLifecycleTest::alive);
        Arrays.stream(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertFalse(orphaned, "a child outlived its SIGKILLed parent by more than 2 s");

        // No context is created here (that would sweep): the last child to go removes the dead owner's contexts.
        List<Path> left = contextsOf(parentPid);
        while (!left.isEmpty() && System.nanoTime() - killedAt < Duration.ofSeconds(5).toNanos())
        {
            Thread.sleep(20);
            left = contextsOf(parentPid);
        }
        assertEquals(List.of(), left, "the SIGKILLed parent's contexts outlived it by 5 s");
    }

    @Test
    void aGrandchildEndsWithinASecondOfItsParentsDeathThoughNobodyReapsTheParent() throws Exception
    {
        try (ChildJvm top = ChildJvm.start(ParentProgram.class, "grandchild"))
        {
            final String[] line = top.awaitLine(TIMEOUT).split(" ");
            final long child = Long.parseLong(line[0]);
            final long grandchild = Long.parseLong(line[1]);
            assertTrue(alive(child) && alive(grandchild));
            try
            {
                signal("STOP", top.pid()); // a stopped parent reaps nothing: its killed child stays a zombie
                ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
                final long killedAt = System.nanoTime();
                while (alive(grandchild) && System.nanoTime() - killedAt < Duration.ofSeconds(1).toNanos())
                {
                    Thread.sleep(10);
                }
                final boolean survived = alive(grandchild);
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
                assertFalse(survived, "the grandchild outlived its unreaped parent by a second");
            }
            finally
            {
                signal("CONT", top.pid());
                top.kill();
            }
        }
        ShmContext.create().close(); // sweeps the contexts the killed programs left
    }

    private static void signal(final String signal, final long pid) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && 0 == kill.exitValue(), "kill -" + signal + " " + pid);
    }

    private static List<Path> contextsOf(final long ownerPid) throws IOException
    {
        try (Stream<Path> entries = Files.list(ShmConfiguration.baseDirectory()))
        {
            return entries.filter(p -> p.getFileName().toString().startsWith(
                ShmConfiguration.CONTEXT_DIR_PREFIX + ownerPid + "-")).collect(Collectors.toList());
        }
    }

    @Test
    void daemonChildEndsWhenTheParentFinishes() throws Exception
    {
        try (ChildJvm parent = ChildJvm.start(ParentProgram.class, "daemon"))
        {
            final long child = Long.parseLong(parent.awaitLine(TIMEOUT));
            final long start = System.nanoTime();
            assertEquals(0, parent.awaitExit(TIMEOUT));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "a daemon child kept its parent alive");
            awaitGone(child, Duration.ofSeconds(2));
        }
    }

    @Test
    void nonDaemonChildKeepsTheParentRunningUntilItEnds() throws Exception
    {
        try (ChildJvm parent = ChildJvm.start(ParentProgram.class, "non-daemon"))
        {
            final long child = Long.parseLong(parent.awaitLine(TIMEOUT));
            final long start = System.nanoTime();
            Thread.sleep(500);
            assertTrue(parent.process().isAlive(), "the parent exited while its non-daemon child ran");
            assertTrue(alive(child));
            assertEquals(0, parent.awaitExit(TIMEOUT));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 700);
            awaitGone(child, Duration.ofSeconds(2));
        }
    }

    @Test
    void childThatCannotStartFailsInStartWithItsStderr()
    {
        try (ProcessContext context = Multiprocessing.context(StartMethod.SPAWN)
            .withJvmOptions("-XX:+NoSuchOptionForMultiprocessing4j"))
        {
            final JvmProcess process = context.process(Targets::nothing);
            final long start = System.nanoTime();
            final ProcessStartException failure = assertThrows(ProcessStartException.class, process::start);
            assertTrue(failure.getMessage().contains("Unrecognized VM option 'NoSuchOptionForMultiprocessing4j'"),
                failure.getMessage());
            assertTrue(failure.getMessage().contains("exited with code 1 before it was ready"), failure.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 30_000);
            assertFalse(process.isAlive());
        }
    }

    @Test
    void missingJavaExecutableFailsInStartNamingIt()
    {
        final Path missing = Path.of("/nonexistent/mp4j/bin/java");
        try (ProcessContext context = Multiprocessing.context(StartMethod.SPAWN).withExecutable(missing))
        {
            final JvmProcess process = context.process(Targets::nothing);
            final ProcessStartException failure = assertThrows(ProcessStartException.class, process::start);
            assertTrue(failure.getMessage().startsWith("cannot run " + missing), failure.getMessage());
            assertFalse(process.isAlive());
        }
    }

    @Test
    void startTimeoutEndsAChildThatNeverBecomesReady()
    {
        try (ProcessContext context = Multiprocessing.context(StartMethod.SPAWN)
            .withJvmOptions("-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup",
                "-XX:PauseAtStartupFile=" + Path.of(System.getProperty("java.io.tmpdir"), "mp4j-never-" +
                    System.nanoTime()))
            .withStartTimeout(Duration.ofMillis(1_500)))
        {
            final ProcessStartException failure =
                assertThrows(ProcessStartException.class, context.process(Targets::nothing)::start);
            assertTrue(failure.getMessage().contains("was not ready within PT1.5S"), failure.getMessage());
        }
    }

    @Test
    void outputAndLoggingReachTheParentWithTheProcessName(@TempDir final Path directory) throws Exception
    {
        final Path out = directory.resolve("out.txt");
        final Path err = directory.resolve("err.txt");
        final Logger logger = Multiprocessing.logToStderr();
        try (ProcessContext context = Multiprocessing.context(StartMethod.SPAWN)
            .withRedirects(Redirect.appendTo(out.toFile()), Redirect.appendTo(err.toFile())))
        {
            final JvmProcess printer = context.process(() -> Targets.print("hello from the child")).start();
            final JvmProcess logging = context.process("logger", () -> Targets.log("logged in the child")).start();
            assertTrue(printer.join(TIMEOUT) && logging.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), printer.exitCode());
            assertEquals(OptionalInt.of(0), logging.exitCode());
        }
        finally
        {
            Arrays.stream(logger.getHandlers()).forEach(logger::removeHandler);
        }
        assertEquals("hello from the child", Files.readString(out).strip());
        final String stderr = Files.readString(err);
        assertTrue(stderr.contains("err:hello from the child"), stderr);
        assertTrue(stderr.contains("[INFO/logger] logged in the child"), stderr);
        assertFalse(stderr.contains("MP4J:"), "control records leaked into the output: " + stderr);
    }

    /**
     * @return whether the process runs: a zombie (dead, not yet reaped by whoever adopted it) does not.
     */
    private static boolean alive(final long pid)
    {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            return false;
        }
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return 'Z' != stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void awaitGone(final long pid, final Duration within) throws InterruptedException
    {
        final long deadline = System.nanoTime() + within.toNanos();
        while (alive(pid) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final boolean survived = alive(pid);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        assertFalse(survived, "child " + pid + " outlived its parent by " + within);
    }
}

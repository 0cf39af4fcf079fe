package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.logging.Logger;

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
    void childrenEndWithinTwoSecondsOfTheParentsSigkillAndItsFilesAreSwept() throws Exception
    {
        final long[] pids;
        final Path shmDirectory;
        try (ChildJvm parent = ChildJvm.start(ParentProgram.class, "orphans"))
        {
            final String[] line = parent.awaitLine(TIMEOUT).split(" ");
            pids = new long[]{Long.parseLong(line[0]), Long.parseLong(line[1])};
            shmDirectory = Path.of(line[2]);
            assertTrue(Arrays.stream(pids).allMatch(ProcessLifecycleTest::alive));
            parent.kill();
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (Arrays.stream(pids).anyMatch(ProcessLifecycleTest::alive) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final boolean orphaned = Arrays.stream(pids).anyMatch(ProcessLifecycleTest::alive);
        Arrays.stream(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertFalse(orphaned, "a child outlived its SIGKILLed parent by more than 2 s");

        assertTrue(Files.exists(shmDirectory), "the killed parent's context is still there before the sweep");
        ShmContext.create().close();
        assertFalse(Files.exists(shmDirectory), "the next context swept the killed parent's directory");
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
                "-XX:PauseAtStartupFile=" + Path.of(System.getProperty("java.io.tmpdir"), "mp4j-never-" + System.nanoTime()))
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

    private static boolean alive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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

package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ShmContexts;
import io.multiprocessing4j.shm.ShmContexts.RecordedError;
import io.multiprocessing4j.shm.value.SharedLong;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-context error log: what child JVMs, pool workers, the pool and lock recovery record, read by the
 * parent after the processes that recorded it are gone.
 */
final class ContextErrorLogTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    static void failAfterTouching(final SharedLong value)
    {
        value.set(1);
        throw new IllegalStateException("boom in the child");
    }

    @Test
    void aChildsExceptionIsReadableAfterTheChildExited() throws Exception
    {
        final SharedLong value = SharedLong.create(shm, 0);
        final JvmProcess child = new JvmProcess(() -> failAfterTouching(value)).setDaemon(true).start();
        assertTrue(child.join(TIMEOUT));
        assertEquals(1, child.exitCode().orElseThrow());

        final List<RecordedError> errors = ShmContexts.errors(shm.directory());
        assertEquals(1, errors.size(), errors.toString());
        final RecordedError error = errors.get(0);
        assertEquals(child.pid(), error.pid());
        assertEquals(1, error.count());
        assertTrue(error.text().startsWith("java.lang.IllegalStateException: boom in the child"), error.text());
        assertTrue(error.text().contains("failAfterTouching"), error.text());
        assertTrue(!error.first().isAfter(error.last()));
    }

    @Test
    void theParentRecordsToo() throws IOException
    {
        assertTrue(ShmContexts.errors(shm.directory()).isEmpty());
        for (int i = 0; i < 3; i++)
        {
            assertTrue(shm.recordError(new IllegalArgumentException("the same one")));
        }
        final List<RecordedError> errors = ShmContexts.errors(shm.directory());
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(3, errors.get(0).count());
        assertEquals(ProcessHandle.current().pid(), errors.get(0).pid());
    }

    static int failOnOdd(final int x)
    {
        if (1 == (x & 1))
        {
            throw new ArithmeticException("odd " + (x % 3));
        }
        return x;
    }

    @Test
    void poolTaskFailuresAreCountedAndAKilledWorkerIsRecordedByThePool() throws Exception
    {
        try (Pool pool = Pool.create(1))
        {
            final Path directory = pool.contextDirectory();
            for (int x = 0; x < 12; x++)
            {
                final int argument = x;
                if (1 == (x & 1))
                {
                    assertThrows(ExecutionException.class,
                        () -> pool.applyAsync(ContextErrorLogTest::failOnOdd, argument).get(30, TimeUnit.SECONDS));
                }
            }
            final List<RecordedError> failures = ShmContexts.errors(directory);
            assertEquals(3, failures.size(), "one per distinct message (odd 0, 1, 2): " + failures);
            assertEquals(6, failures.stream().mapToInt(RecordedError::count).sum(), failures.toString());
            assertTrue(failures.stream().allMatch(e -> e.text().startsWith("java.lang.ArithmeticException: odd ")));

            final long worker = pool.workerPids().get(0);
            ProcessHandle.of(worker).orElseThrow().destroyForcibly();
            awaitReplaced(pool, worker);
            assertEquals(List.of(0, 2, 4), pool.map(ContextErrorLogTest::failOnOdd, List.of(0, 2, 4)));
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<RecordedError> errors;
            while ((errors = ShmContexts.errors(directory)).stream().noneMatch(e -> e.text().contains("pid " + worker)))
            {
                assertTrue(System.nanoTime() < deadline, "no record of the killed worker in " + errors);
                Thread.sleep(20);
            }
            final RecordedError died = errors.stream().filter(e -> e.text().contains("pid " + worker)).findFirst()
                .orElseThrow();
            assertTrue(died.text().startsWith("io.multiprocessing4j.WorkerDiedException: PoolWorker-"), died.text());
            assertTrue(died.text().contains("exit code 137"), died.text());
            assertEquals(ProcessHandle.current().pid(), died.pid());
        }
    }

    static void awaitReplaced(final Pool pool, final long worker) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (pool.workerPids().contains(worker))
        {
            assertTrue(System.nanoTime() < deadline, "worker " + worker + " was not replaced");
            Thread.sleep(10);
        }
    }

    @Test
    void takingOverADeadHoldersLockIsRecorded() throws Exception
    {
        final SharedLock lock = SharedLock.create(shm);
        lock.label("accounts");
        SharedLockTest.killHolder("holder", lock, SharedLongArray.create(shm, 2), TIMEOUT);
        assertTrue(lock.tryLock(30, TimeUnit.SECONDS));
        assertTrue(lock.lastAcquisitionFoundOwnerDead());
        lock.unlock();
        final List<RecordedError> errors = ShmContexts.errors(shm.directory());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).text().startsWith("io.multiprocessing4j.MultiprocessingException: SharedLock " +
            "\"accounts\" (sync-"), errors.get(0).text());
        assertTrue(errors.get(0).text().contains("taken over from a holder that died"), errors.get(0).text());
        assertEquals(1, errors.get(0).count());
    }
}

package io.multiprocessing4j.tools;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pool;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.manager.Manager;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.test.ChildJvm;
import io.multiprocessing4j.shm.test.ContextOwnerChild;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Run(int status, String out, String err)
    {
    }

    private static Run mp(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = Mp.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void lsAndStatShowALiveContextItsProcessItsValueAndACorruptFileAsCorrupt() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path directory = Path.of(owner.awaitLine(TIMEOUT));
            final Path garbage = Files.writeString(directory.resolve("garbage"), "not ours".repeat(40));
            Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
            try
            {
                final Run ls = mp("shm", "ls");
                assertEquals(0, ls.status(), ls.err());
                final String name = directory.getFileName().toString();
                assertTrue(ls.out().contains(name + "  owner " + owner.pid() + ", in use"), ls.out());
                assertTrue(ls.out().matches("(?s).*long-\\S*\\s+long\\s+capacity 8\\s+creator " + owner.pid() + ".*"),
                    ls.out());
                assertTrue(ls.out().matches("(?s).*garbage\\s+UNREADABLE: .*magic.*"), ls.out());

                final Run stat = mp("shm", "stat", name);
                assertEquals(0, stat.status(), stat.err());
                assertTrue(stat.out().matches("(?s).*processes.*\\n\\s+0\\s+" + owner.pid() + "\\s+alive.*"),
                    stat.out());
                assertTrue(stat.out().contains("value 7"), "the child's SharedLong holds 7:\n" + stat.out());

                final Run file = mp("shm", "stat", garbage.toString());
                assertEquals(0, file.status(), file.err());
                assertTrue(file.out().contains("UNREADABLE") && file.out().contains(garbage.toString()), file.out());

                final Run watch = mp("shm", "stat", name, "--watch", "--count", "2");
                assertEquals(2, watch.out().split("processes", -1).length - 1, watch.out());

                final Run refused = mp("shm", "rm", name);
                assertEquals(1, refused.status());
                assertTrue(refused.err().contains("owner pid " + owner.pid() + " is alive"), refused.err());
                assertTrue(Files.isDirectory(directory));
            }
            finally
            {
                Files.delete(garbage);
                owner.send("");
                assertEquals(0, owner.awaitExit(TIMEOUT));
            }
        }
    }

    @Test
    void statShowsAQueuesFillAHeldLocksOwnerAndWaiterAndAPoolsWorkers() throws Exception
    {
        try (ShmContext shm = ShmContext.create();
             Pool pool = Pool.create(2))
        {
            final SharedLock lock = SharedLock.create(shm);
            lock.label("orders lock");
            final SharedQueue<String> queue = SharedQueue.create(shm, 10);
            final SharedLongArray held = SharedLongArray.create(shm, 1);
            final SharedEvent release = SharedEvent.create(shm);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(queue.offer("item " + i, 10, TimeUnit.SECONDS));
            }
            final JvmProcess holder = new JvmProcess(() -> holdUntil(lock, held, release)).setDaemon(true).start();
            final ExecutorService waiter = Executors.newSingleThreadExecutor();
            try
            {
                awaitTrue(() -> 1 == held.get(0));
                final Future<Boolean> waited = waiter.submit(() -> {
                    final boolean locked = lock.tryLock(30, TimeUnit.SECONDS);
                    if (locked)
                    {
                        lock.unlock();
                    }
                    return locked;
                });
                awaitStat(shm.directory(), "1 waiting");
                assertEquals(List.of(0, 2, 4, 6), pool.map((Integer x) -> 2 * x, List.of(0, 1, 2, 3)));

                final Run stat = mp("shm", "stat", shm.directory().toString());
                assertEquals(0, stat.status(), stat.err());
                assertTrue(stat.out().contains("\"orders lock\"\n        lock: held by pid " + holder.pid() +
                    ", 1 waiting"), stat.out());
                assertTrue(stat.out().contains("\"queue maxsize 10\"\n        ring mpmc: 3 of "), stat.out());
                assertTrue(stat.out().contains("semaphore: 7 permits free"), stat.out());
                assertTrue(stat.out().contains("event: clear"), stat.out());
                assertTrue(stat.out().matches("(?s).*\\s" + holder.pid() + "\\s+alive.*"), stat.out());

                final String poolStat = mp("shm", "stat", pool.contextDirectory().toString()).out();
                assertEquals(2, poolStat.split("\"pool worker link\"", -1).length - 1, poolStat);
                assertTrue(poolStat.matches("(?s).*ring spsc: 0 of \\d+ bytes used \\(0%\\), head \\d+, tail \\d+; " +
                    "writer pid " + ProcessHandle.current().pid() + ", reader pid \\d+.*"), poolStat);
                final Matcher work =
                    Pattern.compile("work: (\\d+) tasks sent, (\\d+) done, 0 in flight").matcher(poolStat);
                int sent = 0;
                while (work.find())
                {
                    assertEquals(work.group(1), work.group(2), poolStat);
                    sent += Integer.parseInt(work.group(1));
                }
                assertTrue(sent >= 1, poolStat);

                release.set();
                assertTrue(waited.get(30, TimeUnit.SECONDS));
                assertTrue(holder.join(TIMEOUT));
            }
            finally
            {
                release.set();
                waiter.shutdownNow();
                if (holder.isAlive())
                {
                    holder.kill();
                }
            }
        }
    }

    @Test
    void statShowsEachManagerClientsPipe() throws Exception
    {
        try (Manager manager = Manager.start())
        {
            final List<Integer> list = manager.list();
            list.add(1);
            final Run ls = mp("shm", "ls");
            final String context = ls.out().lines().filter(line -> line.startsWith("mp4j-"))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .filter(name -> mp("shm", "stat", name).out().contains("\"manager accept queue\""))
                .findFirst().orElseThrow(() -> new AssertionError("no manager context in\n" + ls.out()));
            final Run stat = mp("shm", "stat", context);
            final long self = ProcessHandle.current().pid();
            assertTrue(stat.out().matches("(?s).*\"manager client " + self + "\"\n\\s+ring spsc: .*; writer pid " +
                self + ", reader pid \\d+\n.*"), stat.out());
            assertTrue(stat.out().contains("\"manager port\"  value "), stat.out());
        }
    }

    static void holdUntil(final SharedLock lock, final SharedLongArray held, final SharedEvent release)
        throws InterruptedException
    {
        lock.lock();
        held.set(0, 1);
        release.await(60, TimeUnit.SECONDS);
        lock.unlock();
    }

    private static void awaitStat(final Path context, final String expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String out;
        Run run;
        while (!(out = (run = mp("shm", "stat", context.toString())).out() + run.err()).contains(expected))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("no '" + expected + "' within " + TIMEOUT + " in\n" + out);
            }
            Thread.sleep(20);
        }
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("not true within " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void rmForceUnlinksAContextInUseWithoutTruncatingWhatItsProcessesHaveMapped() throws Exception
    {
        try (ShmContext context = ShmContext.create(); SharedLongArray array = SharedLongArray.create(context, 4096))
        {
            array.set(4095, 41);
            final Run rm = mp("shm", "rm", "--force", context.directory().toString());
            assertEquals(0, rm.status(), rm.err());
            assertFalse(Files.exists(context.directory()));
            assertEquals(42, array.incrementAndGet(4095), "the mapping outlives the unlinked file, whole");
        }
    }

    @Test
    void rmDeadRemovesWhatASigkilledOwnerLeft() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path directory = Path.of(owner.awaitLine(TIMEOUT));
            owner.kill();
            final Run ls = mp("shm", "ls");
            assertTrue(ls.out().contains(directory.getFileName() + "  owner " + owner.pid() + ", UNUSED"), ls.out());
            final Run rm = mp("shm", "rm", "--dead");
            assertEquals(0, rm.status(), rm.err());
            assertTrue(rm.out().startsWith("removed "), rm.out());
            assertFalse(Files.exists(directory));
        }
    }

    @Test
    void usageErrorsSayWhatWasWrong()
    {
        final Run neither = mp("shm", "rm");
        assertEquals(1, neither.status());
        assertTrue(neither.err().contains("either --dead or the contexts"), neither.err());
        final Run unknown = mp("shm", "frobnicate");
        assertEquals(2, unknown.status());
        final Run notAContext = mp("shm", "stat", ShmConfiguration.baseDirectory().toString());
        assertEquals(1, notAContext.status());
        assertTrue(notAContext.err().contains("is not a multiprocessing4j context directory"), notAContext.err());
    }
}

package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's JFR events, recorded in this JVM while real child JVMs start, exit, die and are replaced.
 */
final class JfrEventsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> EVENTS =
        List.of("ProcessStart", "ProcessExit", "PoolWorkerReplaced", "LockOwnerDied", "PoolMap");

    @Test
    void processesPoolJobsWorkerReplacementAndLockRecoveryAreRecorded() throws Exception
    {
        final Path file = Files.createTempFile("mp4j-events", ".jfr");
        final long killedWorker;
        final long holderPid;
        try
        {
            try (Recording recording = new Recording())
            {
                EVENTS.forEach(name -> recording.enable("io.multiprocessing4j." + name).withoutThreshold());
                recording.start();
                try (ShmContext shm = ShmContext.create();
                     Pool pool = Pool.create(1))
                {
                    assertEquals(List.of(0, 1, 2, 3, 4, 5), pool.map((Integer x) -> x, List.of(0, 1, 2, 3, 4, 5), 2));
                    killedWorker = pool.workerPids().get(0);
                    ProcessHandle.of(killedWorker).orElseThrow().destroyForcibly();
                    ContextErrorLogTest.awaitReplaced(pool, killedWorker);
                    assertEquals(List.of(7), pool.map((Integer x) -> x, List.of(7)));

                    final SharedLock lock = SharedLock.create(shm);
                    lock.label("ledger");
                    holderPid =
                        SharedLockTest.killHolder("holder", lock, SharedLongArray.create(shm, 2), TIMEOUT).pid();
                    assertTrue(lock.tryLock(30, TimeUnit.SECONDS));
                    lock.unlock();
                }
                recording.stop();
                recording.dump(file);
            }
            final List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            final String all = events.stream().map(RecordedEvent::toString).collect(Collectors.joining("\n"));

            final RecordedEvent started = only(events, "ProcessStart", e -> "holder".equals(e.getString("name")), all);
            assertEquals(holderPid, started.getLong("pid"));
            assertEquals("SPAWN", started.getString("startMethod"));
            final RecordedEvent exited = only(events, "ProcessExit", e -> holderPid == e.getLong("pid"), all);
            assertEquals(137, exited.getInt("exitCode"));

            final RecordedEvent replaced = only(events, "PoolWorkerReplaced", e -> killedWorker == e.getLong("pid"),
                all);
            assertEquals(137, replaced.getInt("exitCode"));
            assertTrue(replaced.getLong("replacementPid") > 0 && replaced.getLong("replacementPid") != killedWorker,
                all);

            final RecordedEvent recovered = only(events, "LockOwnerDied", e -> true, all);
            assertEquals("ledger", recovered.getString("label"));
            assertEquals("SharedLock", recovered.getString("lock"));

            final List<RecordedEvent> maps = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.multiprocessing4j.PoolMap")).toList();
            assertEquals(2, maps.size(), all);
            assertEquals(6, maps.get(0).getLong("tasks"));
            assertEquals(6, maps.get(0).getLong("completed"));
            assertEquals(null, maps.get(0).getString("failure"));
            assertEquals(1, maps.get(1).getLong("tasks"));
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    private static RecordedEvent only(final List<RecordedEvent> events, final String name,
        final Predicate<RecordedEvent> which, final String all)
    {
        final List<RecordedEvent> matching = events.stream()
            .filter(e -> e.getEventType().getName().equals("io.multiprocessing4j." + name)).filter(which).toList();
        assertEquals(1, matching.size(), () -> "one " + name + " event expected in\n" + all);
        return matching.get(0);
    }
}

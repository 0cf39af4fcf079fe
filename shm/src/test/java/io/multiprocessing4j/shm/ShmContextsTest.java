package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.test.ChildJvm;
import io.multiprocessing4j.shm.test.ContextOwnerChild;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShmContextsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void listsALiveContextWithItsRegionsAndReportsCorruptFilesWithoutTrustingThem() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path directory = Path.of(owner.awaitLine(TIMEOUT));
            final Path garbage = Files.writeString(directory.resolve("garbage"), "x".repeat(200));
            Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
            final Path truncated = Files.write(directory.resolve("truncated"), new byte[10]);
            Files.setPosixFilePermissions(truncated, PosixFilePermissions.fromString("rw-------"));
            try
            {
                final ShmContexts.Context context = ShmContexts.list(ShmConfiguration.baseDirectory()).stream()
                    .filter(c -> c.directory().equals(directory)).findFirst().orElseThrow();
                assertEquals(owner.pid(), context.ownerPid());
                assertTrue(context.inUse());
                assertEquals(List.of(owner.pid()), ShmContexts.processes(directory).stream()
                    .filter(ShmContexts.AttachedProcess::alive).map(ShmContexts.AttachedProcess::pid).toList());
                final List<ShmContexts.Entry> entries = context.entries();
                final ShmContexts.Entry value = entries.stream()
                    .filter(e -> null != e.region() && RegionType.LONG == e.region().type()).findFirst().orElseThrow();
                assertEquals(Long.BYTES, value.region().capacity());
                assertEquals(owner.pid(), value.region().creatorPid());
                assertTrue(value.region().ready());
                assertTrue(entries.stream().anyMatch(ShmContexts.Entry::isLivenessLock));
                assertTrue(problemOf(entries, garbage).contains("magic"), problemOf(entries, garbage));
                assertTrue(problemOf(entries, truncated).contains("truncated"), problemOf(entries, truncated));

                final IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> ShmContexts.remove(directory, false));
                assertTrue(refused.getMessage().contains("owner pid " + owner.pid() + " is alive"),
                    refused.getMessage());
                assertTrue(Files.isDirectory(directory));
            }
            finally
            {
                Files.delete(garbage);
                Files.delete(truncated);
                owner.send("");
                assertEquals(0, owner.awaitExit(TIMEOUT));
            }
        }
    }

    @Test
    void removesWhatASigkilledOwnerLeftAndNothingElse() throws Exception
    {
        final Path leftBehind;
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class);
             ChildJvm live = ChildJvm.start(ContextOwnerChild.class))
        {
            leftBehind = Path.of(owner.awaitLine(TIMEOUT));
            final Path alive = Path.of(live.awaitLine(TIMEOUT));
            owner.kill();
            assertFalse(ShmContexts.describe(leftBehind.getFileName()).inUse(), "resolved by name under the base");
            final ShmContexts.AttachedProcess killed = ShmContexts.processes(leftBehind).get(0);
            assertEquals(owner.pid(), killed.pid());
            assertFalse(killed.alive(), "the kernel released the killed owner's slot lock");
            assertTrue(ShmContexts.removeUnused(ShmConfiguration.baseDirectory()) >= 1);
            assertFalse(Files.exists(leftBehind));
            assertTrue(Files.isDirectory(alive), "a live owner's context stays");
            live.send("");
            assertEquals(0, live.awaitExit(TIMEOUT));
        }
        assertThrows(IllegalArgumentException.class, () -> ShmContexts.describe(Path.of("/tmp")));
    }

    private static String problemOf(final List<ShmContexts.Entry> entries, final Path file)
    {
        final ShmContexts.Entry entry = entries.stream().filter(e -> e.path().equals(file)).findFirst().orElseThrow();
        assertNull(entry.region());
        return entry.problem();
    }
}

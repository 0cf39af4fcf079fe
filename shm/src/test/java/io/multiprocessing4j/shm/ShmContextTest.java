package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.internal.ProcessIdentity;
import io.multiprocessing4j.shm.test.ChildJvm;
import io.multiprocessing4j.shm.test.ContextOwnerChild;
import io.multiprocessing4j.shm.value.SharedLong;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Context directories: permissions, removal on close, the sweep of dead contexts, and liveness of attached
 * processes, with real child JVMs and real SIGKILLs.
 */
class ShmContextTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void directoryIsPrivateAndNamedForItsOwner() throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLong value = SharedLong.create(context, 1))
        {
            final Path dir = context.directory();
            assertTrue(dir.getFileName().toString().matches("mp4j-" + ProcessIdentity.pid() + "-[0-9a-f]{32}"),
                dir.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            try (Stream<Path> files = Files.list(dir))
            {
                for (final Path file : files.collect(Collectors.toList()))
                {
                    assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)), file.toString());
                    assertEquals(ProcessIdentity.uid(), ProcessIdentity.ownerUid(file));
                }
            }
            assertTrue(context.isOwner());
            assertTrue(value.handle().file().startsWith(dir));
        }
    }

    @Test
    void closeRemovesTheDirectoryAndIsIdempotent()
    {
        final ShmContext context = ShmContext.create();
        final Path dir = context.directory();
        context.newRegion(RegionType.BYTE_ARRAY, 4096);
        context.close();
        context.close();
        assertTrue(context.isClosed());
        assertFalse(Files.exists(dir));
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> context.newRegion(RegionType.LONG, 8));
        assertTrue(ex.getMessage().contains("closed"));
    }

    @Test
    void badRegionArgumentsAreNamed()
    {
        try (ShmContext context = ShmContext.create())
        {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> context.newRegion(RegionType.LONG, -8))
                .getMessage().contains("capacity=-8"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> context.newRegion(RegionType.LONG, 12))
                .getMessage().contains("multiple of 8"));
            assertEquals("type", assertThrows(NullPointerException.class, () -> context.newRegion(null,
                8)).getMessage());
        }
    }

    @Test
    void aContextLeftByAChildKilledWithSigkillIsSweptByTheNextContext() throws Exception
    {
        final Path leftBehind;
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            leftBehind = Path.of(owner.awaitLine(TIMEOUT));
            assertTrue(Files.isDirectory(leftBehind));
            owner.kill();
        }
        assertTrue(Files.isDirectory(leftBehind), "SIGKILL runs no cleanup");
        try (ShmContext next = ShmContext.create())
        {
            assertFalse(Files.exists(leftBehind), "the next context sweeps a dead owner's directory");
            assertTrue(Files.isDirectory(next.directory()));
        }
    }

    @Test
    void theSweepLeavesLiveContextsAlone() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path live = Path.of(owner.awaitLine(TIMEOUT));
            try (ShmContext ignored = ShmContext.create())
            {
                assertTrue(Files.isDirectory(live), "a live owner's directory is never swept");
            }
            owner.send("close");
            assertEquals(0, owner.awaitExit(TIMEOUT), owner::stderr);
            assertFalse(Files.exists(live), "the owner removes its directory on close");
        }
    }

    @Test
    void staleDirectoriesOfDeadProcessesAreSwept() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        final Path base = ShmConfiguration.baseDirectory();
        final Path noLockFile = base.resolve("mp4j-" + gone.pid() + "-" + "0".repeat(32));
        final Path interrupted = base.resolve("mp4j-" + gone.pid() + "-" + "1".repeat(32) + ".removing-" + gone.pid());
        final Path ownLive = base.resolve("mp4j-" + ProcessIdentity.pid() + "-" + "2".repeat(32));
        for (final Path dir : List.of(noLockFile, interrupted, ownLive))
        {
            PosixFiles.createPrivateDirectory(dir);
            Files.write(dir.resolve("junk"), new byte[100]);
        }
        try (ShmContext ignored = ShmContext.create())
        {
            assertFalse(Files.exists(noLockFile));
            assertFalse(Files.exists(interrupted));
            assertTrue(Files.exists(ownLive), "a directory whose owner pid is alive is not swept");
        }
        finally
        {
            PosixFiles.deleteTree(ownLive);
        }
    }

    @Test
    void attachedProcessesAreListedAndTheirDeathIsSeenAtOnce() throws Exception
    {
        try (ShmContext context = ShmContext.create();
             ChildJvm child = ChildJvm.start(AttachChild.class, context.directory().toString()))
        {
            final String[] slotAndGeneration = child.awaitLine(TIMEOUT).split(" ");
            final int slot = Integer.parseInt(slotAndGeneration[0]);
            final long generation = Long.parseLong(slotAndGeneration[1]);
            final ProcessTable processes = context.processes();
            assertNotEquals(processes.ownSlot(), slot);
            assertEquals(child.pid(), processes.pid(slot));
            assertTrue(processes.isAlive(slot, generation));
            assertTrue(processes.isAlive(processes.ownSlot()));
            assertFalse(processes.isAlive(slot, generation + 1), "another generation is another process");

            child.kill();
            assertFalse(processes.isAlive(slot, generation), "the kernel drops a killed process's lock at once");
            assertFalse(processes.isAlive(slot));
            assertTrue(Files.isDirectory(context.directory()),
                "an attached process never removes a live owner's directory");
        }
    }

    @Test
    void aSlotFreedByADeadProcessIsReusedWithANewGeneration() throws Exception
    {
        try (ShmContext context = ShmContext.create())
        {
            final String[] first;
            try (ChildJvm child = ChildJvm.start(AttachChild.class, context.directory().toString()))
            {
                first = child.awaitLine(TIMEOUT).split(" ");
                child.kill();
            }
            try (ChildJvm child = ChildJvm.start(AttachChild.class, context.directory().toString()))
            {
                final String[] second = child.awaitLine(TIMEOUT).split(" ");
                assertEquals(first[0], second[0], "the dead process's slot is the first free one");
                assertEquals(Long.parseLong(first[1]) + 1, Long.parseLong(second[1]));
                child.send("close");
                assertEquals("closed", child.awaitLine(TIMEOUT));
                assertEquals(0, child.awaitExit(TIMEOUT), child::stderr);
            }
        }
    }

    @Test
    void theLastAttachedProcessOutRemovesADeadOwnersDirectory() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path dir = Path.of(owner.awaitLine(TIMEOUT));
            try (ChildJvm attached = ChildJvm.start(AttachChild.class, dir.toString()))
            {
                attached.awaitLine(TIMEOUT);
                owner.kill();
                try (ShmContext ignored = ShmContext.create())
                {
                    assertTrue(Files.isDirectory(dir), "not swept while a process is still attached");
                }
                attached.send("close");
                assertEquals("closed", attached.awaitLine(TIMEOUT));
                assertEquals(0, attached.awaitExit(TIMEOUT), attached::stderr);
                assertFalse(Files.exists(dir), "the last one out removes the directory");
            }
        }
    }

    @Test
    void attachingTwiceFromOneJvmOrToANonContextFails() throws Exception
    {
        try (ShmContext context = ShmContext.create())
        {
            final IllegalStateException twice =
                assertThrows(IllegalStateException.class, () -> ShmContext.attach(context.directory()));
            assertTrue(twice.getMessage().contains("already attached"));
            final Path notAContext = Files.createDirectory(context.directory().resolve("plain"));
            Files.setPosixFilePermissions(notAContext, PosixFiles.DIRECTORY_MODE);
            final ShmException noLockFile = assertThrows(ShmException.class, () -> ShmContext.attach(notAContext));
            assertTrue(noLockFile.getMessage().contains("alive.lock"), noLockFile.getMessage());
            Files.setPosixFilePermissions(notAContext, PosixFilePermissions.fromString("rwxr-xr-x"));
            final InvalidSharedFileException open =
                assertThrows(InvalidSharedFileException.class, () -> ShmContext.attach(notAContext));
            assertTrue(open.getMessage().contains("rwxr-xr-x"), open.getMessage());
        }
    }

    /**
     * Attaches to the context named by its argument, prints its slot and generation, leaves when told to.
     */
    public static final class AttachChild
    {
        public static void main(final String[] args) throws Exception
        {
            try (ShmContext context = ShmContext.attach(Path.of(args[0])))
            {
                final int slot = context.processes().ownSlot();
                System.out.println(slot + " " + context.processes().generation(slot));
                new BufferedReader(new InputStreamReader(System.in)).readLine();
            }
            System.out.println("closed");
        }
    }
}

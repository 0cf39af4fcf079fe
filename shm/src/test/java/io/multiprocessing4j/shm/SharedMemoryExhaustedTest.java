package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full tmpfs is an exception when a region is created, never a SIGBUS later. Runs on a real 1 MiB
 * tmpfs, which needs root (CI runs as root; elsewhere the test is reported as skipped).
 */
class SharedMemoryExhaustedTest
{
    private Path mountPoint;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        mountPoint = Files.createTempDirectory("mp4j-tiny-tmpfs");
        assumeTrue(0 == run("mount", "-t", "tmpfs", "-o", "size=1m,mode=1777", "tmpfs", mountPoint.toString()),
            "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception
    {
        run("umount", mountPoint.toString());
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void aRegionLargerThanTheFreeSpaceFailsAtCreateAndLeavesNothing() throws IOException
    {
        try (ShmContext context = ShmContext.create(mountPoint);
             SharedLong survivor = SharedLong.create(context, 41))
        {
            final SharedMemoryExhaustedException ex = assertThrows(SharedMemoryExhaustedException.class,
                () -> SharedDoubleArray.create(context, 512 * 1024));
            assertEquals(4L * 1024 * 1024 + RegionHeaderDescriptor.HEADER_LENGTH, ex.requestedBytes());
            assertTrue(ex.getMessage().contains(context.directory().toString()), ex.getMessage());
            assertEquals(List.of("alive.lock", "control", survivor.handle().file().getFileName().toString()),
                list(context.directory()), "no partial file is left");

            // Fill almost all that is left with another array, then the preallocated value still works.
            final SharedMemoryExhaustedException second = assertThrows(SharedMemoryExhaustedException.class,
                () -> fillUntilFull(context));
            assertTrue(second.availableBytes() < second.requestedBytes());
            assertEquals(42, survivor.incrementAndGet(), "pages allocated at create time stay usable");
        }
        assertEquals(List.of(), list(mountPoint));
    }

    private static void fillUntilFull(final ShmContext context)
    {
        for (int i = 0; i < 1_000; i++)
        {
            SharedDoubleArray.create(context, 16 * 1024);
        }
    }

    private static List<String> list(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static int run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }
}

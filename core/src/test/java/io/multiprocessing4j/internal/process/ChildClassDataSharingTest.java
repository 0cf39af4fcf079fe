package io.multiprocessing4j.internal.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AppCDS directory stays bounded: archives unused for a week go, and beyond the most recent eight, the rest.
 */
class ChildClassDataSharingTest
{
    private static Path archive(final Path directory, final String name, final long usedMs) throws IOException
    {
        final Path archive = Files.write(directory.resolve(name + ".jsa"), new byte[] {1});
        Files.setLastModifiedTime(archive, FileTime.fromMillis(usedMs));
        return archive;
    }

    @Test
    void staleAndSurplusArchivesArePrunedTheRecentKept(@TempDir final Path directory) throws IOException
    {
        final long now = System.currentTimeMillis();
        final Path stale = archive(directory, "stale", now - ChildClassDataSharing.MAX_IDLE_MS - 1_000);
        final Path lock = Files.write(directory.resolve("k.lock"), new byte[0]);
        for (int i = 0; i < ChildClassDataSharing.MAX_ARCHIVES + 2; i++)
        {
            archive(directory, "recent" + i, now - TimeUnit.MINUTES.toMillis(i));
        }

        ChildClassDataSharing.prune(directory, now);

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(lock), "only archives are pruned");
        for (int i = 0; i < ChildClassDataSharing.MAX_ARCHIVES + 2; i++)
        {
            assertEquals(i < ChildClassDataSharing.MAX_ARCHIVES, Files.exists(directory.resolve("recent" + i + ".jsa")),
                "recent" + i);
        }
    }
}

package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.internal.ProcessIdentity;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the context directories of this uid whose processes are all dead. A directory is dead when
 * nobody holds a lock on byte 0 of its {@code alive.lock} and its owner pid is not running (or now names
 * a process started after the directory, i.e. a reused pid). Removal renames the directory first, so
 * that of several concurrent sweepers exactly one deletes it. Stateless.
 */
final class ContextSweeper
{
    private static final Pattern CONTEXT_NAME = Pattern.compile(
        Pattern.quote(ShmConfiguration.CONTEXT_DIR_PREFIX) + "(\\d+)-[0-9a-f]{32}");
    private static final Pattern REMOVING_NAME = Pattern.compile(
        Pattern.quote(ShmConfiguration.CONTEXT_DIR_PREFIX) + "\\d+-[0-9a-f]{32}\\.removing-(\\d+)");

    private ContextSweeper()
    {
    }

    /**
     * @param skip directories this JVM has open.
     * @return how many directories were removed.
     */
    static int sweep(final Path baseDirectory, final Set<Path> skip)
    {
        int removed = 0;
        try (DirectoryStream<Path> entries =
            Files.newDirectoryStream(baseDirectory, ShmConfiguration.CONTEXT_DIR_PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                if (!skip.contains(entry.toAbsolutePath().normalize()) && isOursAndDead(entry))
                {
                    removed += remove(entry) ? 1 : 0;
                }
            }
        }
        catch (final IOException ex)
        {
            // Sweeping is housekeeping: a directory we cannot read is left for a later sweep.
        }
        return removed;
    }

    /**
     * @return the owner pid a context directory's name carries, or -1 if it is not a context directory's name.
     */
    static long ownerPid(final Path dir)
    {
        final Matcher context = CONTEXT_NAME.matcher(dir.getFileName().toString());
        return context.matches() ? Long.parseLong(context.group(1)) : -1;
    }

    static boolean isOursAndDead(final Path dir)
    {
        final String name = dir.getFileName().toString();
        try
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || ProcessIdentity.ownerUid(dir) != ProcessIdentity.uid())
            {
                return false;
            }
            final Matcher removing = REMOVING_NAME.matcher(name);
            if (removing.matches())
            {
                return ProcessHandle.of(Long.parseLong(removing.group(1))).map(h -> !h.isAlive()).orElse(true);
            }
            final Matcher context = CONTEXT_NAME.matcher(name);
            if (!context.matches())
            {
                return false;
            }
            final long createdMs = attributes.creationTime().toMillis();
            if (ownerMayBeAlive(Long.parseLong(context.group(1)), createdMs))
            {
                return false;
            }
            if (null != ShmContext.openLocks(dir))
            {
                return false;
            }
            if (!Files.exists(dir.resolve(LivenessLockFile.FILE_NAME), LinkOption.NOFOLLOW_LINKS))
            {
                return true;
            }
            try (LivenessLockFile locks = LivenessLockFile.open(dir))
            {
                return locks.isContextAbandoned();
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return false;
        }
    }

    private static boolean ownerMayBeAlive(final long pid, final long directoryCreatedMs)
    {
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(h ->
            {
                final long startMs = ProcessIdentity.startTimeMs(h);
                return 0 == startMs || startMs <= directoryCreatedMs + 1_000;
            })
            .orElse(false);
    }

    static boolean remove(final Path dir)
    {
        Path target = dir;
        if (!REMOVING_NAME.matcher(dir.getFileName().toString()).matches())
        {
            target = dir.resolveSibling(dir.getFileName() + ".removing-" + ProcessIdentity.pid());
            try
            {
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final NoSuchFileException ex)
            {
                return false;
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                target = dir;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        try
        {
            PosixFiles.deleteTree(target);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}

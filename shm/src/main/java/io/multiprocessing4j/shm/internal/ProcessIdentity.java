package io.multiprocessing4j.shm.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Who this process is: pid, start time and uid, computed once. Thread-safe.
 */
public final class ProcessIdentity
{
    private static final long PID = ProcessHandle.current().pid();
    private static final long START_TIME_MS = startTimeMs(ProcessHandle.current());
    private static volatile Integer uid;

    private ProcessIdentity()
    {
    }

    public static long pid()
    {
        return PID;
    }

    /**
     * @return this process's start time in epoch milliseconds, or 0 where the OS does not say.
     */
    public static long startTimeMs()
    {
        return START_TIME_MS;
    }

    /**
     * @return start time in epoch milliseconds of the given process, or 0 where unknown.
     */
    public static long startTimeMs(final ProcessHandle handle)
    {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Is a process with this pid and (if known, non-zero) start time running? A pid that now belongs
     * to a process started at another time is a reused pid, so the answer is no.
     */
    public static boolean isRunning(final long pid, final long startTimeMs)
    {
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        final long actualStart = startTimeMs(handle.get());
        // Start instants are derived from jiffies; allow a little rounding between JVMs.
        return 0 == startTimeMs || 0 == actualStart || Math.abs(actualStart - startTimeMs) <= 1_000;
    }

    /**
     * @return the uid this process runs as (the owner of {@code /proc/self}, or of a fresh temp file).
     */
    public static int uid()
    {
        Integer value = uid;
        if (null == value)
        {
            value = readUid();
            uid = value;
        }
        return value;
    }

    /**
     * @return the owning uid of a file, without following a symbolic link.
     */
    public static int ownerUid(final Path path) throws IOException
    {
        return (Integer)Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int readUid()
    {
        try
        {
            final Path self = Path.of("/proc/self");
            if (Files.exists(self))
            {
                return (Integer)Files.getAttribute(self, "unix:uid");
            }
            final Path probe = Files.createTempFile("mp4j-uid", ".probe");
            try
            {
                return ownerUid(probe);
            }
            finally
            {
                Files.deleteIfExists(probe);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot determine the uid of this process", ex);
        }
    }
}

package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.ProcessIdentity;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One process's distinct errors in a context: an {@link RegionType#ERROR_LOG} region holding Agrona's
 * {@link DistinctErrorLog}, which counts repeats of an equal exception and keeps its first and last time. Each
 * process writes only its own file (Agrona's log has one writer process), so no process can corrupt another's
 * record; readers read every process's file with {@link #read}. The file outlives its writer: closing keeps it,
 * and it goes with the context directory. Thread-safe.
 */
final class ContextErrorLog implements AutoCloseable
{
    /** Data bytes of each process's log: room for a few dozen distinct stack traces. */
    static final int CAPACITY = 256 * 1024;

    private final MappedRegion region;
    private final DistinctErrorLog log;

    private ContextErrorLog(final MappedRegion region)
    {
        this.region = region;
        log = new DistinctErrorLog(
            new UnsafeBuffer(region.buffer(), region.dataOffset(), region.capacity()), SystemEpochClock.INSTANCE);
    }

    static ContextErrorLog create(final ShmContext context)
    {
        return new ContextErrorLog(context.newRegion(
            RegionType.ERROR_LOG, CAPACITY, "errors of pid " + ProcessIdentity.pid(), List.of()));
    }

    /**
     * @return false if the log is full or closed.
     */
    boolean record(final Throwable error)
    {
        try
        {
            return !region.isClosed() && log.record(error);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    public void close()
    {
        region.closeKeepingFile();
    }

    /**
     * Reads a log through a validated attach. A corrupt log yields what could be read before the damage and
     * then one entry saying so.
     */
    static List<ShmContexts.RecordedError> read(final RegionDescription description)
    {
        final List<ShmContexts.RecordedError> errors = new ArrayList<>();
        try (MappedRegion mapped = MappedRegion.attach(description.path(), RegionType.ERROR_LOG, 0))
        {
            ErrorLogReader.read(new UnsafeBuffer(mapped.buffer(), mapped.dataOffset(), mapped.capacity()),
                (count, firstMs, lastMs, text) -> errors.add(new ShmContexts.RecordedError(description.creatorPid(),
                    count, Instant.ofEpochMilli(firstMs), Instant.ofEpochMilli(lastMs), text)));
        }
        catch (final RuntimeException ex)
        {
            errors.add(new ShmContexts.RecordedError(description.creatorPid(), 0, Instant.EPOCH, Instant.EPOCH,
                "CORRUPT error log " + description.path() + ": " + ex));
        }
        return errors;
    }
}

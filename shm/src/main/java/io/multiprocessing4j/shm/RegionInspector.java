package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.ring.RingDescriptor;
import io.multiprocessing4j.shm.ring.MpmcRingDescriptor;
import io.multiprocessing4j.shm.sync.BarrierDescriptor;
import io.multiprocessing4j.shm.sync.ConditionDescriptor;
import io.multiprocessing4j.shm.sync.EventDescriptor;
import io.multiprocessing4j.shm.sync.LockWordDescriptor;
import io.multiprocessing4j.shm.sync.ProcessCountWords;
import io.multiprocessing4j.shm.sync.SemaphoreDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads, as text for people, the state of the {@link RegionPart parts} a region's header lists: ring fill levels,
 * positions and the processes at each end, lock owners and waiters, semaphore permits and who holds them, and
 * so on. It maps the file through the validated {@link MappedRegion#attach} and never writes; every read is
 * bounds-checked, so a corrupt part is reported as such. A snapshot: values move while it reads. Stateless and
 * thread-safe.
 */
public final class RegionInspector
{
    private RegionInspector()
    {
    }

    /**
     * @param region    a validated, READY region.
     * @param processes the context's process table ({@link ShmContexts#processes}), to name owners by pid.
     * @return one line per part, in header order.
     */
    public static List<String> inspect(
        final RegionDescription region, final List<ShmContexts.AttachedProcess> processes)
    {
        final List<String> lines = new ArrayList<>();
        if (region.parts().isEmpty())
        {
            return lines;
        }
        try (MappedRegion mapped = MappedRegion.attach(region.path(), region.type(), 0))
        {
            final UnsafeBuffer buffer = mapped.buffer();
            for (final RegionPart part : region.parts())
            {
                final int at = mapped.dataOffset() + part.offset();
                try
                {
                    lines.add(describe(part.kind(), buffer, at, processes));
                }
                catch (final IndexOutOfBoundsException | IllegalArgumentException ex)
                {
                    lines.add(part.kind().name().toLowerCase(Locale.ROOT) + " at " + part.offset() +
                        ": CORRUPT (" + ex.getMessage() + ")");
                }
            }
        }
        catch (final ShmException ex)
        {
            lines.add("unreadable: " + ex.getMessage());
        }
        return lines;
    }

    private static String describe(final RegionPart.Kind kind, final UnsafeBuffer buffer, final int at,
        final List<ShmContexts.AttachedProcess> processes)
    {
        return switch (kind)
        {
            case RING -> ring(buffer, at, processes);
            case LOCK -> lock(buffer, at, processes);
            case SEMAPHORE -> semaphore(buffer, at, processes);
            case BARRIER -> barrier(buffer, at, processes);
            case CONDITION -> String.format(Locale.ROOT, "condition: %d waiting, %d signals so far",
                buffer.getLongVolatile(at + ConditionDescriptor.WAITERS_OFFSET),
                buffer.getLongVolatile(at + ConditionDescriptor.GENERATION_OFFSET));
            case EVENT -> "event: " + (EventDescriptor.SET == buffer.getLongVolatile(at + EventDescriptor.FLAG_OFFSET) ?
                "set" : "clear");
            case WORK_COUNTS -> workCounts(buffer, at);
        };
    }

    private static String ring(
        final UnsafeBuffer buffer, final int at, final List<ShmContexts.AttachedProcess> processes)
    {
        final int kind = buffer.getInt(at + RingDescriptor.KIND_OFFSET);
        final int capacity = buffer.getInt(at + RingDescriptor.CAPACITY_OFFSET);
        final String ends = "; writer " + end(buffer, at + RingDescriptor.WRITER_HOLDER_OFFSET,
            at + RingDescriptor.WRITER_CLOSED_OFFSET, processes) + ", reader " +
            end(buffer, at + RingDescriptor.READER_HOLDER_OFFSET, at + RingDescriptor.READER_CLOSED_OFFSET, processes);
        if (RingDescriptor.MPMC == kind)
        {
            final int body = at + RingDescriptor.BODY_OFFSET;
            final long consumer = buffer.getLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET);
            final long producer = buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET);
            return String.format(Locale.ROOT,
                "ring mpmc: %d of %d slots used (%d%%), producer at %d, consumer at %d, %d abandoned, %d lost",
                producer - consumer, capacity, percent(producer - consumer, capacity), producer, consumer,
                buffer.getLongVolatile(body + MpmcRingDescriptor.ABANDONED_OFFSET),
                buffer.getLongVolatile(body + MpmcRingDescriptor.LOST_OFFSET));
        }
        if (RingDescriptor.SPSC != kind && RingDescriptor.MPSC != kind)
        {
            throw new IllegalArgumentException("unknown ring kind " + kind);
        }
        final int ringStart =
            at + (RingDescriptor.SPSC == kind ? RingDescriptor.BODY_OFFSET : RingDescriptor.MPSC_RING_OFFSET);
        final int trailer = ringStart + capacity;
        buffer.boundsCheck(trailer, RingBufferDescriptor.TRAILER_LENGTH);
        final long head = buffer.getLongVolatile(trailer + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long tail = buffer.getLongVolatile(trailer + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        return String.format(Locale.ROOT, "ring %s: %d of %d bytes used (%d%%), head %d, tail %d%s",
            RingDescriptor.SPSC == kind ? "spsc" : "mpsc", tail - head, capacity, percent(tail - head, capacity), head,
            tail, RingDescriptor.SPSC == kind ? ends : "; " + buffer.getLongVolatile(
                at + RingDescriptor.MPSC_ABANDONED_OFFSET) + " abandoned");
    }

    private static String end(final UnsafeBuffer buffer, final int holderOffset, final int closedOffset,
        final List<ShmContexts.AttachedProcess> processes)
    {
        final long holder = buffer.getLongVolatile(holderOffset);
        if (LockWordDescriptor.FREE == holder)
        {
            return "not taken";
        }
        return owner(holder, processes) + (0 != buffer.getLongVolatile(closedOffset) ? " (closed)" : "");
    }

    private static String lock(
        final UnsafeBuffer buffer, final int at, final List<ShmContexts.AttachedProcess> processes)
    {
        final long word = buffer.getLongVolatile(at);
        final long waiters = buffer.getLongVolatile(at + LockWordDescriptor.WAITERS_OFFSET);
        return (LockWordDescriptor.FREE == word ? "lock: free" : "lock: held by " + owner(word, processes)) +
            ", " + waiters + " waiting";
    }

    private static String semaphore(
        final UnsafeBuffer buffer, final int at, final List<ShmContexts.AttachedProcess> processes)
    {
        final long bound = buffer.getLongVolatile(at + SemaphoreDescriptor.BOUND_OFFSET);
        return "semaphore: " + buffer.getLongVolatile(at + SemaphoreDescriptor.PERMITS_OFFSET) + " permits free" +
            (SemaphoreDescriptor.UNBOUNDED == bound ? "" : " of at most " + bound) +
            perProcess(buffer, at + SemaphoreDescriptor.HELD_OFFSET, processes, "held");
    }

    private static String barrier(
        final UnsafeBuffer buffer, final int at, final List<ShmContexts.AttachedProcess> processes)
    {
        final long state = buffer.getLongVolatile(at + BarrierDescriptor.STATE_OFFSET);
        return String.format(Locale.ROOT, "barrier: %d of %d parties arrived, generation %d%s%s",
            BarrierDescriptor.arrived(state), buffer.getLongVolatile(at + BarrierDescriptor.PARTIES_OFFSET),
            BarrierDescriptor.generation(state), BarrierDescriptor.isBroken(state) ? ", BROKEN" : "",
            perProcess(buffer, at + BarrierDescriptor.WAITERS_OFFSET, processes, "waiting"));
    }

    private static String workCounts(final UnsafeBuffer buffer, final int at)
    {
        final long submitted = buffer.getLongVolatile(at + WorkCountsDescriptor.SUBMITTED_OFFSET);
        final long completed = buffer.getLongVolatile(at + WorkCountsDescriptor.COMPLETED_OFFSET);
        final long since = buffer.getLongVolatile(at + WorkCountsDescriptor.RUNNING_SINCE_OFFSET);
        final long started = buffer.getLongVolatile(at + WorkCountsDescriptor.STARTED_OFFSET);
        final boolean ready = 0 != buffer.getLongVolatile(at + WorkCountsDescriptor.READY_SINCE_OFFSET);
        return String.format(Locale.ROOT, "work: %d tasks sent, %d done, %d in flight, %s", submitted, completed,
            submitted - completed, !ready ? "starting" : WorkCountsDescriptor.IDLE == since ? "idle" :
                String.format(Locale.ROOT, "running task %d for %.1f ms", started, (System.nanoTime() - since) / 1e6));
    }

    /**
     * @return ", what: pid n, pid m" for each attached process with a non-zero count it stamped itself.
     */
    private static String perProcess(final UnsafeBuffer buffer, final int base,
        final List<ShmContexts.AttachedProcess> processes, final String what)
    {
        final StringBuilder text = new StringBuilder();
        for (final ShmContexts.AttachedProcess process : processes)
        {
            final long word = buffer.getLongVolatile(base + ProcessCountWords.offset(process.slot()));
            final long count = ProcessCountWords.count(word);
            if (0 != count && ProcessCountWords.stampedBy(word, process.generation()))
            {
                text.append(text.length() == 0 ? "; " + what + " by " : ", ")
                    .append("pid ").append(process.pid()).append(": ").append(count);
            }
        }
        return text.toString();
    }

    /**
     * @return "pid N" for the process a lock-word identity names, with "DEAD" if it died without leaving.
     */
    private static String owner(final long word, final List<ShmContexts.AttachedProcess> processes)
    {
        final int slot = LockWordDescriptor.slot(word);
        final long generation = LockWordDescriptor.generation(word);
        for (final ShmContexts.AttachedProcess process : processes)
        {
            if (process.slot() == slot && LockWordDescriptor.owner(slot, process.generation()) == word)
            {
                return "pid " + process.pid() + (process.alive() ? "" : " DEAD");
            }
        }
        return "a process that has left (slot " + slot + ", generation " + generation + ")";
    }

    private static long percent(final long used, final long capacity)
    {
        return capacity <= 0 ? 0 : 100 * used / capacity;
    }
}

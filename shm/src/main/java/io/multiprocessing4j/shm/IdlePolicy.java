package io.multiprocessing4j.shm;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * How a thread waits for another process (a lock, permit, event, barrier): which Agrona
 * {@link IdleStrategy} each blocking call uses. A context has one ({@link ShmContext#idlePolicy()}),
 * shared by every process attached to it. Immutable; its {@link #toString()} form is what {@link #parse}
 * and the {@value ShmConfiguration#IDLE_PROP_NAME} system property accept:
 * <ul>
 *   <li>{@code backoff:SPINS,YIELDS,MIN_PARK_NS,MAX_PARK_NS}: spin, then yield, then park for doubling
 *       periods (the default: a hand-off to a spinning waiter takes under a microsecond, and a waiter that
 *       has waited a millisecond costs a few percent of a core at most);</li>
 *   <li>{@code spin}: never give up the core (lowest latency, one core per waiter);</li>
 *   <li>{@code yield}: {@link Thread#yield()} between checks;</li>
 *   <li>{@code sleep:NS}: park for a fixed period (cheapest, slowest to wake).</li>
 * </ul>
 */
public final class IdlePolicy
{
    /**
     * Spins for some tens of microseconds (2,500 spins), yields a hundred times, then parks for doubling periods
     * of at most a millisecond. The spinning covers a hand-off between running processes (a lock, a pipe's answer);
     * yields are few because on a machine whose cores are all busy a yield hands the core to another program until
     * the scheduler's next tick, milliseconds later, while a park's timed wake-up preempts it at once. Measured
     * beside one busy process on 2 cores: a pipe's round trip took 36 µs with 200 spins and 100 yields (as long as
     * Python's), 0.29 µs with 2,500 spins (p50s); on a quiet machine both took 0.65 µs.
     */
    public static final IdlePolicy DEFAULT = new IdlePolicy(Kind.BACKOFF, 2_500, 100, 1_000, 1_000_000);

    /**
     * Spins for some tens of microseconds, then yields for some milliseconds before it parks: for request and
     * response between processes (a task sent, its result awaited) where the answer comes within microseconds. A
     * yield costs little when nothing else wants the core; a park costs tens of microseconds to wake from, and once
     * one side parks the other tends to as well, round after round. The spinning comes first so that, on a busy
     * machine, an answer due within microseconds is not waited for through a yield that lasts a scheduler tick
     * (measured beside one busy process: a pool's apply round trip 41 µs with 200 spins, 2.3 µs with 2,500).
     */
    public static final IdlePolicy RESPONSIVE = new IdlePolicy(Kind.BACKOFF, 2_500, 10_000, 1_000, 1_000_000);

    enum Kind
    {
        BACKOFF, SPIN, YIELD, SLEEP
    }

    private final Kind kind;
    private final long spins;
    private final long yields;
    private final long minParkNs;
    private final long maxParkNs;

    private IdlePolicy(final Kind kind, final long spins, final long yields, final long minParkNs, final long maxParkNs)
    {
        this.kind = kind;
        this.spins = spins;
        this.yields = yields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
    }

    /**
     * @param spins   busy checks before yielding.
     * @param yields  {@link Thread#yield()} checks before parking.
     * @param minPark first park period.
     * @param maxPark longest park period, which bounds how late a parked waiter notices a change.
     */
    public static IdlePolicy backoff(final long spins, final long yields, final Duration minPark,
        final Duration maxPark)
    {
        return of(Kind.BACKOFF, spins, yields, nanos(minPark, "minPark"), nanos(maxPark, "maxPark"));
    }

    public static IdlePolicy busySpin()
    {
        return new IdlePolicy(Kind.SPIN, 0, 0, 0, 0);
    }

    public static IdlePolicy yielding()
    {
        return new IdlePolicy(Kind.YIELD, 0, 0, 0, 0);
    }

    /**
     * @param period how long each park lasts.
     */
    public static IdlePolicy sleeping(final Duration period)
    {
        final long ns = nanos(period, "period");
        return of(Kind.SLEEP, 0, 0, ns, ns);
    }

    /**
     * @param spec what {@link #toString()} returns, e.g. {@code backoff:200,100,1000,1000000} or {@code sleep:1000000}.
     * @return the policy it names.
     * @throws IllegalArgumentException naming what is wrong with {@code spec}.
     */
    public static IdlePolicy parse(final String spec)
    {
        Objects.requireNonNull(spec, "spec");
        final String[] nameAndArgs = spec.trim().split(":", 2);
        final String[] args = nameAndArgs.length > 1 ? nameAndArgs[1].split(",") : new String[0];
        try
        {
            switch (nameAndArgs[0])
            {
                case "backoff":
                    requireArgs(spec, args, 4);
                    return of(Kind.BACKOFF, Long.parseLong(args[0].trim()), Long.parseLong(args[1].trim()),
                        Long.parseLong(args[2].trim()), Long.parseLong(args[3].trim()));
                case "spin":
                    requireArgs(spec, args, 0);
                    return busySpin();
                case "yield":
                    requireArgs(spec, args, 0);
                    return yielding();
                case "sleep":
                    requireArgs(spec, args, 1);
                    final long ns = Long.parseLong(args[0].trim());
                    return of(Kind.SLEEP, 0, 0, ns, ns);
                default:
                    throw new IllegalArgumentException("unknown idle policy '" + spec +
                        "': expected backoff:SPINS,YIELDS,MIN_PARK_NS,MAX_PARK_NS, spin, yield or sleep:NS");
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("idle policy '" + spec + "' has a bad number: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return {@value ShmConfiguration#IDLE_PROP_NAME} if set, else {@link #DEFAULT}.
     */
    public static IdlePolicy configured()
    {
        final String spec = System.getProperty(ShmConfiguration.IDLE_PROP_NAME);
        return null == spec || spec.isBlank() ? DEFAULT : parse(spec);
    }

    /**
     * @return a new strategy for one waiting thread (strategies hold per-waiter state).
     */
    public IdleStrategy newIdleStrategy()
    {
        switch (kind)
        {
            case SPIN: return new BusySpinIdleStrategy();
            case YIELD: return new YieldingIdleStrategy();
            case SLEEP: return new SleepingIdleStrategy(maxParkNs);
            default: return new BackoffIdleStrategy(spins, yields, minParkNs, maxParkNs);
        }
    }

    /**
     * @return the longest a waiter may park between checks (0 if it never parks).
     */
    public long maxParkNs()
    {
        return maxParkNs;
    }

    Kind kind()
    {
        return kind;
    }

    long spins()
    {
        return spins;
    }

    long yields()
    {
        return yields;
    }

    long minParkNs()
    {
        return minParkNs;
    }

    static IdlePolicy of(final Kind kind, final long spins, final long yields, final long minParkNs,
        final long maxParkNs)
    {
        if (spins < 0 || yields < 0 || minParkNs < 0 || maxParkNs < minParkNs)
        {
            throw new IllegalArgumentException("idle policy needs spins, yields >= 0 and 0 <= minPark <= maxPark: " +
                new IdlePolicy(kind, spins, yields, minParkNs, maxParkNs));
        }
        if ((Kind.BACKOFF == kind || Kind.SLEEP == kind) && 0 == maxParkNs)
        {
            throw new IllegalArgumentException("a parking idle policy needs a park period > 0");
        }
        return new IdlePolicy(kind, spins, yields, minParkNs, maxParkNs);
    }

    public boolean equals(final Object other)
    {
        return other instanceof IdlePolicy && toString().equals(other.toString());
    }

    public int hashCode()
    {
        return toString().hashCode();
    }

    public String toString()
    {
        switch (kind)
        {
            case SPIN: return "spin";
            case YIELD: return "yield";
            case SLEEP: return "sleep:" + maxParkNs;
            default: return "backoff:" + spins + "," + yields + "," + minParkNs + "," + maxParkNs;
        }
    }

    private static long nanos(final Duration duration, final String name)
    {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative())
        {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration.toNanos();
    }

    private static void requireArgs(final String spec, final String[] args, final int expected)
    {
        if (args.length != expected)
        {
            throw new IllegalArgumentException(
                "idle policy '" + spec + "' takes " + expected + " argument(s), not " + args.length);
        }
    }
}

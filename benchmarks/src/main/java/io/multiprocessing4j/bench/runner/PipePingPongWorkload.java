package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.time.Duration;
import java.util.List;

/**
 * {@code pipe-pingpong}: the parent sends an Integer through a duplex {@link Pipe} and a child sends it back;
 * the figures are the p50, p99 and p99.9 of {@value #ROUND_TRIPS} round trips after as many untimed ones.
 * Python does the same with {@code multiprocessing.Pipe} ({@code pipe_pingpong.py}); the raw-Agrona anchor
 * echoes a 4-byte message through two {@code OneToOneRingBuffer}s, spinning; the Chronicle Queue anchor
 * through two queues ({@link ChronicleAnchor}).
 */
final class PipePingPongWorkload implements Workload
{
    static final int ROUND_TRIPS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    public String name()
    {
        return "pipe-pingpong";
    }

    public String unit()
    {
        return "us per round trip (p50)";
    }

    public List<String> anchors()
    {
        return List.of(AGRONA, CHRONICLE);
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pipe_pingpong.py", "--round-trips", "" + ROUND_TRIPS, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        if (CHRONICLE.equals(mode))
        {
            return ChronicleAnchor.trial(ChronicleAnchor.PINGPONG, ROUND_TRIPS);
        }
        final long[] rounds = new long[2 * ROUND_TRIPS];
        try (ShmContext context = ShmContext.create();
             Pipe pipe = Pipe.create(context);
             SharedByteArray rings = SharedByteArray.create(context, 2 * RawRings.LENGTH))
        {
            final boolean raw = AGRONA.equals(mode);
            final Connection childEnd = pipe.second();
            final JvmProcess child = new JvmProcess(() -> echo(raw, childEnd, rings,
                rounds.length)).setDaemon(true).start();
            if (raw)
            {
                try (RawRings raws = new RawRings(rings.handle()))
                {
                    final RingBuffer out = raws.oneToOne(0);
                    final RingBuffer in = raws.oneToOne(1);
                    final UnsafeBuffer message = new UnsafeBuffer(new byte[4]);
                    for (int i = 0; i < rounds.length; i++)
                    {
                        final long start = System.nanoTime();
                        message.putInt(0, i);
                        while (!out.write(1, message, 0, 4))
                        {
                            Thread.onSpinWait();
                        }
                        while (0 == in.read((type, buffer, index, length) -> { }, 1))
                        {
                            Thread.onSpinWait();
                        }
                        rounds[i] = System.nanoTime() - start;
                    }
                }
            }
            else
            {
                final Connection parentEnd = pipe.first();
                for (int i = 0; i < rounds.length; i++)
                {
                    final long start = System.nanoTime();
                    parentEnd.send(i);
                    parentEnd.recv();
                    rounds[i] = System.nanoTime() - start;
                }
            }
            if (!child.join(TIMEOUT) || 0 != child.exitCode().orElse(-1))
            {
                throw new IllegalStateException(child + " failed: " + child.exception());
            }
        }
        return Trial.ofLatencies(rounds, ROUND_TRIPS);
    }

    static void echo(final boolean raw, final Connection connection, final SharedByteArray rings, final int rounds)
        throws Exception
    {
        if (!raw)
        {
            for (int i = 0; i < rounds; i++)
            {
                connection.send(connection.recv());
            }
            return;
        }
        try (RawRings raws = new RawRings(rings.handle()))
        {
            final RingBuffer in = raws.oneToOne(0);
            final RingBuffer out = raws.oneToOne(1);
            for (int i = 0; i < rounds; i++)
            {
                while (0 == in.read((type, buffer, index, length) ->
                {
                    while (!out.write(type, buffer, index, length))
                    {
                        Thread.onSpinWait();
                    }
                }, 1))
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}

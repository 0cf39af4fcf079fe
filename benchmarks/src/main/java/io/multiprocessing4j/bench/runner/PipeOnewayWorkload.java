package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;

import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.time.Duration;
import java.util.List;

/**
 * {@code pipe-oneway}: a child sends {@code messages} 64-byte messages with {@code sendBytes} through a
 * one-way {@link Pipe}; the parent receives them with {@code recvBytes}. The figure is messages per second
 * from the release to the last receive. Python: {@code send_bytes}/{@code recv_bytes} on a one-way
 * {@code Pipe} ({@code pipe_oneway.py}); raw Agrona: a {@code OneToOneRingBuffer} of 64-byte messages.
 * Every side first passes the same number of messages untimed (a warm-up, as in the queue workloads).
 */
final class PipeOnewayWorkload implements Workload
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final int messages;

    PipeOnewayWorkload(final int messages)
    {
        this.messages = messages;
    }

    public String name()
    {
        return "pipe-oneway";
    }

    public String unit()
    {
        return "64-byte messages per s";
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("pipe_oneway.py", "--messages", "" + messages, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             Pipe pipe = Pipe.create(context, false);
             SharedEvent warm = SharedEvent.create(context);
             SharedEvent go = SharedEvent.create(context);
             SharedByteArray rings = SharedByteArray.create(context, RawRings.LENGTH))
        {
            final boolean raw = AGRONA.equals(mode);
            final Connection writer = pipe.second();
            final int count = messages;
            final JvmProcess child = new JvmProcess(() -> send(raw, writer, warm, go, rings,
                count)).setDaemon(true).start();
            try (RawRings raws = new RawRings(rings.handle()))
            {
                final Connection reader = pipe.first();
                warm.set();
                receive(raw ? raws.oneToOne(0) : null, reader, messages);
                final long start = System.nanoTime();
                go.set();
                receive(raw ? raws.oneToOne(0) : null, reader, messages);
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (!child.join(TIMEOUT) || 0 != child.exitCode().orElse(-1))
                {
                    throw new IllegalStateException(child + " failed: " + child.exception());
                }
                return Trial.of(messages / seconds);
            }
        }
    }

    private static void receive(final RingBuffer rawRing, final Connection reader, final int count)
        throws Exception
    {
        if (null != rawRing)
        {
            RawRings.read(rawRing, count);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            reader.recvBytes();
        }
    }

    static void send(final boolean raw, final Connection writer, final SharedEvent warm, final SharedEvent go,
        final SharedByteArray rings, final int count) throws InterruptedException
    {
        try (RawRings raws = new RawRings(rings.handle()))
        {
            final byte[] message = new byte[64];
            for (final SharedEvent round : new SharedEvent[] {warm, go})
            {
                round.await();
                if (raw)
                {
                    RawRings.write(raws.oneToOne(0), count, 64);
                }
                else
                {
                    for (int i = 0; i < count; i++)
                    {
                        writer.sendBytes(message);
                    }
                }
            }
        }
    }
}

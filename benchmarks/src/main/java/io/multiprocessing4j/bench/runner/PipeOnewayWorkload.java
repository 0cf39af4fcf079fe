package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;

import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipe-oneway}: a child sends {@code messages} 64-byte messages with {@code sendBytes} through a
 * one-way {@link Pipe}; the parent receives them with {@code recvBytes}, or for {@code pipe-oneway-into} with
 * {@code recvBytesInto} one reused array. The figure is messages per second from the release to the last
 * receive. Python: {@code send_bytes} and {@code recv_bytes} (or {@code recv_bytes_into} a reused
 * {@code bytearray}) on a one-way {@code Pipe} ({@code pipe_oneway.py}); raw Agrona: a {@code OneToOneRingBuffer}
 * of 64-byte messages, read in place.
 * Every side first passes the same number of messages untimed (a warm-up, as in the queue workloads).
 */
final class PipeOnewayWorkload implements Workload
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final int messages;
    private final boolean into;

    PipeOnewayWorkload(final int messages, final boolean into)
    {
        this.messages = messages;
        this.into = into;
    }

    public String name()
    {
        return into ? "pipe-oneway-into" : "pipe-oneway";
    }

    public String unit()
    {
        return into ? "64-byte messages per s, received into one reused array" : "64-byte messages per s";
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> pythonCommand(final int trials)
    {
        final List<String> command =
            new ArrayList<>(List.of("pipe_oneway.py", "--messages", "" + messages, "--trials", "" + trials));
        if (into)
        {
            command.add("--into");
        }
        return command;
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
                receive(raw ? raws.oneToOne(0) : null, reader, messages, into);
                final long start = System.nanoTime();
                go.set();
                receive(raw ? raws.oneToOne(0) : null, reader, messages, into);
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (!child.join(TIMEOUT) || 0 != child.exitCode().orElse(-1))
                {
                    throw new IllegalStateException(child + " failed: " + child.exception());
                }
                return Trial.of(messages / seconds);
            }
        }
    }

    private static void receive(final RingBuffer rawRing, final Connection reader, final int count,
        final boolean into) throws Exception
    {
        if (null != rawRing)
        {
            RawRings.read(rawRing, count);
        }
        else if (into)
        {
            final byte[] buffer = new byte[64];
            for (int i = 0; i < count; i++)
            {
                reader.recvBytesInto(buffer);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                reader.recvBytes();
            }
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

package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code queue-1p1c-*} and {@code queue-2p1c}: producer JVMs put {@code messages} items (Integers, or
 * {@code byte[]} of 64 or 1024 bytes) in one {@link SharedQueue}, released together by an event; the parent
 * takes them all. The figure is items per second from the release to the last take. Python does the same
 * with {@code multiprocessing.Queue} ({@code queue_throughput.py}); the raw-Agrona anchor writes messages
 * of the same size (4 bytes for an Integer) through a {@code OneToOneRingBuffer} (a {@code ManyToOneRingBuffer}
 * for two producers) in a mapped file.
 */
final class QueueThroughputWorkload implements Workload
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final String payload;
    private final int producers;
    private final int messages;

    QueueThroughputWorkload(final String name, final String payload, final int producers, final int messages)
    {
        this.name = name;
        this.payload = payload;
        this.producers = producers;
        this.messages = messages;
    }

    public String name()
    {
        return name;
    }

    public String unit()
    {
        return "items per s, " + producers + " producer(s) to 1 consumer, " + describePayload();
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("queue_throughput.py", "--payload", payload, "--messages", "" + messages,
            "--producers", "" + producers, "--trials", "" + trials);
    }

    public double trial(final String mode) throws Exception
    {
        final int perProducer = messages / producers;
        try (ShmContext context = ShmContext.create();
             SharedEvent go = SharedEvent.create(context);
             SharedQueue<Object> queue = SharedQueue.create(context);
             SharedByteArray rings = SharedByteArray.create(context, RawRings.LENGTH))
        {
            final boolean raw = AGRONA.equals(mode);
            final String kind = payload;
            final int count = producers;
            final List<JvmProcess> workers = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                workers.add(new JvmProcess(() -> produce(raw, kind, count, go, queue, rings, perProducer))
                    .setDaemon(true).start());
            }
            try (RawRings raws = new RawRings(rings.handle()))
            {
                // a trial starts once every producer waits; attaching costs the first take otherwise
                Thread.sleep(200);
                final long start = System.nanoTime();
                go.set();
                if (raw)
                {
                    RawRings.read(1 == producers ? raws.oneToOne(0) : raws.manyToOne(0), (long)perProducer * producers);
                }
                else
                {
                    for (long i = (long)perProducer * producers; i > 0; i--)
                    {
                        queue.take();
                    }
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                for (final JvmProcess worker : workers)
                {
                    if (!worker.join(TIMEOUT) || 0 != worker.exitCode().orElse(-1))
                    {
                        throw new IllegalStateException(worker + " failed: " + worker.exception());
                    }
                }
                return perProducer * (double)producers / seconds;
            }
        }
    }

    static void produce(final boolean raw, final String payload, final int producers, final SharedEvent go,
        final SharedQueue<Object> queue, final SharedByteArray rings, final int count) throws InterruptedException
    {
        final int length = "int".equals(payload) ? Integer.BYTES : "bytes64".equals(payload) ? 64 : 1024;
        if (raw)
        {
            try (RawRings raws = new RawRings(rings.handle()))
            {
                go.await();
                RawRings.write(1 == producers ? raws.oneToOne(0) : raws.manyToOne(0), count, length);
            }
            return;
        }
        final byte[] item = new byte[length];
        go.await();
        if ("int".equals(payload))
        {
            for (int i = 0; i < count; i++)
            {
                queue.put(i);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                queue.put(item);
            }
        }
    }

    private String describePayload()
    {
        return "int".equals(payload) ? "Integer items" : ("bytes64".equals(payload) ? "64" : "1024") + "-byte byte[] items";
    }
}

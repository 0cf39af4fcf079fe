package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedByteArray;

import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code queue-1p1c-*} and {@code queue-2p1c}: producer JVMs put {@code messages} items (Integers, or
 * {@code byte[]} of 64 or 1024 bytes) in one {@link SharedQueue}, released together by an event; the parent
 * takes them all. The figure is items per second from the release to the last take. Python does the same
 * with {@code multiprocessing.Queue} ({@code queue_throughput.py}); the raw-Agrona anchor writes messages
 * of the same size (4 bytes for an Integer) through a {@code OneToOneRingBuffer} (a {@code ManyToOneRingBuffer}
 * for two producers) in a mapped file; for {@code queue-1p1c}, the Chronicle Queue anchor appends 4-byte messages to
 * a queue another JVM tails ({@link ChronicleAnchor}). Every side first passes the same number of items untimed, as a
 * long-lived process would have (JMH's warm-up; Python, with no JIT, gains nothing from it).
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

    public List<String> anchors()
    {
        return 1 == producers && "int".equals(payload) ? List.of(AGRONA, CHRONICLE) : List.of(AGRONA);
    }

    public Trial trial(final String mode) throws Exception
    {
        if (CHRONICLE.equals(mode))
        {
            return ChronicleAnchor.trial(ChronicleAnchor.QUEUE, messages);
        }
        final int perProducer = messages / producers;
        try (ShmContext context = ShmContext.create();
             SharedEvent warm = SharedEvent.create(context);
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
                workers.add(new JvmProcess(() -> produce(raw, kind, count, warm, go, queue, rings, perProducer))
                    .setDaemon(true).start());
            }
            try (RawRings raws = new RawRings(rings.handle()))
            {
                final RingBuffer rawRing = raw ? (1 == producers ? raws.oneToOne(0) : raws.manyToOne(0)) : null;
                warm.set();
                consume(rawRing, queue, (long)perProducer * producers);
                final long start = System.nanoTime();
                go.set();
                consume(rawRing, queue, (long)perProducer * producers);
                final double seconds = (System.nanoTime() - start) / 1e9;
                for (final JvmProcess worker : workers)
                {
                    if (!worker.join(TIMEOUT) || 0 != worker.exitCode().orElse(-1))
                    {
                        throw new IllegalStateException(worker + " failed: " + worker.exception());
                    }
                }
                return Trial.of(perProducer * (double)producers / seconds);
            }
        }
    }

    private static void consume(final RingBuffer rawRing, final SharedQueue<Object> queue, final long count)
        throws InterruptedException
    {
        if (null != rawRing)
        {
            RawRings.read(rawRing, count);
            return;
        }
        for (long i = count; i > 0; i--)
        {
            queue.take();
        }
    }

    static void produce(final boolean raw, final String payload, final int producers, final SharedEvent warm,
        final SharedEvent go, final SharedQueue<Object> queue, final SharedByteArray rings, final int count)
        throws InterruptedException
    {
        final int length = "int".equals(payload) ? Integer.BYTES : "bytes64".equals(payload) ? 64 : 1024;
        try (RawRings raws = new RawRings(rings.handle()))
        {
            final RingBuffer rawRing = raw ? (1 == producers ? raws.oneToOne(0) : raws.manyToOne(0)) : null;
            for (final SharedEvent round : new SharedEvent[] {warm, go})
            {
                round.await();
                if (raw)
                {
                    RawRings.write(rawRing, count, length);
                }
                else if ("int".equals(payload))
                {
                    for (int i = 0; i < count; i++)
                    {
                        queue.put(i);
                    }
                }
                else
                {
                    final byte[] item = new byte[length];
                    for (int i = 0; i < count; i++)
                    {
                        queue.put(item);
                    }
                }
            }
        }
    }

    private String describePayload()
    {
        return "int".equals(payload) ? "Integer items" : ("bytes64".equals(payload) ? "64" : "1024") +
            "-byte byte[] items";
    }
}

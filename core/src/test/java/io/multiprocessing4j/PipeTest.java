package io.multiprocessing4j;

import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.ShmContext;
import org.example.mp4jtest.Opaque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pipe} and {@link Connection} across real child JVMs (Python's {@code _TestConnection} and
 * {@code _TestPoll} cases).
 */
final class PipeTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    /**
     * Echoes every message back as it came (objects as objects, bytes as bytes) until the other end is gone.
     */
    static void echo(final Connection connection) throws Exception
    {
        try
        {
            while (true)
            {
                connection.send(connection.recv());
            }
        }
        catch (final EOFException ex)
        {
            connection.close();
        }
    }

    static void sendThenEnd(final Connection connection) throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            connection.send("message " + i);
        }
        connection.send("END");
        connection.close();
    }

    static void receiveForever(final Connection connection) throws Exception
    {
        connection.send("ready");
        connection.recv();
    }

    @Test
    void aChildEchoesObjectsBytesAndASixteenMebibyteMessage() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection child = pipe.second();
            final JvmProcess echo = new JvmProcess(() -> echo(child)).setDaemon(true).start();
            final Connection parent = pipe.first();

            parent.send(new ArrayList<>(Arrays.asList(1, 2.25, null)));
            assertEquals(Arrays.asList(1, 2.25, null), parent.recv());
            for (final Object value : new Object[] {"héllo", 42, 7L, 2.5, true, null, new byte[] {1, 2}})
            {
                parent.send(value);
                final Object back = parent.recv();
                if (value instanceof byte[])
                {
                    assertArrayEquals((byte[])value, (byte[])back);
                }
                else
                {
                    assertEquals(value, back);
                }
            }
            parent.sendBytes("hello world".getBytes());
            assertArrayEquals("hello world".getBytes(), parent.recvBytes());

            final byte[] big = new byte[16 << 20];
            new Random(7).nextBytes(big);
            parent.sendBytes(big);
            assertArrayEquals(big, parent.recvBytes());

            parent.close();
            assertTrue(echo.join(TIMEOUT), "the child saw the end of the stream and returned");
            assertEquals(OptionalInt.of(0), echo.exitCode(), () -> String.valueOf(echo.exception()));
        }
    }

    @Test
    void theParentClosesItsCopyOfTheChildsEndReceivesEverythingThenEof() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection child = pipe.second();
            final JvmProcess sender = new JvmProcess(() -> sendThenEnd(child)).setDaemon(true).start();
            child.close();
            final Connection parent = pipe.first();
            final List<Object> received = new ArrayList<>();
            Object message;
            while (!"END".equals(message = parent.recv()))
            {
                received.add(message);
            }
            assertEquals(List.of("message 0", "message 1", "message 2"), received);
            assertTrue(sender.join(TIMEOUT));
            assertThrows(EOFException.class, parent::recv);
            assertThrows(EOFException.class, parent::recvBytes);
            assertTrue(parent.poll(), "poll says a receive would not block");
            assertTrue(parent.isReadable() && parent.isWritable());
        }
    }

    @Test
    void recvThrowsEofWithinASecondOfThePeersSigkillAndSendThenFails() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, true, 4096, 1 << 20))
        {
            final Connection child = pipe.second();
            final JvmProcess peer = new JvmProcess(() -> receiveForever(child)).setDaemon(true).start();
            final Connection parent = pipe.first();
            assertEquals("ready", parent.recv(), "the child holds its end");
            final long killedAt = System.nanoTime();
            peer.kill();
            assertThrows(EOFException.class, parent::recv);
            final long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(tookMs < 1_000, "EOF " + tookMs + " ms after the SIGKILL");
            assertThrows(BrokenPipeException.class, () ->
            {
                for (int i = 0; i < 10_000; i++)
                {
                    parent.send(i);
                }
            });
        }
    }

    @Test
    void aOneWayPipeReadsAtTheFirstEndAndWritesAtTheSecond() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, false))
        {
            final Connection reader = pipe.first();
            final Connection writer = pipe.second();
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            assertTrue(writer.isWritable());
            assertFalse(writer.isReadable());
            assertThrows(IllegalStateException.class, () -> reader.send(1));
            assertThrows(IllegalStateException.class, writer::recv);
            assertThrows(IllegalStateException.class, writer::poll);
            writer.send("one way");
            assertEquals("one way", reader.recv());
        }
    }

    @Test
    void pollWaitsItsTimeoutDoesNotConsumeAndEmptyMessagesAndBoundariesArePreserved() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection a = pipe.first();
            final Connection b = pipe.second();
            assertFalse(a.poll());
            final long start = System.nanoTime();
            assertFalse(a.poll(Duration.ofMillis(100)));
            final long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 100 && waitedMs < 1_000, waitedMs + " ms");

            b.sendBytes(new byte[0]);
            assertTrue(a.poll());
            assertTrue(a.poll(Duration.ofMillis(100)), "poll does not consume");
            assertArrayEquals(new byte[0], a.recvBytes());
            b.sendBytes("a".getBytes());
            b.sendBytes("b".getBytes());
            b.sendBytes("cd".getBytes());
            assertEquals("a", new String(a.recvBytes()));
            assertEquals("b", new String(a.recvBytes()));
            assertEquals("cd", new String(a.recvBytes()));
            b.sendBytes("xhellox".getBytes(), 1, 5);
            assertEquals("hello", new String(a.recvBytes()));
            b.sendBytes(new byte[3], 3, 0);
            assertEquals(0, a.recvBytes().length);
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], 4, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], 1, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], -1, 1));
            assertNull(null);
        }
    }

    @Test
    void badMessagesAreRefusedNamingWhyAndThePipeStaysUsable() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, true, 4096, 1000))
        {
            final Connection a = pipe.first();
            final Connection b = pipe.second();
            final MessageTooLargeException tooLarge =
                assertThrows(MessageTooLargeException.class, () -> a.sendBytes(new byte[1001]));
            assertEquals(1001, tooLarge.size());
            assertEquals(1000, tooLarge.limit());
            final CodecException unencodable = assertThrows(CodecException.class, () -> a.send(new Thread()));
            assertTrue(unencodable.getMessage().contains("java.lang.Thread"), unencodable.getMessage());
            assertFalse(b.poll(), "nothing was sent");
            assertThrows(NullPointerException.class, () -> a.sendBytes(null));
            a.send("still fine");
            assertEquals("still fine", b.recv());
            a.close();
            assertThrows(IllegalStateException.class, () -> a.send(1));
            assertThrows(EOFException.class, b::recv);
        }
        assertThrows(IllegalArgumentException.class, () -> Pipe.create(shm, true, 1000, 10));
        assertThrows(IllegalArgumentException.class, () -> Pipe.create(shm, true, 4096, -1));
        assertThrows(NullPointerException.class, () -> Pipe.create(null));
    }

    @Test
    void aThreadQueuedBehindAnotherThreadsReceiveEndsWithinAHundredMillisecondsOfItsInterrupt() throws Exception
    {
        final Pipe pipe = Pipe.create(shm, true);
        final Connection end = pipe.first();
        final Thread first = new Thread(() -> receiveQuietly(end));
        first.start();
        final long[] endedAt = new long[1];
        final Thread second = new Thread(() ->
        {
            try
            {
                end.recv();
            }
            catch (final InterruptedException expected)
            {
                endedAt[0] = System.nanoTime();
            }
            catch (final EOFException ex)
            {
                throw new AssertionError(ex);
            }
        });
        second.start();
        Thread.sleep(200); // both waiting: the first in the ring, the second for the receive lock
        final long interruptedAt = System.nanoTime();
        second.interrupt();
        second.join(TIMEOUT.toMillis());
        pipe.second().send("for the first");
        pipe.second().send("for the second, had its interrupt not ended it");
        first.join(TIMEOUT.toMillis());
        second.join(TIMEOUT.toMillis());
        pipe.close();
        assertFalse(first.isAlive() || second.isAlive());
        assertTrue(0 != endedAt[0], "recv() ended by its interrupt");
        assertTrue(endedAt[0] - interruptedAt < 100_000_000L, "ended " + (endedAt[0] - interruptedAt) / 1_000 +
            " µs later");
    }

    private static void receiveQuietly(final Connection end)
    {
        try
        {
            end.recv();
        }
        catch (final InterruptedException | EOFException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void allowClassesLetsAnotherPackageThroughAPipeAndARefusalSaysHow() throws Exception
    {
        final Opaque item = new Opaque(3);
        try (Pipe pipe = Pipe.create(shm, false, "org.example.mp4jtest."); Pipe strict = Pipe.create(shm, false))
        {
            final Connection writer = pipe.second();
            final JvmProcess child = new JvmProcess(() -> writer.send(new Opaque(3))).start();
            assertTrue(pipe.first().poll(Duration.ofSeconds(60)), "a message arrived");
            assertEquals(item, pipe.first().recv());
            assertTrue(child.join(Duration.ofSeconds(60)));
            assertEquals(OptionalInt.of(0), child.exitCode());
            final CodecException refused = assertThrows(CodecException.class, () -> strict.second().send(item));
            assertTrue(refused.getMessage().contains("-Dmp4j.codec.allow=org.example.mp4jtest."),
                refused.getMessage());
        }
    }
}

package io.multiprocessing4j;

import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.internal.value.MessageEncoder;
import io.multiprocessing4j.internal.value.ValueFormat;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ring.MessageHandler;
import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.ring.SpscRing;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.time.Duration;
import java.util.Objects;

/**
 * One end of a {@link Pipe} (Python's {@code multiprocessing.connection.Connection}): {@link #send} and
 * {@link #recv} objects (strings, {@code byte[]} and boxed primitives as themselves, anything else through
 * the codec), {@link #sendBytes} and {@link #recvBytes} raw bytes, {@link #poll} for pending messages.
 * Message boundaries are kept, empty messages included. A message sent is in shared memory when
 * {@code send} returns, so nothing is lost if the sender exits right after.
 * <p>
 * An end passes to a child process by handle; the process that last took an end (by creating, attaching
 * or receiving it) holds it. {@code recv} throws {@link EOFException} once the other end's holder has closed
 * it or died and every message it sent has been read, within milliseconds of the death; {@code send} throws
 * {@link BrokenPipeException} once the other end is known to be gone (at once if it was closed; after a
 * death, when the pipe is full or within a few thousand messages). Closing an end that was sent to another process
 * releases only this process's copy. One thread at a time sends and one at a time receives (each side is
 * synchronized); use after {@link #close()} throws {@link IllegalStateException}.
 */
public abstract class Connection extends SharedObject
{
    private static final long serialVersionUID = 1L;

    private final transient ShmContext context;
    private final transient SpscRing out;
    private final transient SpscRing in;
    private final transient MessageEncoder format = new MessageEncoder();
    /** Interruptible, so a thread queued behind another's blocked send or receive can be interrupted. */
    private final transient EndLock sendLock = new EndLock("send");
    private final transient EndLock receiveLock = new EndLock("receive");
    private transient volatile Codec codec;
    private transient Object received;
    private final transient MessageHandler objectReceiver =
        (type, buffer, index, length) -> received = MessageEncoder.decode(type, buffer, index, length, codec);
    private final transient MessageHandler bytesReceiver =
        (type, buffer, index, length) -> received = ValueFormat.bytes(buffer, index, length);
    private final transient IntoReceiver intoReceiver = new IntoReceiver();
    private transient volatile boolean transferred;

    Connection(final MappedRegion region, final ShmContext context, final int end)
    {
        super(region);
        this.context = context;
        final int base = region.dataOffset();
        final UnsafeBuffer buffer = region.buffer();
        final boolean duplex = 0 != buffer.getInt(base + Pipe.DUPLEX_OFFSET);
        codec = SharedCodec.read(buffer, base + Pipe.CODEC_OFFSET, "pipe");
        final SpscRing ring0 = new SpscRing(buffer, base + Pipe.RING_OFFSET, context.processes());
        final SpscRing ring1 = duplex ?
            new SpscRing(buffer, base + Pipe.RING_OFFSET + buffer.getInt(base + Pipe.RING_LENGTH_OFFSET),
                context.processes()) : null;
        if (0 == end)
        {
            in = duplex ? ring1 : ring0;
            out = duplex ? ring0 : null;
        }
        else
        {
            in = duplex ? ring0 : null;
            out = duplex ? ring1 : ring0;
        }
        if (null != in)
        {
            in.takeReader();
        }
        if (null != out)
        {
            out.takeWriter();
        }
    }

    /**
     * Sends an object: a {@code String}, {@code byte[]}, {@code Integer}, {@code Long}, {@code Double},
     * {@code Boolean} or {@code null} as itself, anything else through this end's codec.
     *
     * @throws io.multiprocessing4j.codec.CodecException naming the class the codec cannot encode; nothing is sent.
     * @throws MessageTooLargeException if the message is longer than the pipe's limit; nothing is sent.
     * @throws BrokenPipeException      if the other end is gone.
     * @throws InterruptedException     if interrupted while the pipe is full; the message is not delivered.
     */
    public void send(final Object value) throws InterruptedException
    {
        sendLock.lockInterruptibly(context.idlePolicy());
        try
        {
            checkWritable();
            format.encode(value, codec);
            sendEncoded();
        }
        finally
        {
            sendLock.unlock();
        }
    }

    /**
     * Sends bytes as they are (Python's {@code send_bytes}); {@link #recvBytes()} returns them.
     */
    public void sendBytes(final byte[] bytes) throws InterruptedException
    {
        Objects.requireNonNull(bytes, "bytes");
        sendBytes(bytes, 0, bytes.length);
    }

    /**
     * Sends {@code bytes[offset, offset + length)}.
     *
     * @throws IndexOutOfBoundsException if the slice is not within {@code bytes}.
     */
    public void sendBytes(final byte[] bytes, final int offset, final int length) throws InterruptedException
    {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        sendLock.lockInterruptibly(context.idlePolicy());
        try
        {
            checkWritable();
            format.encodeBytes(bytes, offset, length);
            sendEncoded();
        }
        finally
        {
            sendLock.unlock();
        }
    }

    /**
     * Receives the next object, waiting as long as it takes.
     *
     * @throws EOFException if the other end is gone and everything it sent has been received.
     * @throws io.multiprocessing4j.codec.CodecException if the message names a class the codec may not decode
     *                                                   (the message is consumed).
     */
    public Object recv() throws EOFException, InterruptedException
    {
        receiveLock.lockInterruptibly(context.idlePolicy());
        try
        {
            receive(objectReceiver);
            final Object value = received;
            received = null;
            return value;
        }
        finally
        {
            receiveLock.unlock();
        }
    }

    /**
     * Receives the next message as bytes, whatever was sent (Python's {@code recv_bytes}).
     */
    public byte[] recvBytes() throws EOFException, InterruptedException
    {
        receiveLock.lockInterruptibly(context.idlePolicy());
        try
        {
            receive(bytesReceiver);
            final byte[] value = (byte[])received;
            received = null;
            return value;
        }
        finally
        {
            receiveLock.unlock();
        }
    }

    /**
     * Receives the next message as bytes into the start of {@code buffer} (Python's {@code recv_bytes_into}),
     * allocating nothing when it fits: a loop that reuses one buffer receives without garbage.
     *
     * @return the message's length in bytes.
     * @throws BufferTooShortException if the message is longer than {@code buffer}; the exception holds the whole
     *                                 message, so nothing is lost.
     */
    public int recvBytesInto(final byte[] buffer) throws EOFException, InterruptedException
    {
        return recvBytesInto(buffer, 0);
    }

    /**
     * Receives the next message as bytes into {@code buffer} from {@code offset}.
     *
     * @return the message's length in bytes.
     * @throws IndexOutOfBoundsException if {@code offset} is negative or past the end of {@code buffer}.
     * @throws BufferTooShortException   if the message is longer than the room from {@code offset}; the exception
     *                                   holds the whole message, so nothing is lost.
     */
    public int recvBytesInto(final byte[] buffer, final int offset) throws EOFException, InterruptedException
    {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkIndex(offset, buffer.length + 1);
        receiveLock.lockInterruptibly(context.idlePolicy());
        try
        {
            intoReceiver.target = buffer;
            intoReceiver.offset = offset;
            receive(intoReceiver);
            final int length = intoReceiver.length;
            final byte[] whole = (byte[])received;
            received = null;
            if (null != whole)
            {
                throw new BufferTooShortException(whole, buffer.length - offset);
            }
            return length;
        }
        finally
        {
            intoReceiver.target = null;
            receiveLock.unlock();
        }
    }

    /**
     * @return whether a message is waiting or the other end is gone, so that a receive would not block
     * (Python's {@code poll()}).
     */
    public boolean poll()
    {
        checkReadable();
        return in.hasMessage() || in.isWriterGone();
    }

    /**
     * Waits up to {@code timeout} for {@link #poll()} to become true (Python's {@code poll(timeout)}).
     */
    public boolean poll(final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        checkReadable();
        return in.awaitMessage(System.nanoTime() + Math.max(0, timeout.toNanos()), context.idlePolicy());
    }

    public boolean isReadable()
    {
        return null != in;
    }

    public boolean isWritable()
    {
        return null != out;
    }

    /**
     * Sets the codec for objects this end sends and receives (by default the pipe's: Apache Fory with the default
     * {@link io.multiprocessing4j.codec.ClassAllowList}, the creating code's package and the pipe's
     * {@code allowClasses}); both ends should use the same kind.
     */
    public void setCodec(final Codec codec)
    {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public String toString()
    {
        return getClass().getSimpleName() + "[" + (isReadable() ? "r" : "") + (isWritable() ? "w" : "") +
            (isClosed() ? ", closed]" : ", " + handle() + "]");
    }

    /**
     * Closes this end here. Unless this copy was sent to another process, or another process has taken the
     * end since, the other end sees the end of the stream once it has read what was sent.
     */
    protected void onClose()
    {
        if (transferred)
        {
            return;
        }
        if (null != out)
        {
            out.closeWriter();
        }
        if (null != in)
        {
            in.closeReader();
        }
    }

    protected void onTransfer()
    {
        transferred = true;
    }

    private void sendEncoded() throws InterruptedException
    {
        if (format.length() > out.maxMessage())
        {
            throw new MessageTooLargeException(format.length(), out.maxMessage());
        }
        if (RingStatus.PEER_GONE ==
            out.send(format.type(), format.buffer(), 0, format.length(), context.idlePolicy()))
        {
            throw new BrokenPipeException("the other end of " + this + " is closed or its process died");
        }
    }

    private void receive(final MessageHandler receiver) throws EOFException, InterruptedException
    {
        checkReadable();
        final RingStatus status = in.receive(receiver, Long.MAX_VALUE, context.idlePolicy());
        if (RingStatus.PEER_GONE == status)
        {
            throw new EOFException("the other end of " + this + " is closed or its process died");
        }
    }

    private void checkReadable()
    {
        checkOpen();
        if (null == in)
        {
            throw new IllegalStateException("this is the writing end of a one-way pipe: " + this);
        }
    }

    private void checkWritable()
    {
        checkOpen();
        if (null == out)
        {
            throw new IllegalStateException("this is the reading end of a one-way pipe: " + this);
        }
    }

    /**
     * Copies a message into the caller's array; one that does not fit is kept whole in {@code received}.
     */
    private final class IntoReceiver implements MessageHandler
    {
        private byte[] target;
        private int offset;
        private int length;

        public void onMessage(final int type, final DirectBuffer buffer, final int index, final int length)
        {
            this.length = length;
            if (length > target.length - offset)
            {
                received = ValueFormat.bytes(buffer, index, length);
                return;
            }
            buffer.getBytes(index, target, offset, length);
        }
    }

    /**
     * The first end of a {@link Pipe} (the reading end of a one-way pipe). Use it as a {@link Connection}.
     */
    public static final class First extends Connection
    {
        private static final long serialVersionUID = 1L;

        First(final MappedRegion region, final ShmContext context)
        {
            super(region, context, 0);
        }

        public static First attach(final SharedHandle handle)
        {
            final MappedRegion region = attachRegion(handle, RegionType.RING);
            return new First(region, AbstractSharedLock.contextOf(handle, region));
        }
    }

    /**
     * The second end of a {@link Pipe} (the writing end of a one-way pipe). Use it as a {@link Connection}.
     */
    public static final class Second extends Connection
    {
        private static final long serialVersionUID = 1L;

        Second(final MappedRegion region, final ShmContext context)
        {
            super(region, context, 1);
        }

        public static Second attach(final SharedHandle handle)
        {
            final MappedRegion region = attachRegion(handle, RegionType.RING);
            return new Second(region, AbstractSharedLock.contextOf(handle, region));
        }
    }
}

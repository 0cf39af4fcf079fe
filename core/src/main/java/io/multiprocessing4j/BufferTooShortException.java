package io.multiprocessing4j;

/**
 * A received message did not fit the caller's array (Python's {@code BufferTooShort}). The message was taken
 * from the channel and is here whole, in {@link #message()}, so nothing is lost.
 */
public class BufferTooShortException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    private final byte[] message;

    /**
     * @param message the whole message received.
     * @param room    the bytes the caller's array had from its offset.
     */
    public BufferTooShortException(final byte[] message, final int room)
    {
        super("a message of " + message.length + " bytes does not fit the " + room +
            " bytes left in the buffer; the whole message is in message()");
        this.message = message;
    }

    /**
     * @return the whole message (not a copy).
     */
    public byte[] message()
    {
        return message;
    }
}

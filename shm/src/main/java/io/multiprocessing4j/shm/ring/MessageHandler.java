package io.multiprocessing4j.shm.ring;

import org.agrona.DirectBuffer;

/**
 * Receives one message from a ring, as a view that is valid only during the call; except that a message
 * handed over in an on-heap buffer ({@code byteArray() != null}) is a fresh copy of exactly the message,
 * which the handler may keep.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param type   the type the writer gave, 1 to {@link SpscRing#MAX_TYPE}.
     * @param buffer holds the message from {@code index}; copy what you keep.
     * @param index  where the message starts.
     * @param length its length in bytes, possibly 0.
     */
    void onMessage(int type, DirectBuffer buffer, int index, int length);
}

package io.multiprocessing4j;

/**
 * A message is longer than its channel's limit; nothing was sent, and the channel is still usable.
 */
public class MessageTooLargeException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    public MessageTooLargeException(final long size, final long limit)
    {
        super("message of " + size + " bytes is longer than the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size()
    {
        return size;
    }

    public long limit()
    {
        return limit;
    }
}

package io.multiprocessing4j.codec;

import io.multiprocessing4j.MultiprocessingException;

/**
 * An object could not be encoded (not serializable, or its class is outside the allow-list) or bytes could
 * not be decoded (corrupt, truncated, or naming a class that is not allowed or not on this class path).
 */
public class CodecException extends MultiprocessingException
{
    private static final long serialVersionUID = 1L;

    public CodecException(final String message)
    {
        super(message);
    }

    public CodecException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

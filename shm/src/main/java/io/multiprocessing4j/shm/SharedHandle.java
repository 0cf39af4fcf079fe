package io.multiprocessing4j.shm;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How another JVM finds a shared object: the file, the object's type, and the offset of its data in
 * the file. Immutable; its {@link #toString()} form ({@code TYPE@offset:path}) is parsed by {@link #parse}.
 */
public record SharedHandle(RegionType type, int offset, String path) implements Serializable
{
    public SharedHandle
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        if (offset < 0)
        {
            throw new IllegalArgumentException("offset must be >= 0: offset=" + offset);
        }
    }

    public Path file()
    {
        return Path.of(path);
    }

    public String toString()
    {
        return type.name() + "@" + offset + ":" + path;
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a handle's string form.
     */
    public static SharedHandle parse(final String text)
    {
        Objects.requireNonNull(text, "text");
        final int at = text.indexOf('@');
        final int colon = text.indexOf(':', Math.max(at, 0));
        if (at <= 0 || colon <= at + 1)
        {
            throw new IllegalArgumentException("not a shared handle (TYPE@offset:path): " + text);
        }
        try
        {
            return new SharedHandle(
                RegionType.valueOf(text.substring(0, at)),
                Integer.parseInt(text.substring(at + 1, colon)),
                text.substring(colon + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not a shared handle (TYPE@offset:path): " + text, ex);
        }
    }
}

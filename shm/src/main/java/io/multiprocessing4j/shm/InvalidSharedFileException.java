package io.multiprocessing4j.shm;

import java.nio.file.Path;

/**
 * A shared file cannot be attached: it is missing, a link, foreign, truncated, corrupt, of another
 * type or layout, or was never finished. Names the path, the field that failed, what was expected
 * and what was found.
 */
public class InvalidSharedFileException extends ShmException
{
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String field;
    private final String expected;
    private final String found;

    public InvalidSharedFileException(final Path path, final String field, final Object expected, final Object found)
    {
        this(path, field, expected, found, null);
    }

    public InvalidSharedFileException(
        final Path path, final String field, final Object expected, final Object found, final Throwable cause)
    {
        super("cannot attach " + path + ": " + field + " is " + found + ", expected " + expected, cause);
        this.path = String.valueOf(path);
        this.field = field;
        this.expected = String.valueOf(expected);
        this.found = String.valueOf(found);
    }

    public String path()
    {
        return path;
    }

    public String field()
    {
        return field;
    }

    public String expected()
    {
        return expected;
    }

    public String found()
    {
        return found;
    }
}

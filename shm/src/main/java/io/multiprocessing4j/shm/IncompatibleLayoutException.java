package io.multiprocessing4j.shm;

import java.nio.file.Path;

/**
 * A shared file was written with a layout major version this build cannot read.
 */
public final class IncompatibleLayoutException extends InvalidSharedFileException
{
    private static final long serialVersionUID = 1L;

    IncompatibleLayoutException(final Path path, final int expectedMajor, final int foundMajor, final int foundMinor)
    {
        super(path, "layout version", expectedMajor + ".x", foundMajor + "." + foundMinor);
    }
}

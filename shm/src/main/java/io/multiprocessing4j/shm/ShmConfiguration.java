package io.multiprocessing4j.shm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * System properties that configure the shared-memory layer, with their defaults.
 */
public final class ShmConfiguration
{
    /**
     * Directory in which contexts create their private directories.
     */
    public static final String DIR_PROP_NAME = "mp4j.dir";

    /**
     * How long attaching waits for a region whose live creator has not yet marked it READY.
     */
    public static final String ATTACH_TIMEOUT_PROP_NAME = "mp4j.attach.timeout.ms";
    public static final long ATTACH_TIMEOUT_DEFAULT_MS = 5_000;

    /**
     * A context's default {@link IdlePolicy}, in the form {@link IdlePolicy#parse} accepts.
     */
    public static final String IDLE_PROP_NAME = "mp4j.idle";

    /**
     * Prefix of every context directory's name: {@code mp4j-<ownerPid>-<128 random bits in hex>}.
     */
    public static final String CONTEXT_DIR_PREFIX = "mp4j-";

    private ShmConfiguration()
    {
    }

    /**
     * @return {@code -Dmp4j.dir} if set, else {@code /dev/shm} where it is a writable directory,
     * else {@code $XDG_RUNTIME_DIR}, else {@code java.io.tmpdir}.
     */
    public static Path baseDirectory()
    {
        final String configured = System.getProperty(DIR_PROP_NAME);
        if (null != configured && !configured.isBlank())
        {
            return Path.of(configured);
        }
        final Path devShm = Path.of("/dev/shm");
        if (Files.isDirectory(devShm) && Files.isWritable(devShm))
        {
            return devShm;
        }
        final String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (null != runtimeDir && Files.isDirectory(Path.of(runtimeDir)))
        {
            return Path.of(runtimeDir);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public static long attachTimeoutMs()
    {
        return Long.getLong(ATTACH_TIMEOUT_PROP_NAME, ATTACH_TIMEOUT_DEFAULT_MS);
    }
}

package io.multiprocessing4j.shm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options every JVM that uses multiprocessing4j needs, read from the one file that defines
 * them ({@code jvm-flags.properties} beside this class, which the build also reads for Surefire and
 * jar manifests), and the check that the running JVM has them. The file names the class path's form
 * ({@code =ALL-UNNAMED}); on the module path, where Agrona is the module {@code org.agrona}, the export names that
 * module instead. Thread-safe.
 */
public final class JvmFlags
{
    /**
     * Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}; this package must be exported to it.
     */
    static final String AGRONA_INTERNAL_PACKAGE = "jdk.internal.misc";

    private static final String UNNAMED_TARGET = "=ALL-UNNAMED";
    private static final List<String> REQUIRED;
    private static final String MANIFEST_ADD_EXPORTS;
    private static volatile boolean agronaAccessChecked;

    static
    {
        final Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream("jvm-flags.properties"))
        {
            if (null == in)
            {
                throw new IllegalStateException("jvm-flags.properties missing from the multiprocessing4j-shm jar");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Module agrona = agronaModule();
        final String flags = properties.getProperty("mp4j.jvm.flags").trim();
        REQUIRED = List.copyOf(Arrays.asList((null != agrona && agrona.isNamed() ?
            flags.replace(UNNAMED_TARGET, "=" + agrona.getName()) : flags).split("\\s+")));
        MANIFEST_ADD_EXPORTS = properties.getProperty("mp4j.manifest.add-exports").trim();
    }

    private JvmFlags()
    {
    }

    /**
     * @return the JVM options this JVM and a child JVM must be started with, one command-line token each.
     */
    public static List<String> required()
    {
        return REQUIRED;
    }

    /**
     * @return the value for a runnable jar's {@code Add-Exports} manifest attribute.
     */
    public static String manifestAddExports()
    {
        return MANIFEST_ADD_EXPORTS;
    }

    /**
     * Fail with a {@link MissingJvmFlagException} naming the option if this JVM cannot run Agrona,
     * instead of the {@code NoClassDefFoundError} Agrona would throw from deep inside.
     */
    public static void ensureAgronaAccess()
    {
        if (agronaAccessChecked)
        {
            return;
        }
        final Module agrona = agronaModule();
        if (null == agrona)
        {
            throw new IllegalStateException("Agrona (org.agrona:agrona) is not on the class path");
        }
        if (!Object.class.getModule().isExported(AGRONA_INTERNAL_PACKAGE, agrona))
        {
            throw new MissingJvmFlagException(String.join(" ", REQUIRED), MANIFEST_ADD_EXPORTS);
        }
        agronaAccessChecked = true;
    }

    private static Module agronaModule()
    {
        try
        {
            return Class.forName("org.agrona.UnsafeApi", false, JvmFlags.class.getClassLoader()).getModule();
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
    }
}

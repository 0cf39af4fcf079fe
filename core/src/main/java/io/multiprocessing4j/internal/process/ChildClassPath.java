package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.shm.ShmContext;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A child JVM's class path: this JVM's {@code java.class.path}, then whatever it lacks of what the code starting the
 * child can load: the URLs of the class loaders between that code's loader and the system one (how
 * {@code mvn exec:java}, IDE runners and test runners with isolated loaders load a program), and where this library
 * and its dependencies were loaded from. A child started from a program whose class path is a launcher's own (Maven
 * runs with {@code plexus-classworlds.jar} on it) then still finds {@code ChildMain} and the program's classes.
 * Thread-safe; the last answer is kept for the same loader.
 */
final class ChildClassPath
{
    private static final Class<?>[] LIBRARY = {ChildClassPath.class, ShmContext.class, org.agrona.DirectBuffer.class,
        org.slf4j.LoggerFactory.class};

    private static volatile Cached last;

    private ChildClassPath()
    {
    }

    /**
     * @param loader the loader of the code starting the child (its thread's context class loader), or null.
     */
    static String of(final ClassLoader loader)
    {
        final Cached cached = last;
        if (null != cached && cached.loader == loader)
        {
            return cached.classPath;
        }
        final String base = System.getProperty("java.class.path", "");
        final Set<Path> present = new LinkedHashSet<>();
        for (final String entry : base.split(File.pathSeparator))
        {
            if (!entry.isEmpty())
            {
                present.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        final StringBuilder classPath = new StringBuilder(base);
        for (ClassLoader each = loader; null != each && each != ClassLoader.getSystemClassLoader() &&
            each != ClassLoader.getPlatformClassLoader(); each = each.getParent())
        {
            if (each instanceof URLClassLoader)
            {
                for (final URL url : ((URLClassLoader)each).getURLs())
                {
                    add(url, present, classPath);
                }
            }
        }
        for (final Class<?> type : LIBRARY)
        {
            final CodeSource source = type.getProtectionDomain().getCodeSource();
            if (null != source)
            {
                add(source.getLocation(), present, classPath);
            }
        }
        final String answer = classPath.toString();
        last = new Cached(loader, answer);
        return answer;
    }

    private static void add(final URL url, final Set<Path> present, final StringBuilder classPath)
    {
        if (null == url || !"file".equals(url.getProtocol()))
        {
            return;
        }
        try
        {
            final Path path = Path.of(url.toURI()).toAbsolutePath().normalize();
            if (present.add(path))
            {
                if (classPath.length() > 0)
                {
                    classPath.append(File.pathSeparatorChar);
                }
                classPath.append(path);
            }
        }
        catch (final URISyntaxException | IllegalArgumentException ignore)
        {
            // not a file the child could read
        }
    }

    private record Cached(ClassLoader loader, String classPath)
    {
    }
}

package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.shm.ShmContext;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a child JVM finds its classes, worked out from where this JVM actually loaded them.
 * <ul>
 *     <li>Its class path: this JVM's {@code java.class.path}, then whatever it lacks of what the code starting the
 *     child can load: the URLs of the class loaders between that code's loader and the system one (how
 *     {@code mvn exec:java}, IDE runners and test runners with isolated loaders load a program), and where this
 *     library and its dependencies were loaded from. A child started from a program whose class path is a
 *     launcher's own (Maven runs with {@code plexus-classworlds.jar} on it) then still finds {@code ChildMain} and
 *     the program's classes.</li>
 *     <li>Its module path, when this library runs as a named module: the file of every module resolved in this
 *     library's layer and its parents (not the JDK's own), all added to the child's module graph, with
 *     {@code ChildMain} run from this library's module.</li>
 * </ul>
 * Immutable; {@link #of} is thread-safe and keeps the last answer for the same loader.
 */
final class ChildClassPath
{
    private static final Class<?>[] LIBRARY = {ChildClassPath.class, ShmContext.class, org.agrona.DirectBuffer.class,
        org.slf4j.LoggerFactory.class};

    private static volatile Cached last;

    private final String classPath;
    private final String modulePath;
    private final List<String> modules;

    private ChildClassPath(final String classPath, final String modulePath, final List<String> modules)
    {
        this.classPath = classPath;
        this.modulePath = modulePath;
        this.modules = modules;
    }

    /**
     * @param loader the loader of the code starting the child (its thread's context class loader), or null.
     */
    static ChildClassPath of(final ClassLoader loader)
    {
        final Cached cached = last;
        if (null != cached && cached.loader == loader)
        {
            return cached.paths;
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
        final Module library = ChildClassPath.class.getModule();
        final Map<String, Path> modules = new LinkedHashMap<>();
        if (library.isNamed())
        {
            addModules(library.getLayer(), modules);
        }
        else
        {
            for (final Class<?> type : LIBRARY)
            {
                final CodeSource source = type.getProtectionDomain().getCodeSource();
                if (null != source)
                {
                    add(source.getLocation(), present, classPath);
                }
            }
        }
        final StringBuilder modulePath = new StringBuilder();
        for (final Path path : new LinkedHashSet<>(modules.values()))
        {
            modulePath.append(modulePath.length() > 0 ? File.pathSeparator : "").append(path);
        }
        final ChildClassPath answer = new ChildClassPath(
            classPath.toString(), modulePath.toString(), List.copyOf(modules.keySet()));
        last = new Cached(loader, answer);
        return answer;
    }

    /**
     * @return the command-line tokens that give the child its class path (and module path) and run
     * {@code mainClass} of this library.
     */
    List<String> launch(final String mainClass)
    {
        final List<String> launch = new ArrayList<>();
        if (!modulePath.isEmpty())
        {
            launch.addAll(List.of("-p", modulePath, "--add-modules", String.join(",", modules)));
        }
        if (!classPath.isEmpty() || modulePath.isEmpty())
        {
            launch.addAll(List.of("-cp", classPath));
        }
        if (modulePath.isEmpty())
        {
            launch.add(mainClass);
        }
        else
        {
            launch.addAll(List.of("-m", ChildClassPath.class.getModule().getName() + "/" + mainClass));
        }
        return launch;
    }

    /**
     * @return the class path, if the child has no module path (the child's classes can then be archived).
     */
    String classPathAlone()
    {
        return modulePath.isEmpty() ? classPath : null;
    }

    /**
     * @return the class path and module path, as a message names them.
     */
    String describe()
    {
        return "class path [" + classPath + "]" + (modulePath.isEmpty() ? "" : ", module path [" + modulePath + "]");
    }

    private static void addModules(final ModuleLayer layer, final Map<String, Path> modules)
    {
        if (null == layer)
        {
            return;
        }
        for (final ModuleLayer parent : layer.parents())
        {
            addModules(parent, modules);
        }
        for (final ResolvedModule module : layer.configuration().modules())
        {
            final URI location = module.reference().location().orElse(null);
            if (null != location && "file".equals(location.getScheme()))
            {
                modules.putIfAbsent(module.name(), Path.of(location));
            }
        }
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

    private record Cached(ClassLoader loader, ChildClassPath paths)
    {
    }
}

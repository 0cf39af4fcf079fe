package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.MissingClassException;

import java.io.File;

/**
 * Turns a class-loading failure in a child JVM into an exception that says which class, the class path (and module
 * path) this JVM was given, and what to do, for the parent to report. Stateless.
 */
public final class MissingClasses
{
    private static final int MAX_PATH_CHARS = 2_000;

    private MissingClasses()
    {
    }

    /**
     * @return {@code failure} itself, or, if it was caused by a class this JVM cannot find, a
     * {@link MissingClassException} caused by it.
     */
    public static RuntimeException explain(final RuntimeException failure)
    {
        final String missing = missingClass(failure);
        return null == missing ? failure : explained(missing, failure);
    }

    /**
     * As {@link #explain(RuntimeException)}, for any throwable.
     */
    public static Throwable explain(final Throwable failure)
    {
        final String missing = missingClass(failure);
        return null == missing ? failure : explained(missing, failure);
    }

    private static MissingClassException explained(final String missing, final Throwable failure)
    {
        final String modulePath = System.getProperty("jdk.module.path", "");
        return new MissingClassException("class " + missing + " cannot be found in child JVM " +
            ProcessHandle.current().pid() + ", whose class path is [" + shortened(System.getProperty(
            "java.class.path", "")) + "]" + (modulePath.isEmpty() ? "" : " and module path [" + shortened(modulePath) +
            "]") + ". A child JVM gets its parent's class path, the jars and directories of the class loaders that " +
            "loaded the code starting it, and this library's; " + missing + " was loaded in the parent from " +
            "somewhere a child cannot read (a class loader without jar or directory URLs, a jar nested in a jar, a " +
            "generated class), or the child runs another build. Put the jar or directory that holds it on the " +
            "parent's class path (java -cp ...).", failure);
    }

    private static String missingClass(final Throwable failure)
    {
        for (Throwable cause = failure; null != cause; cause = cause.getCause())
        {
            if (cause instanceof MissingClassException)
            {
                return null;
            }
            if (cause instanceof ClassNotFoundException ||
                (cause instanceof NoClassDefFoundError && null != cause.getMessage() &&
                !cause.getMessage().startsWith("Could not initialize")))
            {
                return String.valueOf(cause.getMessage()).replace('/', '.');
            }
            if (cause.getCause() == cause)
            {
                break;
            }
        }
        return null;
    }

    private static String shortened(final String path)
    {
        return path.length() <= MAX_PATH_CHARS ? path : path.substring(0, MAX_PATH_CHARS) + "... (" +
            path.split(File.pathSeparator).length + " entries)";
    }
}

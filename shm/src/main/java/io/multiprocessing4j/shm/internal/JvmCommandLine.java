package io.multiprocessing4j.shm.internal;

import io.multiprocessing4j.shm.JvmFlags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command that starts a child JVM like this one: the same {@code java} binary and (unless told otherwise)
 * class path, the options multiprocessing4j needs ({@link JvmFlags}), this JVM's {@code mp4j.*} system properties, then
 * the caller's options, main class and arguments. Stateless.
 */
public final class JvmCommandLine
{
    private JvmCommandLine()
    {
    }

    public static Path javaBinary()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static List<String> of(final List<String> jvmOptions, final String mainClass, final List<String> args)
    {
        return of(jvmOptions, System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * @param classPath the child's class path.
     */
    public static List<String> of(final List<String> jvmOptions, final String classPath, final String mainClass,
        final List<String> args)
    {
        Objects.requireNonNull(mainClass, "mainClass");
        return of(jvmOptions, List.of("-cp", classPath, mainClass), args);
    }

    /**
     * @param launch what names the child's classes and main class: {@code -cp PATH MAIN}, or a module path,
     *               modules and {@code -m MODULE/MAIN}.
     */
    public static List<String> of(final List<String> jvmOptions, final List<String> launch, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.addAll(JvmFlags.required());
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith("mp4j."))
            {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.addAll(jvmOptions);
        command.addAll(launch);
        command.addAll(args);
        return command;
    }
}

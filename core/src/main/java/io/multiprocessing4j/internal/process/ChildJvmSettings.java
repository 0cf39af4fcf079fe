package io.multiprocessing4j.internal.process;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How child JVMs of one context are launched.
 *
 * @param jvmOptions   options after the inherited ones.
 * @param output       where the child's stdout goes; {@code null} inherits this JVM's.
 * @param error        where the child's stderr goes; {@code null} copies it to this JVM's {@code System.err}.
 * @param startTimeout how long a child may take to start and say hello.
 * @param executable   the {@code java} to run; {@code null} for this JVM's own.
 */
public record ChildJvmSettings(
    List<String> jvmOptions, Redirect output, Redirect error, Duration startTimeout, Path executable)
{
    public ChildJvmSettings
    {
        jvmOptions = List.copyOf(jvmOptions);
    }
}

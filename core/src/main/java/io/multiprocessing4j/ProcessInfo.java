package io.multiprocessing4j;

/**
 * Who a process is: what {@link Multiprocessing#currentProcess()} and {@link Multiprocessing#parentProcess()}
 * return. {@code name} is {@code MainProcess} for the JVM the user started, {@code Process-N} (or the
 * name given) for a child, {@code Process-N:M} for a child's child.
 *
 * @param name the process name.
 * @param pid  the operating-system process id (for a {@link StartMethod#THREAD} process, this JVM's).
 */
public record ProcessInfo(String name, long pid)
{
}

package io.multiprocessing4j.function;

import java.io.Serializable;

/**
 * What a process runs: a lambda or method reference typed as this interface is serializable, with the
 * values it captures, and may throw, as a Python target may raise; what it throws ends the process with
 * exit code 1 and reaches the parent through {@code JvmProcess.exception()}. The other JVM must run the same
 * build of the classes.
 */
@FunctionalInterface
public interface ProcessTarget extends Serializable
{
    void run() throws Exception;
}

package io.multiprocessing4j;

import java.util.Locale;

/**
 * How a {@link JvmProcess} gets a JVM to run in, chosen per {@link ProcessContext}.
 */
public enum StartMethod
{
    /**
     * A fresh JVM per process: the same {@code java} binary and class path, the library's required flags,
     * this JVM's {@code -D} and memory options and the context's JVM options. Python's {@code spawn}.
     */
    SPAWN,

    /**
     * JVMs started ahead of need and parked on the context, so that {@code start()} hands the target to a
     * JVM that is already running; used JVMs are replaced in the background. Each process still gets a
     * JVM of its own that exits when its target returns. The JVM's answer to Python's {@code forkserver}.
     */
    WARM,

    /**
     * A thread of this JVM with the same API, for debugging and as Python's {@code multiprocessing.dummy}:
     * nothing is serialized, {@code terminate()} and {@code kill()} only interrupt.
     */
    THREAD;

    /**
     * @param name {@code spawn}, {@code warm} (or Python's {@code forkserver}), or {@code thread}.
     * @return the start method.
     * @throws IllegalArgumentException for {@code fork}, which cannot exist on the JVM, and unknown names.
     */
    public static StartMethod of(final String name)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "spawn": return SPAWN;
            case "warm":
            case "forkserver": return WARM;
            case "thread":
            case "dummy": return THREAD;
            case "fork":
                throw new IllegalArgumentException("start method 'fork' cannot exist on the JVM (a JVM cannot " +
                    "be forked); use WARM for JVMs started ahead of need, which is what fork is used for");
            default:
                throw new IllegalArgumentException("unknown start method '" + name + "'; use spawn, warm or thread");
        }
    }
}

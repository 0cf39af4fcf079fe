package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;

import java.util.List;
import java.util.Optional;

/**
 * The package of the user's code that is creating a queue or a pool: its classes are evidently meant to travel
 * through it, so they are allowed without an allow-list entry. Stateless.
 */
final class CallerPackage
{
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String LIBRARY = "io.multiprocessing4j.";

    private CallerPackage()
    {
    }

    /**
     * @return {@code allowList} with the package of the first caller outside this library and the JDK, if any.
     */
    static ClassAllowList widen(final ClassAllowList allowList)
    {
        return caller().map(allowList::withPackageOf).orElse(allowList);
    }

    /**
     * @return the allow-list prefix of the first caller outside this library and the JDK, if any.
     */
    static Optional<String> prefix()
    {
        return caller().map(type -> ClassAllowList.of(List.of()).withPackageOf(type).prefixes().get(0));
    }

    /**
     * @return the first class on this thread's stack outside this library and the JDK.
     */
    static Optional<Class<?>> caller()
    {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(type -> !type.getName().startsWith(LIBRARY) && !type.getName().startsWith("java.") &&
                !type.getName().startsWith("jdk.") && !type.getName().startsWith("sun."))
            .findFirst());
    }
}

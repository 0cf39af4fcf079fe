package io.multiprocessing4j.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes a {@link Codec} may decode, as name prefixes: a prefix ending in {@code .} or {@code $} allows
 * a package or nested classes, any other prefix one class and its nested and lambda classes. Arrays are
 * allowed when their element type is; primitives always. Immutable and thread-safe.
 * <p>
 * {@link #defaults()} allows the JDK's value and collection packages and multiprocessing4j; a process
 * adds the package of its target's class; users add their own with {@link #with(String...)} or the
 * system property {@code mp4j.codec.allow} (comma-separated prefixes).
 */
public final class ClassAllowList
{
    public static final String ALLOW_PROPERTY = "mp4j.codec.allow";

    private static final List<String> DEFAULT_PREFIXES = List.of(
        "java.lang.", "java.util.", "java.math.", "java.time.",
        "io.multiprocessing4j.");

    private final List<String> prefixes;

    private ClassAllowList(final Set<String> prefixes)
    {
        this.prefixes = Collections.unmodifiableList(new ArrayList<>(prefixes));
    }

    /**
     * @return the default list plus the prefixes named by {@value #ALLOW_PROPERTY}.
     */
    public static ClassAllowList defaults()
    {
        final Set<String> prefixes = new LinkedHashSet<>(DEFAULT_PREFIXES);
        final String extra = System.getProperty(ALLOW_PROPERTY, "");
        for (final String prefix : extra.split(","))
        {
            if (!prefix.isBlank())
            {
                prefixes.add(prefix.trim());
            }
        }
        return new ClassAllowList(prefixes);
    }

    /**
     * @param prefixes exactly these prefixes, nothing else.
     * @return the list.
     */
    public static ClassAllowList of(final List<String> prefixes)
    {
        for (final String prefix : prefixes)
        {
            requireValid(prefix);
        }
        return new ClassAllowList(new LinkedHashSet<>(prefixes));
    }

    /**
     * @param morePrefixes package ({@code com.example.}) or class ({@code com.example.Task}) prefixes.
     * @return a list allowing these as well.
     */
    public ClassAllowList with(final String... morePrefixes)
    {
        final Set<String> all = new LinkedHashSet<>(prefixes);
        for (final String prefix : morePrefixes)
        {
            all.add(requireValid(prefix));
        }
        return all.size() == prefixes.size() ? this : new ClassAllowList(all);
    }

    /**
     * @param type a class whose package (or, for a class in the unnamed package, the class itself) to allow.
     * @return a list allowing it as well.
     */
    public ClassAllowList withPackageOf(final Class<?> type)
    {
        final String pkg = type.getPackageName();
        if (!pkg.isEmpty())
        {
            return with(pkg + ".");
        }
        final String binaryName = type.getName();
        final int nested = binaryName.indexOf('$');
        return with(nested > 0 ? binaryName.substring(0, nested) : binaryName);
    }

    public List<String> prefixes()
    {
        return prefixes;
    }

    /**
     * @param className a binary class name or an array descriptor such as {@code [Ljava.lang.String;}.
     * @return whether a codec may decode instances of it.
     */
    public boolean allows(final String className)
    {
        String name = className;
        int dims = 0;
        while (dims < name.length() && '[' == name.charAt(dims))
        {
            dims++;
        }
        if (dims > 0)
        {
            name = name.substring(dims);
            if (1 == name.length())
            {
                return true;
            }
            if (name.startsWith("L") && name.endsWith(";"))
            {
                name = name.substring(1, name.length() - 1);
            }
        }
        if (isPrimitive(name))
        {
            return true;
        }
        for (final String prefix : prefixes)
        {
            if (name.startsWith(prefix) && (prefix.endsWith(".") || prefix.endsWith("$") ||
                name.length() == prefix.length() || '$' == name.charAt(prefix.length())))
            {
                return true;
            }
        }
        return false;
    }

    public String toString()
    {
        return "ClassAllowList" + prefixes;
    }

    private static boolean isPrimitive(final String name)
    {
        return Arrays.asList("int", "long", "double", "float", "short", "byte", "char", "boolean", "void")
            .contains(name);
    }

    private static String requireValid(final String prefix)
    {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.contains(",") || prefix.contains("/"))
        {
            throw new IllegalArgumentException("not a class name prefix: '" + prefix + "'");
        }
        return prefix;
    }
}

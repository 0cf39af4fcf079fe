package io.multiprocessing4j;

import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.function.ProcessTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class the parent loaded from somewhere no child can read (here: compiled by the test and defined from bytes by a
 * class loader with no URLs) is reported as a {@link MissingClassException} naming the class, the child's class path
 * and the fix: for a process target, as the process's exception; for a pool function, as the task's failure.
 */
final class MissingClassTest
{
    @Test
    void aProcessTargetWhoseClassTheChildCannotFindNamesItAndTheClassPath(@TempDir final Path sources)
        throws Exception
    {
        final Class<?> type = compileAndDefine(sources, "generated.GoneTarget",
            "public class GoneTarget implements io.multiprocessing4j.function.ProcessTarget {\n" +
            "    public void run() { }\n" +
            "}\n");
        final JvmProcess process = new JvmProcess((ProcessTarget)type.getConstructor().newInstance()).start();
        assertTrue(process.join(Duration.ofSeconds(60)), "the child ended");
        assertEquals(1, process.exitCode().orElse(-1));
        final Throwable failure = process.exception().orElse(null);
        assertNotNull(failure, "the child's exception");
        assertMissing(failure, "generated.GoneTarget");
    }

    @Test
    void aPoolFunctionWhoseClassTheChildCannotFindFailsItsTasksNamingIt(@TempDir final Path sources) throws Exception
    {
        final Class<?> type = compileAndDefine(sources, "generated.GoneFunction",
            "public class GoneFunction implements io.multiprocessing4j.function.PoolFunction<Integer, Integer> {\n" +
            "    public Integer apply(Integer x) { return x + 1; }\n" +
            "}\n");
        @SuppressWarnings("unchecked")
        final PoolFunction<Integer, Integer> function =
            (PoolFunction<Integer, Integer>)type.getConstructor().newInstance();
        try (Pool pool = Pool.create(1))
        {
            final ExecutionException failed = assertThrows(ExecutionException.class,
                () -> pool.mapAsync(function, List.of(1, 2)).get(Duration.ofSeconds(60)));
            assertMissing(failed.getCause(), "generated.GoneFunction");
            assertEquals(Integer.valueOf(4), pool.apply(MissingClassTest::square, 2), "the pool goes on working");
        }
    }

    static Integer square(final Integer x)
    {
        return x * x;
    }

    private static void assertMissing(final Throwable failure, final String className)
    {
        final String message = failure.getMessage();
        assertInstanceOf(MissingClassException.class, failure, message);
        assertTrue(message.contains("class " + className + " cannot be found in child JVM"), message);
        final String classPath = System.getProperty("java.class.path");
        assertTrue(message.contains("class path is [" + classPath.substring(0, Math.min(200, classPath.length()))),
            message);
        assertTrue(message.contains("Put the jar or directory that holds it on the parent's class path"), message);
    }

    /**
     * Compiles one class of package {@code generated} into a directory and defines it from its bytes with a loader
     * that has no URLs, so that nothing tells a child JVM where it came from.
     */
    private static Class<?> compileAndDefine(final Path directory, final String className, final String body)
        throws IOException, ClassNotFoundException
    {
        final String simpleName = className.substring(className.lastIndexOf('.') + 1);
        final Path source = directory.resolve(simpleName + ".java");
        Files.writeString(source, "package generated;\n" + body);
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "-d", directory.toString(), "-cp",
            System.getProperty("java.class.path"), source.toString()), "javac");
        final byte[] bytes = Files.readAllBytes(directory.resolve("generated").resolve(simpleName + ".class"));
        final ClassLoader loader = new ClassLoader(MissingClassTest.class.getClassLoader())
        {
            @Override
            protected Class<?> findClass(final String name) throws ClassNotFoundException
            {
                if (!className.equals(name))
                {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return loader.loadClass(className);
    }
}

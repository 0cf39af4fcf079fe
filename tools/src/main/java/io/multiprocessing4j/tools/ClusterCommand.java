package io.multiprocessing4j.tools;

import io.multiprocessing4j.shm.JvmFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;

/**
 * {@code mp cluster member}: runs a cluster member ({@code io.multiprocessing4j.cluster.ClusterMember}) in a JVM of
 * its own, with the application's class path, in the foreground until it is stopped.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Run the members of a cluster that ClusterPool.connect sends work to.",
    subcommands = ClusterCommand.Member.class)
final class ClusterCommand
{
    static final String MEMBER_CLASS = "io.multiprocessing4j.cluster.ClusterMember";

    /**
     * {@code mp cluster member}.
     */
    @Command(name = "member", mixinStandardHelpOptions = true,
        description = "Start a cluster member with the application's class path (every member runs the same build) "
            + "and wait for it; it runs pool chunks only for drivers holding the same cluster name and key.")
    static final class Member implements Callable<Integer>
    {
        @Option(names = {"--classpath", "-cp"}, description = "The application's class path, with "
            + "multiprocessing4j-cluster and Hazelcast on it (default: $CLASSPATH).")
        String classPath = System.getenv("CLASSPATH");

        @Option(names = "--cluster", required = true, description = "The cluster's name.")
        String cluster;

        @Option(names = "--key-file", required = true, description = "The file holding the cluster's shared key "
            + "(at least 16 random bytes: head -c 32 /dev/urandom > cluster.key).")
        Path keyFile;

        @Option(names = "--port", description = "The port to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "5701")
        int port;

        @Option(names = "--join", split = ",", paramLabel = "HOST:PORT", description = "Members to join.")
        List<String> join = new ArrayList<>();

        @Option(names = "--bind", description = "The interface to bind (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
        String bind;

        @Option(names = "--name", description = "The member's name in Hazelcast's logs.")
        String name;

        @Option(names = "--threads", description = "Threads that run chunks (default: one per core).")
        Integer threads;

        @Option(names = "--isolated", description = "Run chunks in a local pool of child JVMs, so that a chunk that "
            + "crashes its JVM fails alone and the member lives on.")
        boolean isolated;

        @Option(names = "--allow", split = ",", paramLabel = "PREFIX",
            description = "Class-name prefixes that arguments and results may have besides the defaults.")
        List<String> allow = new ArrayList<>();

        @Option(names = "--jvm-option", paramLabel = "OPTION", description = "An option for the member's JVM "
            + "(repeat it), e.g. -Xmx4g, or the --add-opens Hazelcast recommends.")
        List<String> jvmOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception
        {
            return start().waitFor();
        }

        /**
         * @return the member's JVM, started with this one's standard streams.
         * @throws IllegalArgumentException if the class path lacks the cluster module.
         */
        Process start() throws IOException
        {
            if (null == classPath || !hasMemberClass(classPath))
            {
                throw new IllegalArgumentException("the class path " + (null == classPath ? "(none: give --classpath " +
                    "or set CLASSPATH) " : "[" + classPath + "] ") + "has no " + MEMBER_CLASS + ": put the " +
                    "application's jars on it, with multiprocessing4j-cluster and Hazelcast");
            }
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JvmFlags.required());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath, MEMBER_CLASS, "--cluster", cluster, "--key-file",
                keyFile.toString(), "--port", "" + port, "--bind", bind));
            if (!join.isEmpty())
            {
                command.addAll(List.of("--join", String.join(",", join)));
            }
            if (null != name)
            {
                command.addAll(List.of("--name", name));
            }
            if (null != threads)
            {
                command.addAll(List.of("--threads", "" + threads));
            }
            if (isolated)
            {
                command.add("--isolated");
            }
            if (!allow.isEmpty())
            {
                command.addAll(List.of("--allow", String.join(",", allow)));
            }
            return new ProcessBuilder(command).inheritIO().start();
        }
    }

    /**
     * @return whether a directory or jar of {@code classPath} holds the member's class.
     */
    static boolean hasMemberClass(final String classPath)
    {
        final String entry = MEMBER_CLASS.replace('.', '/') + ".class";
        for (final String element : classPath.split(File.pathSeparator))
        {
            final Path path = Path.of(element.isEmpty() ? "." : element);
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(entry)))
            {
                return true;
            }
            if (Files.isRegularFile(path))
            {
                try (ZipFile jar = new ZipFile(path.toFile()))
                {
                    if (null != jar.getEntry(entry))
                    {
                        return true;
                    }
                }
                catch (final IOException ex)
                {
                    // not a jar: look on
                }
            }
        }
        return false;
    }
}

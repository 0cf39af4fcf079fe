package io.multiprocessing4j.internal.process;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of this JVM that a child JVM should share: system properties, heap and stack sizes,
 * assertions, module opens and exports, garbage-collector and other {@code -XX} settings; plus
 * {@code -XX:-UsePerfData}, which makes short-lived children cheaper to start and end. Debugger agents,
 * Java agents, class-data archive and flight-recording options are not passed on (a second JVM would
 * fight over their ports and files). Stateless; computed once.
 */
final class InheritedJvmOptions
{
    private static final List<String> NOT_INHERITED = List.of(
        "-agentlib", "-agentpath", "-javaagent", "-Xdebug", "-Xrunjdwp", "-XX:ArchiveClassesAtExit",
        "-XX:SharedArchiveFile", "-XX:+AutoCreateSharedArchive", "-XX:StartFlightRecording", "-XX:Flags",
        "-XX:VMOptionsFile", "-Dmp4j.", "-Djava.class.path", "-Dsun.java.command", "-Djdk.module");

    private static final List<String> OPTIONS = compute();

    private InheritedJvmOptions()
    {
    }

    static List<String> get()
    {
        return OPTIONS;
    }

    private static List<String> compute()
    {
        final List<String> options = new ArrayList<>();
        for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (inherited(option))
            {
                options.add(option);
            }
        }
        // Children need no jstat/jps performance-data file; creating and deleting it costs each short-lived
        // JVM a millisecond or two (a user's own -XX:+UsePerfData in the context's options still wins).
        options.add(0, "-XX:-UsePerfData");
        if (Runtime.version().feature() >= 23 && options.stream().noneMatch(
            option -> option.startsWith("--sun-misc-unsafe-memory-access")))
        {
            // Fory uses sun.misc.Unsafe; this keeps JDK 23+ from printing a warning in every child.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }

    private static boolean inherited(final String option)
    {
        for (final String prefix : NOT_INHERITED)
        {
            if (option.startsWith(prefix))
            {
                return false;
            }
        }
        return option.startsWith("-D") || option.startsWith("-XX:") || option.startsWith("-Xm") ||
            option.startsWith("-Xss") || option.startsWith("-ea") || option.startsWith("-da") ||
            option.startsWith("-enableassertions") || option.startsWith("-disableassertions") ||
            option.startsWith("--add-opens=") || option.startsWith("--add-exports=") ||
            option.startsWith("--enable-native-access=") || option.startsWith("--sun-misc-unsafe-memory-access=");
    }
}

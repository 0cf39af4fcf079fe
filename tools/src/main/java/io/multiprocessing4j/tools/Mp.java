package io.multiprocessing4j.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code mp}: see what multiprocessing4j keeps in shared memory and who uses it ({@code mp shm ls|stat|rm}),
 * run the side-by-side benchmarks ({@code mp bench}) and cluster members ({@code mp cluster member}). Exit
 * status 0 on success, 1 when a command failed, 2 on a usage error.
 */
@Command(name = "mp", mixinStandardHelpOptions = true, version = "multiprocessing4j mp 0.1.0",
    description = "Inspect and clean multiprocessing4j's shared memory; run its benchmarks and cluster members.",
    subcommands = {ShmCommand.class, BenchCommand.class, ClusterCommand.class})
public final class Mp
{
    public static void main(final String[] args)
    {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * @return the exit status.
     */
    static int run(final PrintWriter out, final PrintWriter err, final String... args)
    {
        return new CommandLine(new Mp())
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            {
                commandLine.getErr().println("mp: " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
                return 1;
            })
            .execute(args);
    }
}

package io.multiprocessing4j.tools;

import io.multiprocessing4j.shm.InvalidSharedFileException;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionDescription;
import io.multiprocessing4j.shm.RegionInspector;
import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.ShmContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code mp shm ls|stat|rm}: this user's context directories, read through the library's validated headers
 * ({@link ShmContexts}); a corrupt or foreign file is listed with what is wrong with it.
 */
@Command(name = "shm", mixinStandardHelpOptions = true,
    description = "What multiprocessing4j keeps in shared memory.",
    subcommands = {ShmCommand.Ls.class, ShmCommand.Stat.class, ShmCommand.Rm.class})
final class ShmCommand
{
    @Option(names = "--dir", description = "Where contexts live (default: ${DEFAULT-VALUE}).")
    Path baseDirectory = ShmConfiguration.baseDirectory();

    @Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Every context of this user: owner pid, in use or not, age, size, and the objects in it.")
    static final class Ls implements Callable<Integer>
    {
        @ParentCommand
        ShmCommand shm;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException
        {
            final PrintWriter out = spec.commandLine().getOut();
            final List<ShmContexts.Context> contexts = ShmContexts.list(shm.baseDirectory);
            out.printf(Locale.ROOT, "%s: %d context%s%n",
                shm.baseDirectory, contexts.size(), 1 == contexts.size() ? "" : "s");
            for (final ShmContexts.Context context : contexts)
            {
                printContext(out, context);
                for (final ShmContexts.Entry entry : context.entries())
                {
                    out.println("    " + describe(entry, false));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stat", mixinStandardHelpOptions = true,
        description = "One context (or one file) in detail: its processes, alive or dead; its objects with "
            + "their values, ring fill levels, lock owners and waiters, and pool workers' task counts; and the errors "
            + "its processes recorded.")
    static final class Stat implements Callable<Integer>
    {
        @ParentCommand
        ShmCommand shm;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "CONTEXT|PATH",
            description = "A context directory, its name, or one file in it (default: the only context there is).")
        Path target;

        @Option(names = "--watch", description = "Refresh every second until interrupted.")
        boolean watch;

        @Option(names = "--stack", defaultValue = "3", paramLabel = "LINES",
            description = "Lines of each recorded error's stack trace to show (default: ${DEFAULT-VALUE}).")
        int stackLines;

        @Option(names = "--count", hidden = true, defaultValue = "0",
            description = "With --watch, stop after this many views.")
        int count;

        @Override
        public Integer call() throws Exception
        {
            final PrintWriter out = spec.commandLine().getOut();
            for (int view = 1; ; view++)
            {
                if (watch)
                {
                    out.print("\033[H\033[2J");
                }
                view(out);
                out.flush();
                if (!watch || view == count)
                {
                    return 0;
                }
                Thread.sleep(1_000);
            }
        }

        private void view(final PrintWriter out) throws IOException
        {
            if (null != target && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))
            {
                out.println(describe(entryOf(target), true));
                return;
            }
            final ShmContexts.Context context = null != target ? ShmContexts.describe(target) : onlyContext();
            printContext(out, context);
            out.println("  processes (slot, pid, state, attached):");
            final List<ShmContexts.AttachedProcess> processes = ShmContexts.processes(context.directory());
            for (final ShmContexts.AttachedProcess process : processes)
            {
                out.printf(Locale.ROOT, "    %3d  %-8d %-5s %s ago%n", process.slot(), process.pid(),
                    process.alive() ? "alive" : "dead", age(process.attachedAt()));
            }
            out.println("  objects:");
            for (final ShmContexts.Entry entry : context.entries())
            {
                out.println("    " + describe(entry, true));
                if (null != entry.region() && entry.region().ready())
                {
                    for (final String line : RegionInspector.inspect(entry.region(), processes))
                    {
                        out.println("        " + line);
                    }
                }
            }
            final List<ShmContexts.RecordedError> errors = ShmContexts.errors(context.directory());
            out.println("  errors (" + errors.size() + " distinct; pid, times, first and last seen):");
            for (final ShmContexts.RecordedError error : errors)
            {
                out.printf(Locale.ROOT, "    pid %d, %d time%s, first %s ago, last %s ago%n", error.pid(),
                    error.count(),
                    1 == error.count() ? "" : "s", age(error.first()), age(error.last()));
                error.text().lines().limit(stackLines).forEach(line -> out.println("      " + line.strip()));
            }
        }

        private ShmContexts.Context onlyContext() throws IOException
        {
            final List<ShmContexts.Context> contexts = ShmContexts.list(shm.baseDirectory);
            if (1 != contexts.size())
            {
                throw new IllegalArgumentException(contexts.size() + " contexts in " + shm.baseDirectory +
                    "; name one (mp shm ls lists them)");
            }
            return contexts.get(0);
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove contexts: with --dead, every one nothing uses (its owner and every attached process "
            + "are dead); else those named, refusing one in use unless --force.")
    static final class Rm implements Callable<Integer>
    {
        @ParentCommand
        ShmCommand shm;

        @Spec
        CommandSpec spec;

        @Option(names = "--dead", description = "Remove every context nothing uses.")
        boolean dead;

        @Option(names = "--force", description = "Remove named contexts even while in use.")
        boolean force;

        @Parameters(arity = "0..*", paramLabel = "CONTEXT")
        List<Path> contexts = new ArrayList<>();

        @Override
        public Integer call() throws IOException
        {
            final PrintWriter out = spec.commandLine().getOut();
            if (dead == !contexts.isEmpty())
            {
                throw new IllegalArgumentException("give either --dead or the contexts to remove");
            }
            if (dead)
            {
                out.println("removed " + ShmContexts.removeUnused(shm.baseDirectory) + " unused context(s) from " +
                    shm.baseDirectory);
                out.flush();
                return 0;
            }
            int failed = 0;
            for (final Path context : contexts)
            {
                try
                {
                    ShmContexts.remove(context, force);
                    out.println("removed " + context);
                }
                catch (final IllegalStateException | IllegalArgumentException | IOException ex)
                {
                    spec.commandLine().getErr().println("mp: not removed: " + ex.getMessage());
                    failed++;
                }
            }
            out.flush();
            return 0 == failed ? 0 : 1;
        }
    }

    private static void printContext(final PrintWriter out, final ShmContexts.Context context)
    {
        out.printf(Locale.ROOT, "%s  owner %d, %s, age %s, %s in %d files%n", context.directory().getFileName(),
            context.ownerPid(), context.inUse() ? "in use" : "UNUSED (owner and every process dead: mp shm rm --dead)",
            age(context.created()), bytes(context.bytes()), context.entries().size());
    }

    private static ShmContexts.Entry entryOf(final Path file) throws IOException
    {
        try
        {
            return new ShmContexts.Entry(file, Files.size(file), MappedRegion.describe(file), null);
        }
        catch (final InvalidSharedFileException ex)
        {
            return new ShmContexts.Entry(file, Files.size(file), null, ex.getMessage());
        }
    }

    private static String describe(final ShmContexts.Entry entry, final boolean withValue)
    {
        final String name = String.format(Locale.ROOT, "%-24s", entry.path().getFileName());
        if (entry.isLivenessLock())
        {
            return name + "liveness locks";
        }
        if (null == entry.region())
        {
            return name + "UNREADABLE: " + entry.problem();
        }
        final RegionDescription region = entry.region();
        final String text = String.format(Locale.ROOT, "%s%-13s capacity %-10d creator %-8d %s",
            name, region.type().fileNamePrefix(), region.capacity(), region.creatorPid(),
            region.ready() ? (region.label().isEmpty() ? "" : "\"" + region.label() + "\"") : "INITIALISING");
        return withValue ? (text.strip() + RegionValues.of(region)) : text.strip();
    }

    private static String age(final Instant since)
    {
        final Duration age = Duration.between(since, Instant.now());
        if (age.toHours() > 0)
        {
            return age.toHours() + "h" + age.toMinutesPart() + "m";
        }
        return age.toMinutes() > 0 ? age.toMinutes() + "m" + age.toSecondsPart() + "s" :
            age.toSeconds() + "." + age.toMillisPart() / 100 + "s";
    }

    private static String bytes(final long bytes)
    {
        return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) :
            String.format(Locale.ROOT, "%.1f MiB", bytes / (double)(1 << 20));
    }
}

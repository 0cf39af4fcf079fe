package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessContext;
import io.multiprocessing4j.StartMethod;
import io.multiprocessing4j.internal.process.WarmJvmPool;
import io.multiprocessing4j.shm.internal.JvmCommandLine;

import java.time.Duration;
import java.util.List;

/**
 * {@code process-start-join-<python method>}: milliseconds per {@code start()} + {@code join()} of a
 * trivial target, sequentially; a trial is the median of {@value #STARTS} starts after {@value #WARM_UP}
 * untimed ones. Ours runs through one
 * start method, Python through the named one:
 * <ul>
 * <li>{@code spawn}: our SPAWN against Python's spawn, anchored by a bare {@code java -cp <class path>
 * Trivial} run (a JVM start and exit without the library's flag);</li>
 * <li>{@code fork} and {@code forkserver}: our WARM (its pool filled before timing, as a forkserver is
 * running before its first fork, and told to preload the target's class, as a forked child has it
 * already) against Python's fork and forkserver;</li>
 * <li>{@code thread}: our THREAD against {@code multiprocessing.dummy.Process}.</li>
 * </ul>
 * Our {@code join()} returns once the child has reported its exit code; Python's waits for the process to
 * be reaped. The JVM's own teardown after the report is a few milliseconds that nobody waits for.
 */
final class ProcessStartJoinWorkload implements Workload
{
    static final String BARE_JVM = "bare_java";
    static final int STARTS = 10;
    /**
     * Untimed starts first, as JMH warms up: this JVM's side of a start is Java code the JIT has not
     * compiled yet in a fresh benchmark JVM (Python, without a JIT, runs the same script untimed-warm-up-free).
     */
    static final int WARM_UP = 10;
    private static final long SETTLE_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final StartMethod method;
    private final String pythonMethod;

    ProcessStartJoinWorkload(final StartMethod method, final String pythonMethod)
    {
        this.method = method;
        this.pythonMethod = pythonMethod;
    }

    public String name()
    {
        return "process-start-join-" + pythonMethod;
    }

    public String unit()
    {
        return "ms per start+join, ours " + method + " vs python " + pythonMethod;
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> anchors()
    {
        return StartMethod.SPAWN == method ? List.of(BARE_JVM) : List.of();
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("process_start_join.py", "--method", pythonMethod, "--trials", "" + trials,
            "--starts", "" + STARTS);
    }

    public Trial trial(final String mode) throws Exception
    {
        // The pool holds every JVM a trial takes; replacing them waits until the trial is over.
        System.setProperty(WarmJvmPool.REFILL_QUIET_PROPERTY, "10000");
        final double[] millis = new double[STARTS];
        if (BARE_JVM.equals(mode))
        {
            final List<String> command = List.of(JvmCommandLine.javaBinary().toString(), "-cp",
                System.getProperty("java.class.path"), Trivial.class.getName());
            for (int i = 0; i < STARTS; i++)
            {
                final long start = System.nanoTime();
                final Process process = new ProcessBuilder(command).inheritIO().start();
                WorkerJvm.awaitSuccess(process);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            return Trial.of(Result.median(millis));
        }
        try (ProcessContext context = Multiprocessing.context(method).withWarmPoolSize(WARM_UP + STARTS)
            .withPreload(Trivial.class).prestart())
        {
            for (int i = 0; i < WARM_UP; i++)
            {
                startAndJoin(context);
            }
            Thread.sleep(SETTLE_MS);
            for (int i = 0; i < STARTS; i++)
            {
                final long start = System.nanoTime();
                startAndJoin(context);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return Trial.of(Result.median(millis));
    }

    private static void startAndJoin(final ProcessContext context) throws InterruptedException
    {
        final JvmProcess process = context.process(Trivial::run).start();
        if (!process.join(TIMEOUT) || 0 != process.exitCode().orElse(-1))
        {
            throw new IllegalStateException(process + " failed");
        }
    }

    /**
     * The trivial target, and the trivial main of the bare-JVM anchor.
     */
    public static final class Trivial
    {
        private Trivial()
        {
        }

        public static void run()
        {
        }

        public static void main(final String[] args)
        {
        }
    }
}

package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.internal.value.PlainValues;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.function.ProcessTarget;
import org.agrona.LangUtil;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandleInfo;
import java.util.List;

/**
 * The main class of every child JVM. It says hello on its standard error (see {@link ControlRecord}),
 * reads its {@link ChildSpec} from standard input, runs the target, reports the exit code and any
 * exception on standard error, and halts, as Python's child ends with {@code os._exit}: other threads and
 * shutdown hooks do not run.
 * A watchdog halts the JVM with exit code 1 within a tenth of a second of the parent's death;
 * end-of-file on standard input before a target arrives (a dismissed {@code WARM} JVM) exits quietly.
 * <p>
 * Arguments: {@code TOKEN [warm CLASS,CLASS...]}; {@code warm} loads and initializes those classes and
 * preloads the codecs before saying hello.
 */
public final class ChildMain
{
    static final String WARM = "warm";
    static final int EXIT_PARENT_GONE = 1;
    static final int EXIT_BAD_SPEC = 2;
    static final long WATCHDOG_INTERVAL_MS = 100;
    private static final TargetReference.Name PRELOADED = new TargetReference.Name(
        ChildMain.class.getName().replace('.', '/'), "java/util/function/Consumer", "accept", "(Ljava/lang/Object;)V",
        MethodHandleInfo.REF_invokeStatic, ChildMain.class.getName().replace('.', '/'), "preloaded",
        "(Ljava/lang/Object;)V", "()V");

    private ChildMain()
    {
    }

    public static void main(final String[] args)
    {
        final long token = Long.parseLong(args[0]);
        final InputStream stdin = new FileInputStream(FileDescriptor.in);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        final Thread watchdog = new Thread(new ParentWatchdog(), "mp4j-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        if (args.length > 1 && WARM.equals(args[1]))
        {
            preload(args.length > 2 ? args[2] : "");
        }
        writeRecord(ControlRecord.hello(token));

        final byte[] specBytes = readSpec(new DataInputStream(stdin));

        String name = "child";
        Runnable body;
        try
        {
            final ChildSpec spec = ChildSpec.decode(specBytes);
            name = spec.name;
            body = prepare(spec, true);
        }
        catch (final IOException | ReflectiveOperationException | RuntimeException | LinkageError ex)
        {
            body = new Rethrow(MissingClasses.explain(ex));
        }
        final Throwable[] failure = new Throwable[1];
        final int exitCode = runBody(name, body, failure);
        System.out.flush();
        writeRecord(ControlRecord.exit(token, ExitStatus.of(exitCode, failure[0])));
        halt(exitCode);
    }

    /**
     * Runs a process body as Python's {@code Process._bootstrap} does: an exception is printed after
     * {@code Process NAME:} and gives exit code 1; {@code Multiprocessing.exit(code)} gives {@code code}.
     *
     * @param failure receives the exception, if one was thrown.
     * @return the exit code.
     */
    static int runBody(final String name, final Runnable body, final Throwable[] failure)
    {
        try
        {
            return run(body);
        }
        catch (final CurrentProcess.ExitRequest ex)
        {
            return ex.exitCode;
        }
        catch (final Throwable ex)
        {
            failure[0] = ex;
            System.err.println("Process " + name + ":");
            ex.printStackTrace();
            ShmContext.recordErrorInContextsUsed(ex);
            return 1;
        }
    }

    /**
     * Ends this JVM without its shutdown hooks, having first left every shared-memory context it joined as
     * those hooks would: a context this JVM created is removed, and so is one whose owner has died if this JVM
     * was the last process attached to it (how a SIGKILLed parent's files go with its last child).
     */
    static void halt(final int exitCode)
    {
        ShmContext.leaveAllOpen();
        Runtime.getRuntime().halt(exitCode);
    }

    /**
     * Writes a record through {@code System.err}'s lock, so no other output of this JVM's threads splits it.
     */
    private static void writeRecord(final byte[] record)
    {
        final PrintStream err = System.err;
        synchronized (err)
        {
            err.flush();
            err.write(record, 0, record.length);
            err.flush();
        }
    }

    /**
     * Runs a target as the body of a process: {@code Multiprocessing.exit(code)} inside it ends with {@code code}.
     *
     * @return 0 if it returned.
     */
    static int run(final Runnable target)
    {
        CurrentProcess.enterTarget();
        try
        {
            target.run();
            return 0;
        }
        finally
        {
            CurrentProcess.leaveTarget();
        }
    }

    /**
     * @param become whether this JVM takes on the spec's identity (not when preloading).
     * @return the spec's target, ready to run.
     */
    private static Runnable prepare(final ChildSpec spec, final boolean become)
        throws ReflectiveOperationException, IOException
    {
        final CurrentProcess.Identity identity = new CurrentProcess.Identity(
            new ProcessInfo(spec.name, ProcessHandle.current().pid()), spec.identity,
            new ProcessInfo(spec.parentName, spec.parentPid), spec.logLevel);
        if (become)
        {
            CurrentProcess.setJvm(identity);
            if (!spec.logLevel.isEmpty())
            {
                StderrLogging.install(spec.logLevel);
            }
        }
        return target(spec);
    }

    private static Runnable target(final ChildSpec spec) throws ReflectiveOperationException, IOException
    {
        if (ChildSpec.TARGET_REFERENCE == spec.targetKind)
        {
            final Object[] captured = PlainValues.ID.equals(spec.codecId) ? PlainValues.decode(spec.payload) :
                (Object[])Codec.create(spec.codecId, ClassAllowList.of(spec.allowList)).decode(spec.payload);
            return runnable(TargetReference.resolve(spec.reference, captured));
        }
        return runnable(PlainValues.ID.equals(spec.codecId) ?
            TargetFields.decode(spec.objectClass, spec.payload) :
            Codec.create(spec.codecId, ClassAllowList.of(spec.allowList)).decode(spec.payload));
    }

    private static Runnable runnable(final Object target)
    {
        return target instanceof Runnable ? (Runnable)target : new TargetCall((ProcessTarget)target);
    }

    private static byte[] readSpec(final DataInputStream in)
    {
        try
        {
            final int length = in.readInt();
            if (length < 0 || length > ChildSpec.MAX_LENGTH)
            {
                System.err.println("multiprocessing4j child: corrupt spec length " + length);
                halt(EXIT_BAD_SPEC);
            }
            final byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
        catch (final EOFException ex)
        {
            halt(0);
        }
        catch (final IOException ex)
        {
            halt(EXIT_PARENT_GONE);
        }
        throw new IllegalStateException("unreachable");
    }


    /**
     * Loads and exercises the codecs and the reflective call path, so that a target handed to a
     * {@code WARM} JVM does not pay for class loading and codec set-up.
     */
    private static void preload(final String classNames)
    {
        for (final String className : classNames.split(","))
        {
            if (!className.isEmpty())
            {
                try
                {
                    Class.forName(className, true, Thread.currentThread().getContextClassLoader()).getDeclaredMethods();
                }
                catch (final ReflectiveOperationException | LinkageError | RuntimeException ex)
                {
                    System.err.println("multiprocessing4j child: cannot preload " + className + ": " + ex);
                }
            }
        }
        final ClassAllowList allowList = ClassAllowList.defaults();
        final Object[] sample = {new Object[]{1, "x", new int[]{1}, List.of(1L, 2.0)}};
        try
        {
            for (final String id : List.of(PlainValues.ID, Codec.JDK, Codec.FORY))
            {
                final boolean plain = PlainValues.ID.equals(id);
                final ChildSpec spec = new ChildSpec("preload", "0", true, "MainProcess", 0, id, allowList.prefixes(),
                    "", ChildSpec.TARGET_REFERENCE, PRELOADED, null,
                    plain ? PlainValues.encode(new Object[]{"x"}) : Codec.create(id, allowList).encode(sample), "");
                run(prepare(ChildSpec.decode(spec.encode()), false));
            }
            ControlRecord.exit(0, ExitStatus.of(1, new IllegalStateException("preload")));
        }
        catch (final IOException | ReflectiveOperationException | RuntimeException ex)
        {
            System.err.println("multiprocessing4j child: preload failed, continuing: " + ex);
        }
    }

    private static void preloaded(final Object sample)
    {
        if (null == sample)
        {
            throw new IllegalStateException("preload lost its sample");
        }
    }

    /**
     * Runs a {@link ProcessTarget} that arrived whole (not by reference), letting what it throws through.
     */
    private static final class TargetCall implements Runnable
    {
        private final ProcessTarget target;

        TargetCall(final ProcessTarget target)
        {
            this.target = target;
        }

        public void run()
        {
            try
            {
                target.run();
            }
            catch (final Exception ex)
            {
                LangUtil.rethrowUnchecked(ex);
            }
        }
    }

    /**
     * A target that could not be prepared: running it throws why, so it is reported like the target's own.
     */
    private static final class Rethrow implements Runnable
    {
        private final Throwable cause;

        Rethrow(final Throwable cause)
        {
            this.cause = cause;
        }

        public void run()
        {
            LangUtil.rethrowUnchecked(cause);
        }
    }

    /**
     * Halts this JVM within {@value #WATCHDOG_INTERVAL_MS} ms of its parent's death. It polls rather than
     * blocking on standard input, because a thread blocked in a native read makes the JVM's own exit wait up
     * to 300 ms for it. The parent is dead once this process's parent pid is no longer the parent's: the kernel
     * hands a dead process's children to another at once, before the dead one is reaped, whereas
     * {@code ProcessHandle.isAlive} stays true for a zombie that nobody reaps (a container whose entry point
     * does not). A class rather than a lambda: the first lambda costs a fresh JVM milliseconds of bootstrap.
     */
    private static final class ParentWatchdog implements Runnable
    {
        public void run()
        {
            final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
            try
            {
                while (null != parent && parent.isAlive() &&
                    ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parent.pid())
                {
                    Thread.sleep(WATCHDOG_INTERVAL_MS);
                }
            }
            catch (final InterruptedException ignore)
            {
                // nobody interrupts this thread; treat it as the parent's death
            }
            halt(EXIT_PARENT_GONE);
        }
    }
}

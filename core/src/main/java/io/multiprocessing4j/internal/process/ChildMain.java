package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The main class of every child JVM. It connects to the parent's {@link ProcessServer}, reads its
 * {@link ChildSpec} from standard input, runs the target, reports the exit code and any exception, and
 * halts (as Python's child ends with {@code os._exit}: other threads and shutdown hooks do not run).
 * End-of-file on standard input means the parent is gone: before a target arrives the JVM exits quietly
 * (a dismissed {@code WARM} JVM), after it the JVM halts with exit code 1 within milliseconds.
 * <p>
 * Arguments: {@code SOCKET TOKEN [warm]}; {@code warm} preloads the codec while waiting for a target.
 */
public final class ChildMain
{
    static final int EXIT_PARENT_GONE = 1;
    static final int EXIT_BAD_SPEC = 2;

    private ChildMain()
    {
    }

    public static void main(final String[] args)
    {
        final InputStream stdin = new FileInputStream(FileDescriptor.in);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        final CountingOutputStream stderr = new CountingOutputStream(new FileOutputStream(FileDescriptor.err));
        System.setErr(new PrintStream(stderr, true));

        final DataOutputStream report;
        try
        {
            final SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]));
            report = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            report.writeLong(Long.parseLong(args[1]));
            report.flush();
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("multiprocessing4j child: cannot connect to the parent at " + args[0] + ": " + ex);
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
            return;
        }
        if (args.length > 2 && "warm".equals(args[2]))
        {
            preload();
        }

        final byte[] specBytes = readSpec(new DataInputStream(stdin));
        final Thread watchdog = new Thread(() -> awaitParentGone(stdin), "mp4j-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int exitCode;
        Throwable failure = null;
        String name = "child";
        try
        {
            final ChildSpec spec = ChildSpec.decode(specBytes);
            name = spec.name;
            CurrentProcess.setJvm(new CurrentProcess.Identity(
                new ProcessInfo(spec.name, ProcessHandle.current().pid()), spec.identity,
                new ProcessInfo(spec.parentName, spec.parentPid), spec.logLevel));
            if (!spec.logLevel.isEmpty())
            {
                StderrLogging.install(spec.logLevel);
            }
            final Runnable target = target(spec);
            exitCode = run(target);
        }
        catch (final CurrentProcess.ExitRequest ex)
        {
            exitCode = ex.exitCode;
        }
        catch (final Throwable ex)
        {
            failure = ex;
            exitCode = 1;
            System.err.println("Process " + name + ":");
            ex.printStackTrace();
        }
        System.out.flush();
        System.err.flush();
        final ExitStatus status = ExitStatus.of(exitCode, failure);
        try
        {
            report.writeByte(ProcessServer.REPORT_EXIT);
            report.writeInt(exitCode);
            report.writeLong(stderr.count);
            report.writeInt(status.exception().length);
            report.write(status.exception());
            report.writeInt(status.remoteException().length);
            report.write(status.remoteException());
            report.flush();
        }
        catch (final IOException ignore)
        {
            // the parent is gone; nobody is left to tell
        }
        Runtime.getRuntime().halt(exitCode);
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

    private static Runnable target(final ChildSpec spec) throws ReflectiveOperationException
    {
        final ClassAllowList allowList = ClassAllowList.of(spec.allowList);
        if (ChildSpec.TARGET_REFERENCE == spec.targetKind)
        {
            final Object[] captured = 0 == spec.payload.length ? new Object[0] :
                (Object[])Codec.create(spec.codecId, allowList).decode(spec.payload);
            return TargetReference.resolve(
                spec.implClass, spec.implMethodName, spec.implMethodSignature, spec.implMethodKind, captured);
        }
        return (Runnable)Codec.create(spec.codecId, allowList).decode(spec.payload);
    }

    private static byte[] readSpec(final DataInputStream in)
    {
        try
        {
            final int length = in.readInt();
            if (length < 0 || length > ChildSpec.MAX_LENGTH)
            {
                System.err.println("multiprocessing4j child: corrupt spec length " + length);
                Runtime.getRuntime().halt(EXIT_BAD_SPEC);
            }
            final byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
        catch (final EOFException ex)
        {
            Runtime.getRuntime().halt(0);
        }
        catch (final IOException ex)
        {
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }
        throw new IllegalStateException("unreachable");
    }

    private static void awaitParentGone(final InputStream stdin)
    {
        try
        {
            while (stdin.read() >= 0)
            {
                Thread.onSpinWait();
            }
        }
        catch (final IOException ignore)
        {
            // a broken pipe means the same as end-of-file
        }
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }

    /**
     * Loads and exercises the codecs and the reflective call path, so that a target handed to a
     * {@code WARM} JVM does not pay for class loading and codec set-up.
     */
    private static void preload()
    {
        final ClassAllowList allowList = ClassAllowList.defaults();
        final Object sample = new Object[]{1, "x", new int[]{1}, List.of(1L, 2.0)};
        for (final String id : List.of(Codec.FORY, Codec.JDK))
        {
            final Codec codec = Codec.create(id, allowList);
            codec.decode(codec.encode(sample));
        }
        ExitStatus.of(1, new IllegalStateException("preload"));
    }

    /**
     * Counts what the child writes through {@code System.err}, so the parent can wait until it has all
     * been copied before it reports the exit.
     */
    static final class CountingOutputStream extends FilterOutputStream
    {
        volatile long count;

        CountingOutputStream(final OutputStream out)
        {
            super(out);
        }

        public void write(final int b) throws IOException
        {
            out.write(b);
            count++;
        }

        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            out.write(b, off, len);
            count += len;
        }
    }
}

package io.multiprocessing4j.samples.seed004;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.shm.ShmContext;

import java.util.List;

/**
 * Seed 004, message passing with a {@code Pipe}: a sender JVM sends messages through one end, a receiver
 * JVM prints them from the other until the "END" message.
 * <pre>
 * parent_conn, child_conn = multiprocessing.Pipe()
 * p1 = multiprocessing.Process(target=sender, args=(parent_conn, msgs))
 * p2 = multiprocessing.Process(target=receiver, args=(child_conn,))
 * </pre>
 */
public final class SenderReceiverPipe
{
    private SenderReceiverPipe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final List<String> msgs = List.of("hello", "hey", "hru?", "END");

        try (ShmContext context = ShmContext.create();
             Pipe pipe = Pipe.create(context))
        {
            final Connection parentConn = pipe.first();
            final Connection childConn = pipe.second();

            final JvmProcess p1 = new JvmProcess(() -> sender(parentConn, msgs));
            final JvmProcess p2 = new JvmProcess(() -> receiver(childConn));

            p1.start();
            p2.start();

            p1.join();
            p2.join();
        }
    }

    static void sender(final Connection conn, final List<String> msgs) throws InterruptedException
    {
        for (final String msg : msgs)
        {
            conn.send(msg);
            System.out.println("Sent the message: " + msg);
        }
        conn.close();
    }

    static void receiver(final Connection conn) throws Exception
    {
        while (true)
        {
            final Object msg = conn.recv();
            if ("END".equals(msg))
            {
                break;
            }
            System.out.println("Received the message: " + msg);
        }
    }
}

package io.multiprocessing4j.samples;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.manager.Manager;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A remote manager (Python's {@code BaseManager(address=('', 50000), authkey=b'abc')} with
 * {@code register('get_queue', callable=lambda: queue)}): the manager listens on loopback TCP; a second JVM,
 * which knows only the address and the key, connects and puts jobs in the shared queue; this JVM takes them.
 * A third connection with the wrong key is refused.
 */
final class RemoteManager
{
    private RemoteManager()
    {
    }

    static void main(final String[] args) throws Exception
    {
        final byte[] authkey = "abracadabra".getBytes(StandardCharsets.UTF_8);
        try (Manager manager = Manager.builder()
            .registerShared("get_queue", BlockingQueue.class, LinkedBlockingQueue::new)
            .listen(0, authkey)
            .start())
        {
            final InetSocketAddress address = manager.address().orElseThrow();
            System.out.println("manager listening on " + address.getHostString() + ":" + address.getPort());
            final String host = address.getHostString();
            final int port = address.getPort();
            final JvmProcess producer = new JvmProcess(() -> produce(host, port, authkey)).start();
            producer.join();

            @SuppressWarnings("unchecked")
            final BlockingQueue<String> queue = manager.create("get_queue", BlockingQueue.class);
            for (int i = 0; i < 3; i++)
            {
                System.out.println("got " + queue.take());
            }
            try
            {
                Manager.connect(address, "wrong key".getBytes(StandardCharsets.UTF_8));
            }
            catch (final io.multiprocessing4j.manager.ManagerException.AuthenticationFailed ex)
            {
                System.out.println("a client with the wrong key was refused");
            }
        }
    }

    static void produce(final String host, final int port, final byte[] authkey) throws InterruptedException
    {
        final Manager remote = Manager.connect(new InetSocketAddress(host, port), authkey);
        @SuppressWarnings("unchecked")
        final BlockingQueue<String> queue = remote.create("get_queue", BlockingQueue.class);
        for (int i = 1; i <= 3; i++)
        {
            queue.put("job " + i);
        }
        System.out.println("producer put 3 jobs");
    }
}

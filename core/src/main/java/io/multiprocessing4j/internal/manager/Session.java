package io.multiprocessing4j.internal.manager;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One client connection as the manager sees it, served by one thread: what it holds is released when the
 * client goes (closes, dies), so a client that dies holding a manager lock does not block the others.
 */
final class Session
{
    private static final ThreadLocal<Session> CURRENT = ThreadLocal.withInitial(Session::new);

    /**
     * Something a session can hold (a lock, permits) and must give back when the session ends.
     */
    interface Held
    {
        void abandon(Session session);
    }

    private final Set<Held> held = new LinkedHashSet<>();

    static Session current()
    {
        return CURRENT.get();
    }

    void hold(final Held resource)
    {
        held.add(resource);
    }

    void drop(final Held resource)
    {
        held.remove(resource);
    }

    /**
     * Gives back everything held; called on the session's own thread when its client has gone.
     *
     * @return how many resources were given back.
     */
    int end()
    {
        final int count = held.size();
        for (final Held resource : Set.copyOf(held))
        {
            resource.abandon(this);
        }
        held.clear();
        CURRENT.remove();
        return count;
    }
}

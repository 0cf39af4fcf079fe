package io.multiprocessing4j.internal.manager;

import java.io.Serializable;

/**
 * One call to a manager: {@link #CALL} a method (named by its signature, {@code name(type,type)}) of object
 * {@code id}; {@link #CREATE} an object of type {@code name}; {@link #HELLO}, a connection's first request;
 * {@link #SHUTDOWN}, from the manager's owner, whose token is {@code id}.
 */
public final class ManagerRequest implements Serializable
{
    private static final long serialVersionUID = 1L;

    public static final int CALL = 0;
    public static final int CREATE = 1;
    public static final int HELLO = 2;
    public static final int SHUTDOWN = 3;

    final int op;
    final long id;
    final String name;
    final Object[] args;

    public ManagerRequest(final int op, final long id, final String name, final Object[] args)
    {
        this.op = op;
        this.id = id;
        this.name = name;
        this.args = args;
    }

    public String toString()
    {
        return (CALL == op ? "call " : CREATE == op ? "create " : HELLO == op ? "hello " : "shutdown ") + name +
            (CALL == op ? " on object " + id : "");
    }
}

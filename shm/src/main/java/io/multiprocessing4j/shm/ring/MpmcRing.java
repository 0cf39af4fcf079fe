package io.multiprocessing4j.shm.ring;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.ProcessTable;
import io.multiprocessing4j.shm.ProcessTableDescriptor;
import io.multiprocessing4j.shm.sync.RobustLockWord;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import io.multiprocessing4j.shm.IdlePolicy;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;
import java.util.Objects;

import static io.multiprocessing4j.shm.ring.MpmcRingDescriptor.BORROWED;
import static io.multiprocessing4j.shm.ring.MpmcRingDescriptor.FREE;

/**
 * A bounded multi-producer, multi-consumer ring of typed byte messages in shared memory, in the style of
 * Vyukov's queue with every index and sequence in the mapped file ({@link MpmcRingDescriptor}). Any thread of
 * any process may send and receive; each message is received once, and the messages of one producing thread
 * are received in the order it sent them.
 * <p>
 * A process that dies in the middle of an operation never stalls the others: every claim is recorded in the
 * claimant's process block before it is made, and a thread that waits on a position for more than
 * {@value RobustLockWord#LIVENESS_CHECK_INTERVAL_NS} ns looks for claims on it by dead processes. A record a
 * dead producer had claimed but not published is skipped ({@link #abandoned()}); a record a dead consumer had
 * taken is lost with it ({@link #lost()}) and its slots are freed. A live process is never overtaken, however
 * slow. Thread-safe. Corrupt indices or headers raise {@link CorruptRingException}, never an out-of-bounds access.
 */
public final class MpmcRing
{
    private static final int SMALL_COPY = 64;
    private static final int NO_WORD = OwnClaimWords.NO_WORD;
    /** How long a call that may not wait waits for a claim word that all of this process's threads hold. */
    private static final long CLAIM_WORD_GRACE_NS = 1_000_000;

    private final AtomicBuffer buffer;
    private final int body;
    private final ProcessTable processes;
    private final int capacity;
    private final int mask;
    private final int slotLength;
    private final int maxMessage;
    private final int ownSlot;
    private final long generation;
    private final OwnClaimWords producerWords;
    private final OwnClaimWords consumerWords;

    /**
     * @param buffer    the region's buffer.
     * @param base      where the {@link RingDescriptor} layout starts in it.
     * @param processes the context's process table; this process must be registered.
     * @throws CorruptRingException if the header does not describe an MPMC ring that fits the buffer.
     */
    public MpmcRing(final AtomicBuffer buffer, final int base, final ProcessTable processes)
    {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.processes = Objects.requireNonNull(processes, "processes");
        body = base + RingDescriptor.BODY_OFFSET;
        final int kind = buffer.getInt(base + RingDescriptor.KIND_OFFSET);
        capacity = buffer.getInt(base + RingDescriptor.CAPACITY_OFFSET);
        slotLength = buffer.getInt(base + RingDescriptor.SLOT_LENGTH_OFFSET);
        final long limit = buffer.getLong(base + RingDescriptor.MAX_MESSAGE_OFFSET);
        if (RingDescriptor.MPMC != kind || capacity < 2 || !BitUtil.isPowerOfTwo(capacity) ||
            slotLength < MpmcRingDescriptor.MIN_SLOT_LENGTH || 0 != slotLength % Long.BYTES ||
            (long)base + RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.SLOTS_OFFSET + (long)capacity * slotLength >
            buffer.capacity() ||
            limit < 0 || limit > payloadCapacity(Math.min(capacity, MpmcRingDescriptor.MAX_RECORD_SLOTS), slotLength))
        {
            throw new CorruptRingException("not an MPMC ring that fits its file: kind " + kind + ", " + capacity +
                " slots of " + slotLength + " bytes, max message " + limit + ", file capacity " + buffer.capacity());
        }
        mask = capacity - 1;
        maxMessage = (int)limit;
        ownSlot = processes.ownSlot();
        if (ownSlot < 0)
        {
            throw new IllegalStateException("this process is not registered in the context's process table");
        }
        generation = processes.generation(ownSlot);
        producerWords = new OwnClaimWords(buffer, body + MpmcRingDescriptor.claimBlockOffset(
            MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET, ownSlot), body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET,
                capacity);
        consumerWords = new OwnClaimWords(buffer, body + MpmcRingDescriptor.claimBlockOffset(
            MpmcRingDescriptor.CONSUMER_CLAIMS_OFFSET, ownSlot), body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET,
                capacity);
        adoptClaimBlock(MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET);
        adoptClaimBlock(MpmcRingDescriptor.CONSUMER_CLAIMS_OFFSET);
    }

    /**
     * @return the bytes a region needs for a ring of {@code capacity} slots of {@code slotLength} bytes.
     */
    public static int regionLength(final int capacity, final int slotLength)
    {
        checkGeometry(capacity, slotLength);
        final long length = (long)RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.SLOTS_OFFSET +
            (long)capacity * slotLength;
        if (length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(capacity + " slots of " + slotLength + " bytes do not fit one region");
        }
        return (int)length;
    }

    /**
     * @return the longest payload a record of {@code slots} slots carries.
     */
    public static long payloadCapacity(final int slots, final int slotLength)
    {
        return slots < 1 ? 0 : slotLength - MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET +
            (long)(slots - 1) * (slotLength - MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET);
    }

    /**
     * Writes a new ring's header and sequences (before any other process can see it).
     *
     * @param capacity   slots, a power of two of at least 2.
     * @param slotLength bytes per slot, a multiple of 8 of at least {@value MpmcRingDescriptor#MIN_SLOT_LENGTH}.
     * @param maxMessage the longest payload a writer may send; at most what half the ring carries.
     */
    public static void initialize(
        final AtomicBuffer buffer, final int base, final int capacity, final int slotLength, final int maxMessage)
    {
        checkGeometry(capacity, slotLength);
        final long limit = payloadCapacity(Math.min(capacity / 2, MpmcRingDescriptor.MAX_RECORD_SLOTS), slotLength);
        if (maxMessage < 0 || maxMessage > limit)
        {
            throw new IllegalArgumentException("maxMessage must be between 0 and " + limit + " (half of " + capacity +
                " slots of " + slotLength + " bytes): " + maxMessage);
        }
        buffer.putInt(base + RingDescriptor.KIND_OFFSET, RingDescriptor.MPMC);
        buffer.putInt(base + RingDescriptor.CAPACITY_OFFSET, capacity);
        buffer.putInt(base + RingDescriptor.SLOT_LENGTH_OFFSET, slotLength);
        buffer.putLong(base + RingDescriptor.MAX_MESSAGE_OFFSET, maxMessage);
        final int slots = base + RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.SLOTS_OFFSET;
        for (int i = 0; i < capacity; i++)
        {
            buffer.putLong(slots + i * slotLength + MpmcRingDescriptor.SEQUENCE_OFFSET, i);
        }
        buffer.putLongVolatile(base + RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET, 0);
        buffer.putLongVolatile(base + RingDescriptor.BODY_OFFSET + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET, 0);
    }

    private static void checkGeometry(final int capacity, final int slotLength)
    {
        if (capacity < 2 || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity must be a power of two of at least 2: " + capacity);
        }
        if (slotLength < MpmcRingDescriptor.MIN_SLOT_LENGTH || 0 != slotLength % Long.BYTES)
        {
            throw new IllegalArgumentException("slotLength must be a multiple of 8 of at least " +
                MpmcRingDescriptor.MIN_SLOT_LENGTH + ": " + slotLength);
        }
    }

    public int capacity()
    {
        return capacity;
    }

    public int maxMessage()
    {
        return maxMessage;
    }

    /**
     * @return the slots a message of {@code length} bytes takes.
     */
    public int slotsFor(final int length)
    {
        final int first = slotLength - MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET;
        final int next = slotLength - MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET;
        return length <= first ? 1 : 1 + (length - first + next - 1) / next;
    }

    /**
     * @return records skipped because their producer died before publishing them.
     */
    public long abandoned()
    {
        return buffer.getLongVolatile(body + MpmcRingDescriptor.ABANDONED_OFFSET);
    }

    /**
     * @return records taken by consumers that died before they had them.
     */
    public long lost()
    {
        return buffer.getLongVolatile(body + MpmcRingDescriptor.LOST_OFFSET);
    }

    /**
     * @return slots between the consumers' and the producers' positions (taken, or published and not yet taken).
     */
    public long usedSlots()
    {
        final long consumer = buffer.getLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET);
        final long producer = buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET);
        return Math.max(0, Math.min(capacity, producer - consumer));
    }

    /**
     * @return records published and not yet taken (a snapshot, exact only while nobody sends or receives).
     */
    public int size()
    {
        long position = buffer.getLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET);
        final long end = buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET);
        int count = 0;
        while (position - end < 0 && count <= capacity)
        {
            final int slot = slotOffset(position);
            if (buffer.getLongVolatile(slot + MpmcRingDescriptor.SEQUENCE_OFFSET) != position + 1)
            {
                break;
            }
            final int length = buffer.getInt(slot + MpmcRingDescriptor.LENGTH_OFFSET);
            final int type = buffer.getInt(slot + MpmcRingDescriptor.TYPE_OFFSET);
            final int slots = MpmcRingDescriptor.SKIP == type ? length : slotsFor(length);
            if (slots < 1 || slots > capacity)
            {
                break;
            }
            if (MpmcRingDescriptor.SKIP != type)
            {
                count++;
            }
            position += slots;
        }
        return count;
    }

    /**
     * Sends a message if there is room now.
     *
     * @param type 1 to {@link Integer#MAX_VALUE}.
     * @return whether it was sent.
     * @throws IllegalArgumentException naming the length and the limit if the message is too long.
     */
    public boolean offer(final int type, final DirectBuffer src, final int offset, final int length)
    {
        try
        {
            return RingStatus.DONE == send(type, src, offset, length, System.nanoTime(), null);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends a message, waiting as {@code idlePolicy} says until {@code deadlineNanos} for room.
     *
     * @return {@link RingStatus#DONE} or {@link RingStatus#TIMED_OUT} (nothing sent).
     * @throws IllegalArgumentException naming the length and the limit if the message is too long.
     * @throws InterruptedException     if interrupted while waiting; nothing is sent.
     */
    public RingStatus send(final int type, final DirectBuffer src, final int offset, final int length,
        final long deadlineNanos, final IdlePolicy idlePolicy) throws InterruptedException
    {
        if (type < 1)
        {
            throw new IllegalArgumentException("message type must be positive: " + type);
        }
        if (length < 0 || length > maxMessage)
        {
            throw new IllegalArgumentException(
                "message of " + length + " bytes is longer than this ring's limit of " + maxMessage + " bytes");
        }
        src.boundsCheck(offset, length);
        final int slots = slotsFor(length);
        final long claimed = claimForProducer(slots, deadlineNanos, idlePolicy);
        if (claimed < 0)
        {
            return RingStatus.TIMED_OUT;
        }
        final long position = OwnClaimWords.position(claimed);
        final int claimWord = producerWords.wordOffset(claimed);
        try
        {
            final int first = slotOffset(position);
            buffer.putInt(first + MpmcRingDescriptor.LENGTH_OFFSET, length);
            buffer.putInt(first + MpmcRingDescriptor.TYPE_OFFSET, type);
            copyIn(position, src, offset, length);
            for (int i = slots - 1; i >= 0; i--)
            {
                buffer.putLongRelease(slotOffset(position + i) + MpmcRingDescriptor.SEQUENCE_OFFSET, position + i + 1);
            }
            return RingStatus.DONE;
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            buffer.putLongRelease(claimWord, FREE);
        }
    }

    /**
     * Receives a message if one is published now.
     *
     * @return whether {@code handler} had one.
     */
    public boolean poll(final MessageHandler handler)
    {
        try
        {
            return RingStatus.DONE == receive(handler, System.nanoTime(), null);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Receives one message, waiting as {@code idlePolicy} says until {@code deadlineNanos} for it.
     *
     * @return {@link RingStatus#DONE} once {@code handler} has had a message, or {@link RingStatus#TIMED_OUT}.
     * @throws InterruptedException if interrupted while waiting; nothing is taken.
     */
    public RingStatus receive(final MessageHandler handler, final long deadlineNanos, final IdlePolicy idlePolicy)
        throws InterruptedException
    {
        Objects.requireNonNull(handler, "handler");
        while (true)
        {
            final long claimed = claimForConsumer(deadlineNanos, idlePolicy);
            if (claimed < 0)
            {
                return RingStatus.TIMED_OUT;
            }
            final long position = OwnClaimWords.position(claimed);
            final int claimWord = consumerWords.wordOffset(claimed);
            final int first = slotOffset(position);
            final int length = buffer.getInt(first + MpmcRingDescriptor.LENGTH_OFFSET);
            final int type = buffer.getInt(first + MpmcRingDescriptor.TYPE_OFFSET);
            final int slots = MpmcRingDescriptor.slots(buffer.getLong(claimWord));
            try
            {
                if (MpmcRingDescriptor.SKIP == type)
                {
                    continue;
                }
                if (1 == slots)
                {
                    handler.onMessage(type, buffer, first + MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET, length);
                }
                else
                {
                    final byte[] message = new byte[length];
                    copyOut(position, message);
                    handler.onMessage(type, new UnsafeBuffer(message), 0, length);
                }
                return RingStatus.DONE;
            }
            catch (final InternalError ex)
            {
                throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
            }
            finally
            {
                for (int i = 0; i < slots; i++)
                {
                    buffer.putLongRelease(slotOffset(position + i) + MpmcRingDescriptor.SEQUENCE_OFFSET,
                        position + i + capacity);
                }
                buffer.putLongRelease(claimWord, FREE);
            }
        }
    }

    /**
     * @return the claim, as {@link OwnClaimWords#claimed} packs it, or -1 if the deadline passed.
     */
    private long claimForProducer(final int slots, final long deadlineNanos, final IdlePolicy idlePolicy)
        throws InterruptedException
    {
        final int indexOffset = body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET;
        RingWait wait = null;
        int claimWord = NO_WORD;
        try
        {
            while (true)
            {
                final long position = buffer.getLongVolatile(indexOffset);
                long blocked = -1;
                boolean stale = false;
                for (int i = 0; i < slots; i++)
                {
                    final long sequence =
                        buffer.getLongVolatile(slotOffset(position + i) + MpmcRingDescriptor.SEQUENCE_OFFSET);
                    if (sequence != position + i)
                    {
                        if (sequence - (position + i) > 0)
                        {
                            stale = true;
                        }
                        else
                        {
                            blocked = position + i;
                        }
                        break;
                    }
                }
                if (stale)
                {
                    checkMoved(indexOffset, position);
                    continue;
                }
                if (blocked < 0)
                {
                    if (NO_WORD == claimWord)
                    {
                        claimWord = producerWords.tryBorrow();
                    }
                    if (NO_WORD != claimWord)
                    {
                        buffer.putLongRelease(claimWord, MpmcRingDescriptor.claim(position, slots));
                        if (buffer.compareAndSetLong(indexOffset, position, position + slots))
                        {
                            final long claimed = producerWords.claimed(position, claimWord);
                            claimWord = NO_WORD;
                            return claimed;
                        }
                        continue;
                    }
                }
                else
                {
                    claimWord = producerWords.giveBack(claimWord);
                    if (null == idlePolicy)
                    {
                        return -1;
                    }
                }
                if (null == wait)
                {
                    wait = newWait(deadlineNanos, idlePolicy, "room in the ring");
                }
                else if (wait.livenessCheckDue())
                {
                    if (blocked < 0)
                    {
                        producerWords.check(wait);
                    }
                    else
                    {
                        freeIfTakenByTheDead(blocked - capacity);
                    }
                    continue;
                }
                if (!wait.idle())
                {
                    return -1;
                }
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            producerWords.giveBack(claimWord);
        }
    }

    /**
     * @return as {@link #claimForProducer}; the claim word also holds the record's slot count.
     */
    private long claimForConsumer(final long deadlineNanos, final IdlePolicy idlePolicy) throws InterruptedException
    {
        final int indexOffset = body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET;
        RingWait wait = null;
        int claimWord = NO_WORD;
        try
        {
            while (true)
            {
                final long position = buffer.getLongVolatile(indexOffset);
                final int first = slotOffset(position);
                final long sequence = buffer.getLongVolatile(first + MpmcRingDescriptor.SEQUENCE_OFFSET);
                final boolean published = sequence == position + 1;
                if (published)
                {
                    final int length = buffer.getInt(first + MpmcRingDescriptor.LENGTH_OFFSET);
                    final int type = buffer.getInt(first + MpmcRingDescriptor.TYPE_OFFSET);
                    VarHandle.loadLoadFence();
                    if (buffer.getLongVolatile(first + MpmcRingDescriptor.SEQUENCE_OFFSET) != sequence)
                    {
                        continue; // taken and reused while we read its header, which may be another record's payload
                    }
                    final int slots = recordSlots(position, length, type);
                    if (NO_WORD == claimWord)
                    {
                        claimWord = consumerWords.tryBorrow();
                    }
                    if (NO_WORD != claimWord)
                    {
                        buffer.putLongRelease(claimWord, MpmcRingDescriptor.claim(position, slots));
                        if (buffer.compareAndSetLong(indexOffset, position, position + slots))
                        {
                            final long claimed = consumerWords.claimed(position, claimWord);
                            claimWord = NO_WORD;
                            return claimed;
                        }
                        continue;
                    }
                }
                else if (sequence - (position + 1) > 0)
                {
                    checkMoved(indexOffset, position);
                    continue;
                }
                else
                {
                    claimWord = consumerWords.giveBack(claimWord);
                    if (null == idlePolicy)
                    {
                        return -1;
                    }
                }
                if (null == wait)
                {
                    wait = newWait(deadlineNanos, idlePolicy, "a message");
                }
                else if (wait.livenessCheckDue())
                {
                    if (published)
                    {
                        consumerWords.check(wait);
                    }
                    else
                    {
                        skipIfClaimedByTheDead(position);
                    }
                    continue;
                }
                if (!wait.idle())
                {
                    return -1;
                }
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // its file shrank: now grown back, so what follows reads zeros
        }
        finally
        {
            consumerWords.giveBack(claimWord);
        }
    }

    /**
     * A call that may not wait still waits, briefly, for one of this process's claim words: they are held only
     * while a record is claimed and copied, never while a thread waits.
     */
    private RingWait newWait(final long deadlineNanos, final IdlePolicy idlePolicy, final String waitingFor)
    {
        return null == idlePolicy ?
            new RingWait(buffer, System.nanoTime() + CLAIM_WORD_GRACE_NS, IdlePolicy.DEFAULT, "a claim word") :
            new RingWait(buffer, deadlineNanos, idlePolicy, waitingFor);
    }

    /**
     * A slot ahead of its index's lap means another thread moved the index past it first; if the index has not
     * moved, the file is corrupt (and retrying would spin forever).
     */
    private void checkMoved(final int indexOffset, final long position)
    {
        if (buffer.getLongVolatile(indexOffset) == position)
        {
            throw new CorruptRingException("corrupt ring: a slot at position " + position +
                " is ahead of its index, which has not moved");
        }
    }

    private int recordSlots(final long position, final int length, final int type)
    {
        final int slots;
        if (MpmcRingDescriptor.SKIP == type)
        {
            slots = length;
        }
        else if (type < 1 || length < 0 || length > maxMessage)
        {
            throw new CorruptRingException("corrupt record at position " + position + ": type " + type + ", " +
                length + " bytes, limit " + maxMessage);
        }
        else
        {
            slots = slotsFor(length);
        }
        if (slots < 1 || slots > capacity || slots > MpmcRingDescriptor.MAX_RECORD_SLOTS)
        {
            throw new CorruptRingException("corrupt record at position " + position + ": " + slots + " slots");
        }
        return slots;
    }

    /**
     * A producer waits on the slots of the record at {@code position}, which a consumer took; if that consumer
     * died before freeing them, free them.
     */
    private void freeIfTakenByTheDead(final long position)
    {
        final long consumerIndex = buffer.getLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET);
        if (consumerIndex - position <= 0)
        {
            return; // not taken yet: the ring is full
        }
        final int deadClaim = deadClaimOn(MpmcRingDescriptor.CONSUMER_CLAIMS_OFFSET, position, false);
        if (deadClaim < 0)
        {
            return;
        }
        final long claim = buffer.getLongVolatile(deadClaim);
        if (!buffer.compareAndSetLong(deadClaim, claim, FREE))
        {
            return;
        }
        final long start = position - ((position - (claim >>> 16)) & ((1L << 48) - 1));
        boolean freed = false;
        for (int i = 0; i < MpmcRingDescriptor.slots(claim); i++)
        {
            freed |= buffer.compareAndSetLong(slotOffset(start + i) + MpmcRingDescriptor.SEQUENCE_OFFSET,
                start + i + 1, start + i + capacity);
        }
        if (freed)
        {
            buffer.getAndAddLong(body + MpmcRingDescriptor.LOST_OFFSET, 1);
        }
    }

    /**
     * A consumer waits on {@code position}, which a producer claimed; if that producer died before publishing,
     * publish a skip record in its place.
     */
    private void skipIfClaimedByTheDead(final long position)
    {
        final long producerIndex = buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET);
        if (producerIndex - position <= 0)
        {
            return; // nothing claimed there yet: the ring is empty
        }
        final int deadClaim = deadClaimOn(MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET, position, true);
        if (deadClaim < 0)
        {
            return;
        }
        final long claim = buffer.getLongVolatile(deadClaim);
        if (!buffer.compareAndSetLong(deadClaim, claim, FREE))
        {
            return;
        }
        publishSkip(position, MpmcRingDescriptor.slots(claim));
    }

    private void publishSkip(final long position, final int slots)
    {
        final int first = slotOffset(position);
        if (buffer.getLongVolatile(first + MpmcRingDescriptor.SEQUENCE_OFFSET) != position ||
            buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET) - position <= 0)
        {
            return;
        }
        buffer.putInt(first + MpmcRingDescriptor.LENGTH_OFFSET, slots);
        buffer.putInt(first + MpmcRingDescriptor.TYPE_OFFSET, MpmcRingDescriptor.SKIP);
        for (int i = slots - 1; i >= 0; i--)
        {
            buffer.putLongRelease(slotOffset(position + i) + MpmcRingDescriptor.SEQUENCE_OFFSET, position + i + 1);
        }
        buffer.getAndAddLong(body + MpmcRingDescriptor.ABANDONED_OFFSET, 1);
    }

    /**
     * @param exactStart true to match claims starting at {@code position} (producers), false for claims covering it.
     * @return the offset of the claim word of a dead process on {@code position}, or -1 if a live process has one
     * (it may be the claimant) or none has. Of several dead producer claims, the one of fewest slots.
     */
    private int deadClaimOn(final int claimsOffset, final long position, final boolean exactStart)
    {
        int found = -1;
        int foundSlots = Integer.MAX_VALUE;
        for (int process = 0; process < ProcessTableDescriptor.MAX_PROCESSES; process++)
        {
            final int block = body + MpmcRingDescriptor.claimBlockOffset(claimsOffset, process);
            boolean alive = false;
            boolean checked = false;
            for (int word = 1; word <= MpmcRingDescriptor.CLAIM_WORDS; word++)
            {
                final int offset = block + word * Long.BYTES;
                final long claim = buffer.getLongVolatile(offset);
                if (exactStart ? !MpmcRingDescriptor.startsAt(claim, position) : !MpmcRingDescriptor.covers(claim,
                    position))
                {
                    continue;
                }
                if (!checked)
                {
                    final long stamp = buffer.getLongVolatile(block);
                    alive = processes.isAlive(process) && processes.generation(process) == stamp;
                    checked = true;
                }
                if (alive)
                {
                    return -1;
                }
                if (MpmcRingDescriptor.slots(claim) < foundSlots)
                {
                    found = offset;
                    foundSlots = MpmcRingDescriptor.slots(claim);
                }
            }
        }
        return found;
    }

    /**
     * Resolves what a dead process that had this process's slot left in its claim block, then stamps the block
     * with this process's generation.
     */
    private void adoptClaimBlock(final int claimsOffset)
    {
        final int block = body + MpmcRingDescriptor.claimBlockOffset(claimsOffset, ownSlot);
        if (buffer.getLongVolatile(block) == generation)
        {
            return;
        }
        final boolean producers = MpmcRingDescriptor.PRODUCER_CLAIMS_OFFSET == claimsOffset;
        for (int word = 1; word <= MpmcRingDescriptor.CLAIM_WORDS; word++)
        {
            final int offset = block + word * Long.BYTES;
            final long claim = buffer.getLongVolatile(offset);
            if (FREE == claim || BORROWED == claim)
            {
                buffer.compareAndSetLong(offset, claim, FREE);
                continue;
            }
            final long start = claim >>> 16;
            final long position = start + ((producers ?
                buffer.getLongVolatile(body + MpmcRingDescriptor.PRODUCER_INDEX_OFFSET) :
                buffer.getLongVolatile(body + MpmcRingDescriptor.CONSUMER_INDEX_OFFSET)) & ~((1L << 48) - 1));
            if (producers)
            {
                skipIfClaimedByTheDead(position);
            }
            else
            {
                freeIfTakenByTheDead(position);
            }
            buffer.compareAndSetLong(offset, claim, FREE);
        }
        buffer.putLongRelease(block, generation);
    }

    private int slotOffset(final long position)
    {
        return body + MpmcRingDescriptor.SLOTS_OFFSET + (int)(position & mask) * slotLength;
    }

    private void copyIn(final long position, final DirectBuffer src, final int offset, final int length)
    {
        int copied = Math.min(length, slotLength - MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET);
        final int first = slotOffset(position) + MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET;
        if (copied <= SMALL_COPY)
        {
            copySmall(src, offset, first, copied);
        }
        else
        {
            buffer.putBytes(first, src, offset, copied);
        }
        for (long next = position + 1; copied < length; next++)
        {
            final int chunk = Math.min(length - copied, slotLength - MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET);
            buffer.putBytes(slotOffset(next) + MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET, src, offset + copied, chunk);
            copied += chunk;
        }
    }

    /**
     * Copies a few bytes word by word: cheaper than a bulk copy's checks for the small items most messages are.
     */
    private void copySmall(final DirectBuffer src, final int offset, final int index, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            buffer.putLong(index + i, src.getLong(offset + i));
        }
        for (; i < length; i++)
        {
            buffer.putByte(index + i, src.getByte(offset + i));
        }
    }

    private void copyOut(final long position, final byte[] message)
    {
        int copied = Math.min(message.length, slotLength - MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET);
        buffer.getBytes(slotOffset(position) + MpmcRingDescriptor.FIRST_PAYLOAD_OFFSET, message, 0, copied);
        for (long next = position + 1; copied < message.length; next++)
        {
            final int chunk = Math.min(message.length - copied, slotLength - MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET);
            buffer.getBytes(slotOffset(next) + MpmcRingDescriptor.NEXT_PAYLOAD_OFFSET, message, copied, chunk);
            copied += chunk;
        }
    }
}

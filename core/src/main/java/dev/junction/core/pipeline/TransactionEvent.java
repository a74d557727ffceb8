package dev.junction.core.pipeline;

import dev.junction.core.auth.Decision;
import dev.junction.core.iso.IsoMessage;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated, reused ring slot. Each field has one writer: the producer (a Netty event loop,
 * the admin publisher or the replayer) writes the input through {@link #input}; the authorizer
 * writes {@link #decision()}; the responder writes {@link #response()}. Nothing here allocates
 * after construction.
 */
public final class TransactionEvent
{
    /** Capacity of the response buffer: a response echoes a bounded set of fields, see ResponseEncoder. */
    public static final int RESPONSE_CAPACITY = 512;

    private final byte[] payloadBytes;
    private final UnsafeBuffer payload;
    private final IsoMessage request = new IsoMessage();
    private final Decision decision = new Decision();
    private final UnsafeBuffer response = new UnsafeBuffer(new byte[RESPONSE_CAPACITY]);

    private long sequence;
    private byte kind;
    private long ingressEpochNanos;
    private long connectionId;
    private int payloadLength;
    private int decodeStatus;
    private int responseLength;

    public TransactionEvent(final int payloadCapacity)
    {
        payloadBytes = new byte[payloadCapacity];
        payload = new UnsafeBuffer(payloadBytes);
    }

    /**
     * The array a producer copies an input's bytes into before {@link #input}; exposed so a Netty
     * buffer can copy straight into the slot without an intermediate copy.
     */
    public byte[] payloadArray()
    {
        return payloadBytes;
    }

    public int payloadCapacity()
    {
        return payloadBytes.length;
    }

    /**
     * Completes the input whose {@code length} bytes are already in {@link #payloadArray()}: records its
     * identity and, for a request, decodes it once so every stage reads the same view.
     */
    public void input(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
        final int length)
    {
        this.sequence = sequence;
        this.kind = kind;
        this.ingressEpochNanos = ingressEpochNanos;
        this.connectionId = connectionId;
        this.payloadLength = length;
        this.responseLength = 0;
        decodeStatus = kind == EventKind.REQUEST ? request.wrap(payload, 0, length) : 0;
    }

    /** Copies an input from a buffer (the admin publisher, the replayer) and completes it like {@link #input}. */
    public void copyInput(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
        final DirectBuffer source, final int offset, final int length)
    {
        source.getBytes(offset, payloadBytes, 0, length);
        input(sequence, kind, ingressEpochNanos, connectionId, length);
    }

    public long sequence()
    {
        return sequence;
    }

    public byte kind()
    {
        return kind;
    }

    public long ingressEpochNanos()
    {
        return ingressEpochNanos;
    }

    public long connectionId()
    {
        return connectionId;
    }

    public DirectBuffer payload()
    {
        return payload;
    }

    public int payloadLength()
    {
        return payloadLength;
    }

    /** @return the decoded request; meaningful only when {@link #kind()} is {@link EventKind#REQUEST}. */
    public IsoMessage request()
    {
        return request;
    }

    /** @return the {@code IsoDecodeStatus} of the request, 0 for other kinds. */
    public int decodeStatus()
    {
        return decodeStatus;
    }

    public Decision decision()
    {
        return decision;
    }

    /** The responder's buffer for the encoded response. */
    public MutableDirectBuffer response()
    {
        return response;
    }

    public int responseLength()
    {
        return responseLength;
    }

    public void responseLength(final int responseLength)
    {
        this.responseLength = responseLength;
    }
}

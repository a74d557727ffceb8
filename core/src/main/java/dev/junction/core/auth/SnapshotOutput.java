package dev.junction.core.auth;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Where a snapshot of the authorizer's state is written: a growing byte buffer, little-endian.
 * Allocates as it grows, which is fine: a snapshot is taken off the request path.
 */
public final class SnapshotOutput
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final ExpandableArrayBuffer buffer;
    private int position;

    public SnapshotOutput(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(Math.max(64, initialCapacity));
    }

    public void writeByte(final int value)
    {
        buffer.putByte(position, (byte)value);
        position += 1;
    }

    public void writeBoolean(final boolean value)
    {
        writeByte(value ? 1 : 0);
    }

    public void writeShort(final int value)
    {
        buffer.putShort(position, (short)value, ORDER);
        position += 2;
    }

    public void writeInt(final int value)
    {
        buffer.putInt(position, value, ORDER);
        position += 4;
    }

    public void writeLong(final long value)
    {
        buffer.putLong(position, value, ORDER);
        position += 8;
    }

    /** Overwrites the long at {@code at}, already written (a header field known only at the end). */
    public void putLong(final int at, final long value)
    {
        buffer.putLong(at, value, ORDER);
    }

    public int position()
    {
        return position;
    }

    /** @return the bytes written, valid until the next write. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return a copy of the bytes written. */
    public byte[] toByteArray()
    {
        final byte[] bytes = new byte[position];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}

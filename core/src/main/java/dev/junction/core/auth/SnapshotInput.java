package dev.junction.core.auth;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Reads a snapshot written through {@link SnapshotOutput}; every read is bounds-checked, so a short
 * or damaged snapshot fails with a {@link SnapshotException}, never with garbage state.
 */
public final class SnapshotInput
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    public SnapshotInput(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public byte readByte()
    {
        need(1);
        final byte value = buffer.getByte(position);
        position += 1;
        return value;
    }

    public boolean readBoolean()
    {
        final byte value = readByte();
        if (value != 0 && value != 1)
        {
            throw new SnapshotException("snapshot holds " + value + " where a flag was expected: damaged");
        }
        return value == 1;
    }

    public short readShort()
    {
        need(2);
        final short value = buffer.getShort(position, ORDER);
        position += 2;
        return value;
    }

    public int readInt()
    {
        need(4);
        final int value = buffer.getInt(position, ORDER);
        position += 4;
        return value;
    }

    public long readLong()
    {
        need(8);
        final long value = buffer.getLong(position, ORDER);
        position += 8;
        return value;
    }

    /** @return a count read from the snapshot, refused unless within {@code 0..max}. */
    public int readCount(final int max, final String what)
    {
        final int count = readInt();
        if (count < 0 || count > max)
        {
            throw new SnapshotException("snapshot holds " + count + " " + what + ", more than the " + max + " configured");
        }
        return count;
    }

    /** Reads a section tag and refuses any other than {@code expected}. */
    public void expectSection(final int expected)
    {
        final int tag = readInt();
        if (tag != expected)
        {
            throw new SnapshotException("snapshot section " + Integer.toHexString(tag) + " where " +
                Integer.toHexString(expected) + " was expected: damaged or another format");
        }
    }

    public int remaining()
    {
        return limit - position;
    }

    private void need(final int bytes)
    {
        if (limit - position < bytes)
        {
            throw new SnapshotException("snapshot ends early: truncated");
        }
    }
}

package dev.junction.network;

/**
 * Where the MAC sits in an ISO 8583 message of Junction's dialect, and how it is checked and added.
 * The MAC field is the last field of the message: field 64 when there is no secondary bitmap, field
 * 128 when there is one, its bit set in that bitmap. The MAC covers every byte from the first byte of
 * the MTI up to, not including, the MAC field, bitmaps included as sent (so with the MAC field's bit
 * already set). The 2-byte frame length is not covered. See docs/acquirers.md for a worked example.
 *
 * <p>One instance per thread (it wraps a stateful {@link MacFunction}); allocation-free per message.
 */
public final class MessageMac
{
    /** The MAC verified. */
    public static final int VERIFIED = 0;
    /** The message's bitmap does not mark its MAC field (64, or 128 with a secondary bitmap). */
    public static final int MISSING = 1;
    /** The MAC field is there and does not match. */
    public static final int BAD = 2;
    /** Bytes of the MAC field. */
    public static final int MAC_LENGTH = MacFunction.MAC_LENGTH;

    private static final int MTI_LENGTH = 2;
    private static final int BITMAP_LENGTH = 8;
    private static final int SECONDARY_BITMAP_FLAG = 0x80;
    /** Field 64 is the last bit of the primary bitmap, field 128 the last bit of the secondary one. */
    private static final int LAST_FIELD_BIT = 0x01;

    private final MacFunction function;
    private final byte[] expected = new byte[MAC_LENGTH];

    public MessageMac(final MacFunction function)
    {
        this.function = function;
    }

    /** @return a MAC for {@code algorithm} under {@code key}, for one thread. */
    public static MessageMac of(final MacAlgorithm algorithm, final byte[] key)
    {
        return new MessageMac(algorithm.newFunction(key));
    }

    /**
     * Checks the MAC of the message in {@code message[offset, offset + length)} (no frame length).
     * Only the bitmap(s) and the last 8 bytes are read as fields, so a message that fails to decode
     * further on is still authenticated, or not, by its bytes.
     *
     * @return {@link #VERIFIED}, {@link #MISSING} or {@link #BAD}.
     */
    public int verify(final byte[] message, final int offset, final int length)
    {
        final int bitByte = macBitByte(message, offset, length);
        if (bitByte < 0 || (message[bitByte] & LAST_FIELD_BIT) == 0)
        {
            return MISSING;
        }
        final int macOffset = offset + length - MAC_LENGTH;
        function.compute(message, offset, length - MAC_LENGTH, expected, 0);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            // Constant time: every byte is compared whatever the first difference.
            difference |= expected[i] ^ message[macOffset + i];
        }
        return difference == 0 ? VERIFIED : BAD;
    }

    /**
     * Adds the MAC to a message that has none: sets the bit of field 64 (or, with a secondary bitmap,
     * of 128) and appends the 8 MAC bytes after the message's last byte.
     *
     * @param message holding the message at {@code offset}, with 8 bytes of room after it.
     * @return the message's new length, {@code length + 8}.
     * @throws IllegalStateException when the message already marks its MAC field or the buffer has no
     *     room: a programming error, as the switch only seals answers it encoded itself.
     */
    public int seal(final byte[] message, final int offset, final int length)
    {
        final int bitByte = macBitByte(message, offset, length + MAC_LENGTH);
        if (bitByte < 0 || (message[bitByte] & LAST_FIELD_BIT) != 0)
        {
            throw new IllegalStateException("cannot add a MAC to a message of " + length + " bytes that has no bitmap or " +
                "already marks its MAC field");
        }
        if (offset + length + MAC_LENGTH > message.length)
        {
            throw new IllegalStateException("no room for the MAC after a message of " + length + " bytes");
        }
        message[bitByte] |= LAST_FIELD_BIT;
        function.compute(message, offset, length, message, offset + length);
        return length + MAC_LENGTH;
    }

    /**
     * @return the index of the bitmap byte holding the MAC field's bit, or -1 when a message of
     *     {@code length} bytes (MAC included) cannot hold the MTI, its bitmap(s) and a MAC.
     */
    private static int macBitByte(final byte[] message, final int offset, final int length)
    {
        if (length < MTI_LENGTH + BITMAP_LENGTH + MAC_LENGTH)
        {
            return -1;
        }
        final boolean secondary = (message[offset + MTI_LENGTH] & SECONDARY_BITMAP_FLAG) != 0;
        final int bitmaps = secondary ? 2 * BITMAP_LENGTH : BITMAP_LENGTH;
        if (length < MTI_LENGTH + bitmaps + MAC_LENGTH)
        {
            return -1;
        }
        return offset + MTI_LENGTH + bitmaps - 1;
    }
}

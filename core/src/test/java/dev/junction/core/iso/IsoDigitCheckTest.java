package dev.junction.core.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Every digit position of a numeric field is checked, including those the decoder checks eight bytes at a time. */
class IsoDigitCheckTest
{
    @Test
    void aNonDigitNibbleAnywhereInALongPanIsInvalidBcd()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final int length = new IsoWriter().wrap(message, 0).mti(100)
            .putDigits(IsoFields.PAN, "6011000000000000007".getBytes(StandardCharsets.US_ASCII))
            .putNumeric(IsoFields.AMOUNT_TRANSACTION, 123_456_789_012L).finish();
        final IsoMessage decoded = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, decoded.wrap(message, 0, length));
        final int panValue = decoded.valueOffset(IsoFields.PAN);
        final int amountValue = decoded.valueOffset(IsoFields.AMOUNT_TRANSACTION);

        for (int digit = 0; digit < 19; digit++)
        {
            assertInvalidAt(message, length, panValue + digit / 2, digit % 2 == 0, IsoFields.PAN, "PAN digit " + digit);
        }
        for (int digit = 0; digit < 12; digit++)
        {
            assertInvalidAt(message, length, amountValue + digit / 2, digit % 2 == 0, IsoFields.AMOUNT_TRANSACTION,
                "amount digit " + digit);
        }
    }

    @Test
    void eachNibbleValueAboveNineIsRejectedAndEachDigitAccepted()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final int length = new IsoWriter().wrap(message, 0).mti(200)
            .putNumeric(IsoFields.AMOUNT_TRANSACTION, 0).finish();
        final int amountValue = 2 + 8;
        final IsoMessage decoded = new IsoMessage();
        for (int nibble = 0; nibble < 16; nibble++)
        {
            message.putByte(amountValue + 3, (byte)(nibble << 4));
            assertEquals(nibble <= 9 ? IsoDecodeStatus.OK : IsoDecodeStatus.INVALID_BCD,
                decoded.wrap(message, 0, length), "nibble " + nibble);
        }
    }

    private static void assertInvalidAt(final UnsafeBuffer message, final int length, final int index,
        final boolean highNibble, final int field, final String what)
    {
        final byte original = message.getByte(index);
        message.putByte(index, (byte)(highNibble ? (original & 0x0F) | 0xA0 : (original & 0xF0) | 0x0B));
        final IsoMessage decoded = new IsoMessage();
        assertEquals(IsoDecodeStatus.INVALID_BCD, decoded.wrap(message, 0, length), what);
        assertEquals(field, decoded.errorField(), what);
        message.putByte(index, original);
    }
}

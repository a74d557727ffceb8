package dev.junction.core.iso;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs and test failures print messages; they must never print card secrets.
 */
class IsoMessageToStringTest
{
    @Test
    void toStringMasksThePanAndHidesTrackDataAndPinBlock()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = new IsoWriter().wrap(buffer, 0).mti(100)
            .putDigits(IsoFields.PAN, "4000001234561234".getBytes(StandardCharsets.US_ASCII))
            .putNumeric(IsoFields.STAN, 4711)
            .putDigits(IsoFields.TRACK_2, "4000001234561234=2712".getBytes(StandardCharsets.US_ASCII))
            .putChars(IsoFields.TRACK_1, "B4000001234561234^DOE/JOHN^2712".getBytes(StandardCharsets.US_ASCII))
            .putBinary(IsoFields.PIN_DATA, new byte[] {0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF0})
            .finish();
        final IsoMessage msg = new IsoMessage();
        msg.wrap(buffer, 0, length);

        final String text = msg.toString();

        assertTrue(text.contains("2=400000******1234"), text);
        assertTrue(text.contains("11=004711"), text);
        assertFalse(text.contains("0000012345"), text);
        assertFalse(text.contains("DOE"), text);
        assertFalse(text.contains("2712"), text);
        assertFalse(text.contains("123456789ABC"), text);
    }

    @Test
    void shortPanIsMaskedEntirely()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new IsoWriter().wrap(buffer, 0).mti(100)
            .putDigits(IsoFields.PAN, "123456789".getBytes(StandardCharsets.US_ASCII))
            .finish();
        final IsoMessage msg = new IsoMessage();
        msg.wrap(buffer, 0, length);

        assertTrue(msg.toString().contains("2=*********"), msg.toString());
    }
}

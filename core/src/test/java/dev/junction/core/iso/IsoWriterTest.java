package dev.junction.core.iso;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The writer's encoding rules spelled out in bytes, and its refusal of programming errors.
 */
class IsoWriterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final IsoWriter writer = new IsoWriter();

    private String hex(final int length)
    {
        return ISOUtil.hexString(Arrays.copyOf(buffer.byteArray(), length));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void oddLlNumericIsRightPaddedAndOddFixedNumericLeftPadded()
    {
        final int length = writer.wrap(buffer, 0).mti(100)
            .putDigits(IsoFields.PAN, ascii("4000001234567"))
            .putNumeric(IsoFields.POS_ENTRY_MODE, 51)
            .finish();

        assertEquals("0100" + "4000040000000000" + "13" + "40000012345670" + "0051", hex(length));
    }

    @Test
    void fixedCharFieldIsRightPaddedWithSpaces()
    {
        final int length = writer.wrap(buffer, 0).mti(110).putChars(IsoFields.TERMINAL_ID, ascii("T1")).finish();

        assertEquals("0110" + "0000000000800000" + "5431202020202020", hex(length));
    }

    @Test
    void lllCharFieldHasATwoByteBcdLength()
    {
        final int length = writer.wrap(buffer, 0).mti(200).putChars(IsoFields.ADDITIONAL_AMOUNTS, ascii("ABC")).finish();

        assertEquals("0200" + "0000000000000400" + "0003" + "414243", hex(length));
    }

    @Test
    void amountFieldIsSignByteThenZeroPaddedBcd()
    {
        final int length = writer.wrap(buffer, 0).mti(200).putAmount(28, (byte)'D', 150).finish();

        assertEquals("0200" + "0000001000000000" + "44" + "00000150", hex(length));
    }

    @Test
    void secondaryBitmapIsWrittenOnlyWhenAFieldAbove64IsAdded()
    {
        final int withoutSecondary = writer.wrap(buffer, 0).mti(810).putNumeric(IsoFields.STAN, 42).finish();
        assertEquals("0810" + "0020000000000000" + "000042", hex(withoutSecondary));

        final int withSecondary = writer.wrap(buffer, 0).mti(810)
            .putNumeric(IsoFields.STAN, 42)
            .putNumeric(IsoFields.NETWORK_MGMT_CODE, 301)
            .finish();
        assertEquals("0810" + "8020000000000000" + "0400000000000000" + "000042" + "0301", hex(withSecondary));
    }

    @Test
    void field65IsOneBinaryByte()
    {
        final int length = writer.wrap(buffer, 0).mti(800).putBinary(65, new byte[] {0x7F}).finish();

        assertEquals("0800" + "8000000000000000" + "8000000000000000" + "7F", hex(length));
    }

    @Test
    void fieldsOutOfOrderOrRepeatedAreRefused()
    {
        writer.wrap(buffer, 0).mti(100).putNumeric(IsoFields.STAN, 1);
        assertThrows(IllegalStateException.class, () -> writer.putNumeric(IsoFields.STAN, 2));
        assertThrows(IllegalStateException.class, () -> writer.putNumeric(IsoFields.PROCESSING_CODE, 0));
    }

    @Test
    void writingPastTheBufferCapacityIsRefused()
    {
        final IsoWriter small = new IsoWriter().wrap(new UnsafeBuffer(new byte[16]), 0).mti(100);
        assertThrows(IllegalStateException.class, () -> small.putChars(IsoFields.CARD_ACCEPTOR_NAME, ascii("SHOP")));

        final IsoWriter noRoomForSecondary = new IsoWriter().wrap(new UnsafeBuffer(new byte[14]), 0).mti(800);
        noRoomForSecondary.putNumeric(IsoFields.STAN, 1);
        assertThrows(IllegalStateException.class, () -> noRoomForSecondary.putNumeric(IsoFields.NETWORK_MGMT_CODE, 1));
    }

    @Test
    void valuesThatDoNotFitTheFieldAreRefused()
    {
        writer.wrap(buffer, 0).mti(100);
        assertThrows(IllegalArgumentException.class, () -> writer.putNumeric(IsoFields.STAN, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> writer.putNumeric(IsoFields.STAN, -1));
        assertThrows(IllegalArgumentException.class, () -> writer.putDigits(IsoFields.PAN, ascii("40000012345678901234")));
        assertThrows(IllegalArgumentException.class, () -> writer.putDigits(IsoFields.PAN, ascii("40000A")));
        assertThrows(IllegalArgumentException.class, () -> writer.putDigits(IsoFields.PAN, ascii("4000=1")));
        assertThrows(IllegalArgumentException.class, () -> writer.putChars(IsoFields.RESPONSE_CODE, ascii("000")));
        assertThrows(IllegalArgumentException.class, () -> writer.putBinary(IsoFields.PIN_DATA, new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> writer.putAmount(28, (byte)'X', 1));
        assertThrows(IllegalArgumentException.class, () -> writer.putAmount(28, (byte)'C', 100_000_000));
    }

    @Test
    void writerMethodsRefuseFieldsOfAnotherKind()
    {
        writer.wrap(buffer, 0).mti(100);
        assertThrows(IllegalArgumentException.class, () -> writer.putNumeric(IsoFields.TERMINAL_ID, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.putChars(IsoFields.STAN, ascii("1")));
        assertThrows(IllegalArgumentException.class, () -> writer.putBinary(IsoFields.STAN, new byte[6]));
        assertThrows(IllegalArgumentException.class, () -> writer.putAmount(IsoFields.AMOUNT_TRANSACTION, (byte)'C', 1));
        assertThrows(IllegalArgumentException.class, () -> writer.putNumeric(1, 1));
    }

    @Test
    void finishingWithoutMtiOrTwiceIsRefused()
    {
        writer.wrap(buffer, 0);
        assertThrows(IllegalStateException.class, writer::finish);

        writer.wrap(buffer, 0).mti(800).finish();
        assertThrows(IllegalStateException.class, writer::finish);
        assertThrows(IllegalStateException.class, () -> writer.putNumeric(IsoFields.STAN, 1));
    }

    @Test
    void copyingAnAbsentFieldIsRefused()
    {
        final IsoMessage empty = new IsoMessage();
        writer.wrap(buffer, 0).mti(110);
        assertThrows(IllegalStateException.class, () -> writer.copyField(empty, IsoFields.PAN));
    }
}

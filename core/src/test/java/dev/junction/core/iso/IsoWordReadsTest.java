package dev.junction.core.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link IsoMessage#numeric}, {@link IsoMessage#panKey} and {@link IsoMessage#chars} read a field's
 * digits or characters in one eight-byte load when the buffer has eight bytes from the field's start, and
 * byte by byte when it has not. Both ways must give the value written, whatever follows the field (the
 * next field's bytes or garbage shifted into the load), for every length, odd and even, left-padded or not.
 */
class IsoWordReadsTest
{
    private static final int ROUNDS = 3_000;

    @Test
    void everyLengthReadsTheValueWrittenWhateverFollowsAndWhereverTheBufferEnds()
    {
        final SplittableRandom random = new SplittableRandom(20261122);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[256]);
        final IsoWriter writer = new IsoWriter();
        for (int round = 0; round < ROUNDS; round++)
        {
            final String pan = digits(random, 1 + random.nextInt(19));
            final long processingCode = random.nextLong(1_000_000);
            final long amount = random.nextLong(1_000_000_000_000L);
            final long transmission = random.nextLong(10_000_000_000L);
            final long stan = random.nextLong(1_000_000);
            final long entryMode = random.nextLong(1_000);
            final String acquirer = digits(random, 1 + random.nextInt(11));
            final String rrn = chars(random, 12);
            final String terminal = chars(random, 8);
            final String merchant = chars(random, 15);
            final int length = writer.wrap(scratch, 0).mti(200)
                .putDigits(IsoFields.PAN, ascii(pan))
                .putNumeric(IsoFields.PROCESSING_CODE, processingCode)
                .putNumeric(IsoFields.AMOUNT_TRANSACTION, amount)
                .putNumeric(IsoFields.TRANSMISSION_DATE_TIME, transmission)
                .putNumeric(IsoFields.STAN, stan)
                .putNumeric(IsoFields.POS_ENTRY_MODE, entryMode)
                .putDigits(IsoFields.ACQUIRER_ID, ascii(acquirer))
                .putChars(IsoFields.RRN, ascii(rrn))
                .putChars(IsoFields.TERMINAL_ID, ascii(terminal))
                .putChars(IsoFields.MERCHANT_ID, ascii(merchant))
                .finish();
            // Once with 0xFF garbage after the message (which the word loads read and must discard), once
            // in a buffer that ends with the message (the last fields read byte by byte).
            final byte[] roomy = new byte[length + 16];
            java.util.Arrays.fill(roomy, (byte)0xFF);
            scratch.getBytes(0, roomy, 0, length);
            final byte[] tight = new byte[length];
            scratch.getBytes(0, tight, 0, length);
            for (final byte[] bytes : new byte[][] {roomy, tight})
            {
                final IsoMessage message = new IsoMessage();
                final String where = "round " + round + (bytes == tight ? ", buffer ends with the message" : "");
                assertEquals(IsoDecodeStatus.OK, message.wrap(new UnsafeBuffer(bytes), 0, length), where);
                assertEquals(Long.parseUnsignedLong(pan), message.panKey(IsoFields.PAN), where);
                if (pan.length() <= 18)
                {
                    assertEquals(Long.parseLong(pan), message.numeric(IsoFields.PAN), where);
                }
                assertEquals(processingCode, message.numeric(IsoFields.PROCESSING_CODE), where);
                assertEquals(amount, message.numeric(IsoFields.AMOUNT_TRANSACTION), where);
                assertEquals(transmission, message.numeric(IsoFields.TRANSMISSION_DATE_TIME), where);
                assertEquals(stan, message.numeric(IsoFields.STAN), where);
                assertEquals(entryMode, message.numeric(IsoFields.POS_ENTRY_MODE), where);
                assertEquals(Long.parseLong(acquirer), message.numeric(IsoFields.ACQUIRER_ID), where);
                assertEquals(packed(rrn, 0, 8), message.chars(IsoFields.RRN, 0, 8), where);
                assertEquals(packed(rrn, 8, 4), message.chars(IsoFields.RRN, 8, 4), where);
                assertEquals(packed(terminal, 0, 8), message.chars(IsoFields.TERMINAL_ID, 0, 8), where);
                assertEquals(packed(merchant, 8, 7), message.chars(IsoFields.MERCHANT_ID, 8, 7), where);
                assertEquals(packed(merchant, 3, 1), message.chars(IsoFields.MERCHANT_ID, 3, 1), where);
            }
        }
    }

    @Test
    void aTrackSeparatorIsNotANumberInEitherWay()
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64]);
        final int length = new IsoWriter().wrap(scratch, 0).mti(100)
            .putDigits(IsoFields.TRACK_2, ascii("4761=2512")).finish();
        for (final int capacity : new int[] {length, length + 16})
        {
            final byte[] bytes = new byte[capacity];
            scratch.getBytes(0, bytes, 0, length);
            final IsoMessage message = new IsoMessage();
            assertEquals(IsoDecodeStatus.OK, message.wrap(new UnsafeBuffer(bytes), 0, length));
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> message.numeric(IsoFields.TRACK_2), "capacity " + capacity);
            assertEquals("field 35 holds a separator, not a number", refused.getMessage());
        }
    }

    @Test
    void charsOutsideTheFieldOrOfAnotherKindAreRefused()
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64]);
        final int length = new IsoWriter().wrap(scratch, 0).mti(100)
            .putNumeric(IsoFields.STAN, 7).putChars(IsoFields.TERMINAL_ID, ascii("TERM0001")).finish();
        final IsoMessage message = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, message.wrap(scratch, 0, length));
        assertThrows(IndexOutOfBoundsException.class, () -> message.chars(IsoFields.TERMINAL_ID, 1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> message.chars(IsoFields.TERMINAL_ID, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> message.chars(IsoFields.TERMINAL_ID, -1, 2));
        assertThrows(IllegalStateException.class, () -> message.chars(IsoFields.STAN, 0, 1));
        assertEquals(packed("TERM0001", 4, 4), message.chars(IsoFields.TERMINAL_ID, 4, 4));
    }

    private static long packed(final String text, final int from, final int count)
    {
        long value = 0;
        for (int i = from; i < from + count; i++)
        {
            value = value << 8 | text.charAt(i);
        }
        return value;
    }

    private static String digits(final SplittableRandom random, final int count)
    {
        final StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            text.append((char)('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static String chars(final SplittableRandom random, final int count)
    {
        final StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            text.append((char)(0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

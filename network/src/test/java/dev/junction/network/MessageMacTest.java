package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.iso.IsoWriter;
import dev.junction.core.pipeline.TransactionEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The MAC primitives against published known answers, and the MAC field's place in a message against
 * the worked example of docs/acquirers.md, whose MACs were computed by independent implementations
 * (Python's hmac module; OpenSSL's DES in CBC and ECB mode composed as ISO 9797-1 algorithm 3).
 */
class MessageMacTest
{
    private static final HexFormat HEX = HexFormat.of();
    /** The example key of docs/acquirers.md: 16 bytes, so also a double-length DES key K1|K2. */
    static final byte[] EXAMPLE_KEY = HEX.parseHex("0123456789abcdeffedcba9876543210");
    /** The docs' example sign-on 0800 (7, 11, 32, 70) with its bit 128 set, before the MAC is appended. */
    static final String EXAMPLE_SIGN_ON = "0800" + "8220000100000000" + "0400000000000001" + "1121120000" + "000001" +
        "06123456" + "0001";

    @Test
    void hmacSha256MatchesRfc4231TestCase1And2TruncatedToItsLeftmost8Bytes() throws Exception
    {
        assertEquals("b0344c61d8db3853", mac(new HmacSha256Mac(filled(20, 0x0b)), "Hi There".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("5bdcc146bf60754e", mac(new HmacSha256Mac("Jefe".getBytes(StandardCharsets.US_ASCII)),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void hmacSha256AgreesWithTheJdksMacForKeysAndMessagesOfManyLengths() throws Exception
    {
        final java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++)
        {
            final byte[] key = new byte[1 + random.nextInt(150)];
            final byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(key);
            random.nextBytes(data);
            final javax.crypto.Mac jdk = javax.crypto.Mac.getInstance("HmacSHA256");
            jdk.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            final String expected = HEX.formatHex(jdk.doFinal(data), 0, MessageMac.MAC_LENGTH);
            assertEquals(expected, mac(new HmacSha256Mac(key), data), "key " + key.length + " bytes, data " + data.length);
        }
    }

    @Test
    void verifyingAndSealingAllocateNothingOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        for (final MacAlgorithm algorithm : MacAlgorithm.values())
        {
            final MessageMac mac = MessageMac.of(algorithm, EXAMPLE_KEY);
            final byte[] message = HEX.parseHex(EXAMPLE_SIGN_ON + "0000000000000000");
            final byte[] answer = new byte[64];
            for (int i = 0; i < 20_000; i++)
            {
                mac.verify(message, 0, message.length);
                answer[9] = 0;
                mac.seal(answer, 0, 40);
            }
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 10_000; i++)
            {
                mac.verify(message, 0, message.length);
                answer[9] = 0;
                mac.seal(answer, 0, 40);
            }
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 1024, algorithm + " allocated " + allocated + " bytes over 20,000 MACs");
        }
    }

    @Test
    void iso9797Algorithm3MatchesTheBouncyCastleKnownAnswer() throws Exception
    {
        // Bouncy Castle's ISO9797Alg3MacTest: DES, key 7CA110454A1A6E57|0131D9619DC1376E, zero IV.
        final RetailMac retail = new RetailMac(HEX.parseHex("7CA110454A1A6E570131D9619DC1376E"));
        assertEquals("f09b856213bab83b", mac(retail, "Hello World !!!!".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void iso9797Algorithm3PadsAPartialLastBlockWithZeros() throws Exception
    {
        final RetailMac retail = new RetailMac(EXAMPLE_KEY);
        final byte[] message = HEX.parseHex("0102030405060708090a0b");
        final byte[] padded = Arrays.copyOf(message, 16);
        assertEquals(mac(retail, padded), mac(retail, message), "padding method 1: zeros to the block");
        assertEquals(mac(retail, new byte[8]), mac(retail, new byte[0]), "an empty message is one block of zeros");
    }

    @Test
    void theDocumentedSignOnIsWhatTheCodecWritesAndItsMacsAreTheDocumentedOnes()
    {
        final byte[] buffer = new byte[64];
        final IsoWriter writer = new IsoWriter().wrap(new UnsafeBuffer(buffer), 0);
        writer.mti(800).putNumeric(IsoFields.TRANSMISSION_DATE_TIME, 1_121_120_000L).putNumeric(IsoFields.STAN, 1)
            .putNumeric(IsoFields.ACQUIRER_ID, 123_456).putNumeric(IsoFields.NETWORK_MGMT_CODE, 1);
        final int length = writer.finish();

        final int sealed = MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY).seal(buffer, 0, length);

        assertEquals(EXAMPLE_SIGN_ON + "26eaf7c399834158", HEX.formatHex(buffer, 0, sealed));
        assertEquals(MessageMac.VERIFIED, MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY).verify(buffer, 0, sealed));
        final byte[] retail = HEX.parseHex(EXAMPLE_SIGN_ON + "84e3733b92854de3");
        assertEquals(MessageMac.VERIFIED, MessageMac.of(MacAlgorithm.ISO9797_ALG3, EXAMPLE_KEY).verify(retail, 0, retail.length));
        final IsoMessage decoded = new IsoMessage();
        decoded.wrap(new UnsafeBuffer(buffer), 0, sealed);
        assertEquals(0, decoded.status());
        assertEquals(true, decoded.has(IsoFields.MAC_SECONDARY), "the MAC is field 128 when there is a secondary bitmap");
    }

    @Test
    void aMessageWithoutSecondaryBitmapCarriesItsMacInField64()
    {
        final byte[] buffer = new byte[64];
        final int length = new IsoWriter().wrap(new UnsafeBuffer(buffer), 0).mti(100).putNumeric(IsoFields.STAN, 7).finish();
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY);

        final int sealed = mac.seal(buffer, 0, length);

        final IsoMessage decoded = new IsoMessage();
        decoded.wrap(new UnsafeBuffer(buffer), 0, sealed);
        assertEquals(0, decoded.status());
        assertEquals(true, decoded.has(64));
        assertEquals(MessageMac.VERIFIED, mac.verify(buffer, 0, sealed));
    }

    @Test
    void aChangedByteABadKeyOrAnUnmarkedMacFieldFailVerification()
    {
        final byte[] message = HEX.parseHex(EXAMPLE_SIGN_ON + "26eaf7c399834158");
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY);
        for (int i = 0; i < message.length; i++)
        {
            if (i == 17)
            {
                continue; // the MAC field's own bit: clearing it makes the MAC missing, tested below
            }
            final byte[] changed = message.clone();
            changed[i] ^= 0x01;
            assertEquals(MessageMac.BAD, mac.verify(changed, 0, changed.length), "byte " + i + " changed");
        }
        final byte[] otherKey = EXAMPLE_KEY.clone();
        otherKey[0] ^= 1;
        assertEquals(MessageMac.BAD, MessageMac.of(MacAlgorithm.HMAC_SHA256, otherKey).verify(message, 0, message.length));
        final byte[] unmarked = message.clone();
        unmarked[17] &= ~0x01;
        assertEquals(MessageMac.MISSING, mac.verify(unmarked, 0, unmarked.length));
        assertEquals(MessageMac.MISSING, mac.verify(message, 0, 12), "too short to hold bitmaps and a MAC");
    }

    @Test
    void theLargestAnswerTheSwitchEncodesStillHasRoomForItsMac()
    {
        // Every field ResponseEncoder can write, at its longest: 2 bitmaps and 224 bytes in all.
        final byte[] buffer = new byte[TransactionEvent.RESPONSE_CAPACITY];
        final IsoWriter writer = new IsoWriter().wrap(new UnsafeBuffer(buffer), 0).mti(210)
            .putDigits(2, digits(19)).putNumeric(3, 0).putNumeric(4, 1).putNumeric(6, 1).putNumeric(7, 1)
            .putNumeric(10, 1).putNumeric(11, 1).putNumeric(12, 1).putNumeric(13, 1).putDigits(32, digits(11))
            .putChars(37, chars(12)).putChars(38, chars(6)).putChars(39, chars(2)).putChars(41, chars(8))
            .putChars(42, chars(15)).putChars(49, chars(3)).putChars(51, chars(3)).putChars(54, chars(40))
            .putNumeric(70, 1).putDigits(90, digits(42)).putChars(95, chars(42));
        final int length = writer.finish();

        final int sealed = MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY).seal(buffer, 0, length);

        assertEquals(224 + MessageMac.MAC_LENGTH, sealed);
        assertThrows(IllegalStateException.class,
            () -> MessageMac.of(MacAlgorithm.HMAC_SHA256, EXAMPLE_KEY).seal(new byte[length + 4], 0, length));
    }

    @Test
    void keysOfTheWrongLengthAreRefusedWithoutShowingThem()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MacAlgorithm.ISO9797_ALG3.newFunction(HEX.parseHex("0123456789abcdef")));
        assertEquals("the key is 8 bytes; iso9797-alg3 needs exactly 16 (32 hex digits)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MacAlgorithm.HMAC_SHA256.newFunction(new byte[15]));
    }

    private static String mac(final MacFunction function, final byte[] data)
    {
        final byte[] out = new byte[MacFunction.MAC_LENGTH];
        function.compute(data, 0, data.length, out, 0);
        return HEX.formatHex(out);
    }

    private static byte[] filled(final int length, final int value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)value);
        return bytes;
    }

    private static byte[] digits(final int count)
    {
        final byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte)'9');
        return bytes;
    }

    private static byte[] chars(final int count)
    {
        final byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte)'A');
        return bytes;
    }
}

package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acquirer configured with a MAC key: its messages must carry a MAC that verifies (field 64, or 128
 * with a secondary bitmap), or they are declined 63 at the door, counted and never journaled; every
 * answer it gets carries a MAC under the same key.
 */
@ExtendWith(NettyLeaks.class)
class MacOverTcpTest
{
    private static final String HMAC_BANK = "123456";
    private static final String RETAIL_BANK = "777";
    private static final byte[] KEY = MessageMacTest.EXAMPLE_KEY;

    @TempDir
    Path dir;

    private TestSwitch junction;
    private LogCapture logs;

    @BeforeEach
    void start() throws Exception
    {
        logs = new LogCapture();
        Files.writeString(dir.resolve("bank.key"), HexFormat.of().formatHex(KEY) + "\n");
        final Path file = Files.writeString(dir.resolve("acquirers.csv"), String.join("\n",
            "institution_id,allowed_addresses,mac_algorithm,mac_key",
            HMAC_BANK + ",127.0.0.0/8,hmac-sha256,file:bank.key",
            RETAIL_BANK + ",127.0.0.1,iso9797-alg3,file:bank.key", ""));
        junction = TestSwitch.start(TestSwitch.configIn(dir).acquirersFile(file).build());
    }

    @AfterEach
    void stop()
    {
        try
        {
            junction.close();
            assertNull(junction.fatal.get());
            for (final String line : logs.lines())
            {
                assertFalse(line.toLowerCase().contains(HexFormat.of().formatHex(KEY)), "a log line shows the key: " + line);
                assertFalse(line.contains(TestSwitch.ACTIVE), "a log line shows the PAN: " + line);
            }
        }
        finally
        {
            logs.close();
        }
    }

    @Test
    void aGoodMacIsApprovedAndEveryAnswerCarriesAMacThatVerifies() throws Exception
    {
        for (final MacAlgorithm algorithm : MacAlgorithm.values())
        {
            final String institution = algorithm == MacAlgorithm.HMAC_SHA256 ? HMAC_BANK : RETAIL_BANK;
            final MessageMac mac = MessageMac.of(algorithm, KEY);
            try (RawClient client = new RawClient(junction.port()))
            {
                final byte[] signedOn = exchange(client, sealed(mac, SignOnTest.signOn(institution, 1)));
                assertEquals(MessageMac.VERIFIED, mac.verify(signedOn, 0, signedOn.length), algorithm + " sign-on answer");
                final ISOMsg signOnAnswer = RawClient.unpack(signedOn);
                assertEquals("00", signOnAnswer.getString(39));
                assertTrue(signOnAnswer.hasField(128), "0810 has a secondary bitmap (field 70), so its MAC is 128");

                final ISOMsg request = TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2);
                request.set(32, institution);
                final byte[] approved = exchange(client, sealed(mac, request));
                assertEquals(MessageMac.VERIFIED, mac.verify(approved, 0, approved.length), algorithm + " 0110");
                final ISOMsg answer = RawClient.unpack(approved);
                assertEquals("00", answer.getString(39));
                assertTrue(answer.hasField(64), "0110 has no secondary bitmap, so its MAC is 64");
            }
        }
        assertEquals(2, junction.server.doorCounters().signOns.get());
    }

    @Test
    void aBadMacIsDeclined63CountedLoggedAndNotJournaled() throws Exception
    {
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, KEY);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("00", RawClient.unpack(exchange(client, sealed(mac, SignOnTest.signOn(HMAC_BANK, 1)))).getString(39));
            final byte[] tampered = sealed(mac, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2));
            tampered[tampered.length - 9] ^= 0x01; // field 49, the last byte before the MAC

            final byte[] declined = exchange(client, tampered);

            final ISOMsg answer = RawClient.unpack(declined);
            assertEquals("0110", answer.getMTI());
            assertEquals("63", answer.getString(39));
            assertFalse(answer.hasField(64), "no MAC over an answer to a sender that did not prove it holds the key");
            final byte[] next = exchange(client, sealed(mac, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 3)));
            assertEquals(MessageMac.VERIFIED, mac.verify(next, 0, next.length), "the connection goes on");
            assertEquals("00", RawClient.unpack(next).getString(39));
        }
        assertEquals(1, junction.server.doorCounters().macBad.get());
        final String metrics = junction.metrics();
        assertTrue(metrics.contains("\njunction_door_mac_bad_total 1\n") &&
            metrics.contains("\njunction_sign_ons_total 1\n"), "the refusal reaches /metrics: " + metrics);
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("a MAC that does not verify; answered 63")),
            String.join("\n", logs.lines()));
        junction.close();
        try (JournalReader reader = JournalReader.open(junction.dataDir))
        {
            assertEquals(2, JournalCounts.requests(reader), "the sign-on and the good 0100 only");
        }
    }

    @Test
    void aMissingMacIsDeclined63AndCounted() throws Exception
    {
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, KEY);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("63", RawClient.unpack(exchange(client, RawClient.pack(SignOnTest.signOn(HMAC_BANK, 1))))
                .getString(39), "a sign-on without its MAC");
            assertEquals("00", RawClient.unpack(exchange(client, sealed(mac, SignOnTest.signOn(HMAC_BANK, 2)))).getString(39));
            assertEquals("63", RawClient.unpack(exchange(client,
                RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 3)))).getString(39));
        }
        assertEquals(2, junction.server.doorCounters().macMissing.get());
    }

    @Test
    void aStandardJposClientSignsOnAndIsApprovedWithMacs() throws Exception
    {
        final MacFunction function = MacAlgorithm.HMAC_SHA256.newFunction(KEY);
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, KEY);
        final NACChannel channel = new NACChannel("127.0.0.1", junction.port(), new ISO87BPackager(), null);
        channel.setTimeout(10_000);
        channel.connect();
        try
        {
            final ISOMsg signOn = SignOnTest.signOn(HMAC_BANK, 1);
            jposSeal(function, signOn);
            channel.send(signOn);
            final ISOMsg signedOn = channel.receive();
            assertEquals("00", signedOn.getString(39));
            assertJposMacVerifies(mac, signedOn);

            final ISOMsg request = TestSwitch.request("0200", TestSwitch.ACTIVE, 250, 2);
            jposSeal(function, request);
            channel.send(request);
            final ISOMsg answer = channel.receive();
            assertEquals("0210", answer.getMTI());
            assertEquals("00", answer.getString(39));
            assertJposMacVerifies(mac, answer);
        }
        finally
        {
            channel.disconnect();
        }
    }

    /** As an acquirer's jPOS code would: MAC field set to zeros, pack, MAC the bytes before that field, set it. */
    private static void jposSeal(final MacFunction function, final ISOMsg msg) throws Exception
    {
        final int field = msg.getMaxField() > 64 ? 128 : 64;
        msg.set(field, new byte[MessageMac.MAC_LENGTH]);
        final byte[] packed = RawClient.pack(msg);
        final byte[] computed = new byte[MessageMac.MAC_LENGTH];
        function.compute(packed, 0, packed.length - MessageMac.MAC_LENGTH, computed, 0);
        msg.set(field, computed);
    }

    private static void assertJposMacVerifies(final MessageMac mac, final ISOMsg answer) throws Exception
    {
        answer.setPackager(new ISO87BPackager());
        final byte[] packed = answer.pack();
        assertEquals(MessageMac.VERIFIED, mac.verify(packed, 0, packed.length), "the answer's MAC, as jPOS received it");
    }

    private byte[] exchange(final RawClient client, final byte[] request) throws Exception
    {
        client.sendFrame(request);
        final byte[] answer = client.readFrame();
        assertNotNull(answer, "no answer: the connection closed");
        return answer;
    }

    /** @return the message packed with its MAC appended (field 64, or 128 with a secondary bitmap). */
    static byte[] sealed(final MessageMac mac, final ISOMsg msg) throws Exception
    {
        final byte[] packed = RawClient.pack(msg);
        final byte[] room = java.util.Arrays.copyOf(packed, packed.length + MessageMac.MAC_LENGTH);
        mac.seal(room, 0, packed.length);
        return room;
    }
}

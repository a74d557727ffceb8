package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken input gets a 30 where an answer can be addressed, otherwise that one connection is closed;
 * either way the switch logs one line without the PAN and goes on serving everyone else, and no
 * exception reaches Netty's default handler.
 */
@ExtendWith(NettyLeaks.class)
class BadInputTest
{
    @TempDir
    Path dir;

    private TestSwitch junction;
    private LogCapture logs;

    @BeforeEach
    void start() throws Exception
    {
        logs = new LogCapture();
        junction = TestSwitch.start(TestSwitch.configIn(dir).maxFrameBytes(1024).build());
    }

    @AfterEach
    void stop() throws Exception
    {
        try
        {
            assertStillServing();
            junction.close();
            assertNull(junction.fatal.get());
            final List<String> lines = logs.lines();
            for (final String line : lines)
            {
                assertFalse(line.contains(TestSwitch.ACTIVE), "a log line shows the PAN: " + line);
                assertFalse(line.contains("DefaultChannelPipeline"), "an exception reached Netty's tail: " + line);
            }
        }
        finally
        {
            logs.close();
        }
    }

    @Test
    void aDeclaredLengthOverTheMaximumClosesThatConnection() throws Exception
    {
        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(new byte[16], 1025);
            assertNull(client.readFrame(), "the connection should be closed");
        }
        assertLogged("frame of 1025 bytes is over the limit of 1024");
    }

    @Test
    void aTruncatedBitmapClosesThatConnection() throws Exception
    {
        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(new byte[] {0x01, 0x00, 0x72, 0x38, 0x00});
            assertNull(client.readFrame(), "the connection should be closed");
        }
        assertLogged("no answer can be addressed");
    }

    @Test
    void invalidBcdInAFieldIsAnswered30EchoingTheFieldsBeforeIt() throws Exception
    {
        final byte[] frame = RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 77));
        // Field 12 (local time, 3 BCD bytes) follows 2 (1 + 8), 3 (3), 4 (6), 7 (5), 11 (3) after MTI and bitmap.
        final int field12 = 2 + 8 + 9 + 3 + 6 + 5 + 3;
        frame[field12] = (byte)0xAB;

        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(frame);
            final ISOMsg answer = client.readAnswer();
            assertNotNull(answer);
            assertEquals("0110", answer.getMTI());
            assertEquals("30", answer.getString(39));
            assertEquals("000077", answer.getString(11));
            assertFalse(answer.hasField(38));
        }
        assertLogged("malformed 0100 (STAN 77)");
    }

    @Test
    void aVariableFieldLongerThanItsMaximumIsAnswered30() throws Exception
    {
        final byte[] frame = RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 78));
        // Field 32 (LLNUM, at most 11 digits) follows 12 (3) and 13 (2).
        final int field32 = 2 + 8 + 9 + 3 + 6 + 5 + 3 + 3 + 2;
        assertEquals(0x06, frame[field32], "field 32's length prefix");
        frame[field32] = 0x12;

        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(frame);
            final ISOMsg answer = client.readAnswer();
            assertEquals("30", answer.getString(39));
            assertEquals("000078", answer.getString(11));
        }
    }

    @Test
    void randomGarbageIsAnswered30OrClosedAndTheSwitchKeepsServing() throws Exception
    {
        final Random random = new Random(20261121);
        for (int round = 0; round < 50; round++)
        {
            try (RawClient client = new RawClient(junction.port()))
            {
                final byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                client.sendFrame(garbage);
                final byte[] answer = client.readFrame();
                if (answer != null)
                {
                    assertEquals("30", RawClient.unpack(answer).getString(39), "garbage " + Arrays.toString(garbage));
                }
            }
        }
        assertStillServing();
    }

    @Test
    void aConnectionClosedMidFrameDoesNotDisturbOthers() throws Exception
    {
        final byte[] frame = RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1));
        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(Arrays.copyOf(frame, 20), frame.length);
        }
        assertStillServing();
    }

    @Test
    void aResponseSentToTheSwitchIsNotAnswered() throws Exception
    {
        final ISOMsg stray = TestSwitch.request("0110", TestSwitch.ACTIVE, 100, 5);
        stray.set(39, "00");
        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(RawClient.pack(stray));
            client.sendFrame(RawClient.pack(TestSwitch.networkManagement("301", 6)));
            final ISOMsg answer = client.readAnswer();
            assertEquals("0810", answer.getMTI(), "the first answer is the echo's: the 0110 got none");
        }
    }

    private void assertStillServing() throws Exception
    {
        final NACChannel client = junction.connect();
        client.send(TestSwitch.request("0100", TestSwitch.RICH, 100, 999));
        final ISOMsg answer = client.receive();
        client.disconnect();
        assertEquals("00", answer.getString(39));
    }

    private void assertLogged(final String fragment) throws InterruptedException
    {
        for (int i = 0; i < 100; i++)
        {
            if (logs.lines().stream().anyMatch(line -> line.contains(fragment)))
            {
                return;
            }
            Thread.sleep(20);
        }
        assertTrue(false, "no log line contains '" + fragment + "': " + logs.lines());
    }
}

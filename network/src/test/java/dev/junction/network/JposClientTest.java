package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What an acquirer's jPOS client (NACChannel, ISO87BPackager) gets from a running switch. */
@ExtendWith(NettyLeaks.class)
class JposClientTest
{
    @TempDir
    Path dir;

    private TestSwitch junction;
    private NACChannel client;

    @BeforeEach
    void start() throws Exception
    {
        junction = TestSwitch.start(dir);
        client = junction.connect();
    }

    @AfterEach
    void stop() throws Exception
    {
        client.disconnect();
        junction.close();
        assertNull(junction.fatal.get());
    }

    @Test
    void anEchoIsAnswered0810Approved() throws Exception
    {
        final ISOMsg answer = exchange(TestSwitch.networkManagement("301", 1));

        assertEquals("0810", answer.getMTI());
        assertEquals("00", answer.getString(39));
        assertEquals("301", answer.getString(70));
        assertEquals("000001", answer.getString(11));
    }

    @Test
    void signOnAndSignOffAreAnsweredApproved() throws Exception
    {
        assertEquals("00", exchange(TestSwitch.networkManagement("001", 1)).getString(39));
        assertEquals("00", exchange(TestSwitch.networkManagement("002", 2)).getString(39));
    }

    @Test
    void anAuthorizationWithinFundsIsApprovedWithAnAuthorizationIdAndEchoesTheRequest() throws Exception
    {
        final ISOMsg request = TestSwitch.request("0100", TestSwitch.ACTIVE, 2_500, 42);

        final ISOMsg answer = exchange(request);

        assertEquals("0110", answer.getMTI());
        assertEquals("00", answer.getString(39));
        assertTrue(answer.getString(38).matches("[0-9A-Z]{6}"), "field 38: " + answer.getString(38));
        for (final int field : TestSwitch.ECHOED)
        {
            assertEquals(request.getString(field), answer.getString(field), "field " + field);
        }
    }

    @Test
    void anAuthorizationBeyondFundsIsDeclined51() throws Exception
    {
        assertEquals("00", exchange(TestSwitch.request("0100", TestSwitch.ACTIVE, 8_000, 1)).getString(39));

        final ISOMsg answer = exchange(TestSwitch.request("0100", TestSwitch.ACTIVE, 2_001, 2));

        assertEquals("51", answer.getString(39));
        assertFalse(answer.hasField(38));
    }

    @Test
    void anUnknownCardIsDeclined14() throws Exception
    {
        assertEquals("14", exchange(TestSwitch.request("0100", TestSwitch.UNKNOWN, 100, 1)).getString(39));
    }

    @Test
    void anExpiredCardIsDeclined54() throws Exception
    {
        assertEquals("54", exchange(TestSwitch.request("0100", TestSwitch.EXPIRED, 100, 1)).getString(39));
    }

    @Test
    void aLostCardIsDeclined41() throws Exception
    {
        assertEquals("41", exchange(TestSwitch.request("0100", TestSwitch.LOST, 100, 1)).getString(39));
    }

    @Test
    void aStolenCardIsDeclined43AndABlockedOne62() throws Exception
    {
        assertEquals("43", exchange(TestSwitch.request("0100", TestSwitch.STOLEN, 100, 1)).getString(39));
        assertEquals("62", exchange(TestSwitch.request("0100", TestSwitch.BLOCKED, 100, 2)).getString(39));
    }

    @Test
    void aPurchaseIsApprovedAndPostsAtOnce() throws Exception
    {
        final ISOMsg answer = exchange(TestSwitch.request("0200", TestSwitch.ACTIVE, 10_000, 1));

        assertEquals("0210", answer.getMTI());
        assertEquals("00", answer.getString(39));
        assertEquals("51", exchange(TestSwitch.request("0200", TestSwitch.ACTIVE, 1, 2)).getString(39));
    }

    private ISOMsg exchange(final ISOMsg request) throws Exception
    {
        client.send(request);
        return client.receive();
    }
}

package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A card's whole lifecycle from a jPOS client: authorize, complete, purchase, reverse, refund, inquire. */
@ExtendWith(NettyLeaks.class)
class LifecycleOverTcpTest
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
    void authorizeCompletePurchaseReverseRefundAndInquire() throws Exception
    {
        // Account 1 holds 10,000.
        final ISOMsg authorization = exchange(TestSwitch.request("0100", TestSwitch.ACTIVE, 3_000, 1));
        assertEquals("00", authorization.getString(39));

        final ISOMsg completion = TestSwitch.request("0220", TestSwitch.ACTIVE, 2_000, 2);
        completion.set(38, authorization.getString(38));
        final ISOMsg completed = exchange(completion);
        assertEquals("0230", completed.getMTI());
        assertEquals("00", completed.getString(39));
        assertBalances(8_000, 8_000, 3);

        assertEquals("00", exchange(TestSwitch.request("0200", TestSwitch.ACTIVE, 1_000, 4)).getString(39));
        assertBalances(7_000, 7_000, 5);

        final ISOMsg reversal = reversalOf("0200", 4, 6);
        final ISOMsg reversed = exchange(reversal);
        assertEquals("0410", reversed.getMTI());
        assertEquals("00", reversed.getString(39));
        assertEquals(reversal.getString(90), reversed.getString(90));
        reversal.setMTI("0401");
        assertEquals("00", exchange(reversal).getString(39), "a repeated reversal is answered again");
        assertBalances(8_000, 8_000, 7);

        final ISOMsg refund = TestSwitch.request("0200", TestSwitch.ACTIVE, 500, 8);
        refund.set(3, "200000");
        refund.set(37, completion.getString(37));
        assertEquals("00", exchange(refund).getString(39));
        assertBalances(8_500, 8_500, 9);

        final ISOMsg overRefund = TestSwitch.request("0200", TestSwitch.ACTIVE, 1_501, 10);
        overRefund.set(3, "200000");
        overRefund.set(37, completion.getString(37));
        assertEquals("13", exchange(overRefund).getString(39), "refunds never exceed their original");
    }

    @Test
    void aRetransmittedAuthorizationGetsTheSameAnswerAndHoldsOnce() throws Exception
    {
        final ISOMsg request = TestSwitch.request("0100", TestSwitch.ACTIVE, 4_000, 1);
        final ISOMsg first = exchange(request);
        final ISOMsg second = exchange(request);

        assertEquals("00", second.getString(39));
        assertEquals(first.getString(38), second.getString(38));
        assertBalances(10_000, 6_000, 2);

        request.set(4, "000000004001");
        assertEquals("94", exchange(request).getString(39), "same keys, different content");
    }

    @Test
    void aReversalOfAnUnknownOriginalIsAnswered25AndTheLateOriginalIsDeclined() throws Exception
    {
        assertEquals("25", exchange(reversalOf("0100", 7, 8)).getString(39));

        final ISOMsg late = exchange(TestSwitch.request("0100", TestSwitch.ACTIVE, 1_000, 7));

        assertEquals("12", late.getString(39));
        assertBalances(10_000, 10_000, 9);
    }

    /** A reversal naming its original by field 90: MTI, STAN, transmission time, acquirer, forwarder. */
    private static ISOMsg reversalOf(final String originalMti, final int originalStan, final int stan) throws Exception
    {
        final ISOMsg reversal = TestSwitch.request("0400", TestSwitch.ACTIVE, 1_000, stan);
        reversal.set(90, String.format("%s%06d%s%011d%011d", originalMti, originalStan, "1121120000", 123456L, 0L));
        return reversal;
    }

    private void assertBalances(final long ledgerMinor, final long availableMinor, final int stan) throws Exception
    {
        final ISOMsg inquiry = TestSwitch.request("0100", TestSwitch.ACTIVE, 0, stan);
        inquiry.set(3, "310000");
        inquiry.unset(4);
        final ISOMsg answer = exchange(inquiry);
        assertEquals("00", answer.getString(39));
        assertEquals(String.format("0001840C%012d0002840C%012d", ledgerMinor, availableMinor), answer.getString(54));
    }

    private ISOMsg exchange(final ISOMsg request) throws Exception
    {
        client.send(request);
        return client.receive();
    }
}

package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an acquirers file, a connection must sign on (0800, 70=001) as a configured institution allowed
 * from its address before anything else enters the switch; refusals are answered at the door and never
 * journaled.
 */
@ExtendWith(NettyLeaks.class)
class SignOnTest
{
    /** Allowed from this test's 127.0.0.1. */
    static final String LOCAL_BANK = "123456";
    /** Configured, but only from addresses that are not this test's. */
    static final String REMOTE_BANK = "654321";

    @TempDir
    Path dir;

    private TestSwitch junction;
    private LogCapture logs;

    @AfterEach
    void stop()
    {
        if (junction != null)
        {
            junction.close();
            assertNull(junction.fatal.get());
        }
        if (logs != null)
        {
            logs.close();
        }
    }

    @Test
    void aRequestBeforeSignOnIsAnswered91AtTheDoorAndNotJournaled() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            final ISOMsg refused = exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1));
            assertEquals("0110", refused.getMTI());
            assertEquals("91", refused.getString(39));
            assertEquals("000001", refused.getString(11));

            assertEquals("00", exchange(client, signOn(LOCAL_BANK, 2)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 3)).getString(39));
        }
        assertEquals(1, junction.server.doorCounters().beforeSignOn.get());
        assertEquals(1, junction.server.doorCounters().signOns.get());
        junction.close();
        try (JournalReader reader = JournalReader.open(junction.dataDir))
        {
            assertEquals(2, JournalCounts.requests(reader), "the sign-on and the 0100 after it; not the refused one");
        }
    }

    @Test
    void withBeforeSignOnCloseARequestBeforeSignOnClosesTheConnection() throws Exception
    {
        start(AcquirerDoor.CLOSE, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            client.sendFrame(RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)));
            assertNull(client.readFrame(), "the connection should be closed");
        }
        assertEquals(1, junction.server.doorCounters().connectionsClosed.get());
        assertSignsOnAndIsApproved();
    }

    @Test
    void aSignOnFromAnAllowedAddressLetsTheConnectionsRequestsThrough() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        assertSignsOnAndIsApproved();
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("signed on as institution " + LOCAL_BANK)),
            String.join("\n", logs.lines()));
    }

    @Test
    void aSignOnAsAnInstitutionThatIsNotConfiguredIsRefused63() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            final ISOMsg refused = exchange(client, signOn("999999", 1));
            assertEquals("0810", refused.getMTI());
            assertEquals("63", refused.getString(39));
            assertEquals("91", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2)).getString(39),
                "still not signed on");
        }
        assertEquals(1, junction.server.doorCounters().unknownInstitution.get());
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("not configured") && line.contains("answered 63")),
            String.join("\n", logs.lines()));
    }

    @Test
    void aMalformedSignOnSignsNothingOn() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            final byte[] signOn = RawClient.pack(signOn(LOCAL_BANK, 1));
            final byte[] trailing = java.util.Arrays.copyOf(signOn, signOn.length + 1);
            client.sendFrame(trailing);
            assertEquals("91", client.readAnswer().getString(39), "a malformed sign-on is a request before sign-on");
            assertEquals("91", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2)).getString(39));
        }
        assertEquals(0, junction.server.doorCounters().signOns.get());
    }

    @Test
    void aSignOnFromAnAddressTheInstitutionIsNotAllowedFromIsRefused63() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("63", exchange(client, signOn(REMOTE_BANK, 1)).getString(39));
            assertEquals("91", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2)).getString(39));
        }
        assertEquals(1, junction.server.doorCounters().addressNotAllowed.get());
    }

    @Test
    void afterSignOffRequestsAreRefused91Again() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("00", exchange(client, signOn(LOCAL_BANK, 1)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2)).getString(39));
            assertEquals("00", exchange(client, networkManagement("002", LOCAL_BANK, 3)).getString(39));
            assertEquals("91", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 4)).getString(39));
        }
        assertEquals(1, junction.server.doorCounters().signOffs.get());
    }

    @Test
    void aSignedOnConnectionsRequestNamingAnotherInstitutionIsRefused63() throws Exception
    {
        start(AcquirerDoor.REJECT, 10);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("00", exchange(client, signOn(LOCAL_BANK, 1)).getString(39));
            final ISOMsg other = TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2);
            other.set(32, REMOTE_BANK);
            assertEquals("63", exchange(client, other).getString(39));
            assertEquals("63", exchange(client, signOn(REMOTE_BANK, 3)).getString(39), "a second sign-on as another");
            final ISOMsg withoutField32 = TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 4);
            withoutField32.unset(32);
            assertEquals("00", exchange(client, withoutField32).getString(39), "no field 32: the connection's institution");
        }
        assertEquals(2, junction.server.doorCounters().institutionMismatch.get());
    }

    @Test
    void aConnectionPastTheRefusalLimitIsClosed() throws Exception
    {
        start(AcquirerDoor.REJECT, 2);
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("91", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)).getString(39));
            assertEquals("63", exchange(client, signOn("999999", 2)).getString(39));
            client.sendFrame(RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 3)));
            assertNull(client.readFrame(), "the third refusal closes the connection");
        }
        assertEquals(1, junction.server.doorCounters().connectionsClosed.get());
        assertSignsOnAndIsApproved();
    }

    @Test
    void withoutAnAcquirersFileTheSwitchRunsOpenAndSaysSo() throws Exception
    {
        logs = new LogCapture();
        junction = TestSwitch.start(dir);
        assertTrue(junction.server.acquirersDescription().contains("the switch runs OPEN"),
            junction.server.acquirersDescription());
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("WARN") && line.contains("runs OPEN")),
            String.join("\n", logs.lines()));
        try (RawClient client = new RawClient(junction.port()))
        {
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)).getString(39));
        }
    }

    private void assertSignsOnAndIsApproved() throws Exception
    {
        try (RawClient client = new RawClient(junction.port()))
        {
            final ISOMsg signedOn = exchange(client, signOn(LOCAL_BANK, 11));
            assertEquals("0810", signedOn.getMTI());
            assertEquals("00", signedOn.getString(39));
            assertEquals("001", signedOn.getString(70));
            final ISOMsg approved = exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 12));
            assertEquals("0110", approved.getMTI());
            assertEquals("00", approved.getString(39));
        }
    }

    private void start(final String beforeSignOn, final int maxRefusals) throws Exception
    {
        logs = new LogCapture();
        final Path file = Files.writeString(dir.resolve("acquirers.csv"), String.join("\n",
            "institution_id,allowed_addresses,mac_algorithm,mac_key",
            LOCAL_BANK + ",127.0.0.1,,",
            REMOTE_BANK + ",10.0.0.0/8;192.0.2.7,,", ""));
        junction = TestSwitch.start(TestSwitch.configIn(dir).acquirersFile(file).beforeSignOn(beforeSignOn)
            .maxDoorRefusals(maxRefusals).build());
        assertFalse(junction.server.acquirersDescription().contains("OPEN"));
    }

    static ISOMsg signOn(final String institution, final int stan) throws Exception
    {
        return networkManagement("001", institution, stan);
    }

    static ISOMsg networkManagement(final String code, final String institution, final int stan) throws Exception
    {
        final ISOMsg msg = TestSwitch.networkManagement(code, stan);
        msg.set(32, institution);
        return msg;
    }

    static ISOMsg exchange(final RawClient client, final ISOMsg request) throws Exception
    {
        client.sendFrame(RawClient.pack(request));
        final ISOMsg answer = client.readAnswer();
        assertTrue(answer != null, "no answer: the connection closed");
        return answer;
    }

}

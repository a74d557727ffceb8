package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A silent acquirer is sent an 0800 echo after --idle-echo-ms and closed after --idle-close-ms; its 0810
 * reply to our echo is taken quietly and keeps the connection alive.
 */
@ExtendWith(NettyLeaks.class)
class IdleConnectionTest
{
    private static final DateTimeFormatter FIELD_7 = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aSilentAcquirerIsSentAnEchoAndItsReplyIsTakenQuietly() throws Exception
    {
        try (LogCapture logs = new LogCapture();
            TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).idleEchoMillis(200).idleCloseMillis(0)
                .build());
            RawClient client = new RawClient(junction.port()))
        {
            final long before = System.currentTimeMillis();
            final ISOMsg echo = client.readAnswer();
            final long after = System.currentTimeMillis();

            assertNotNull(echo, "an echo, not a close");
            assertEquals("0800", echo.getMTI());
            assertEquals("301", echo.getString(70));
            assertEquals("000001", echo.getString(11), "the switch's own STAN");
            final String time = echo.getString(7);
            assertTrue(time.compareTo(FIELD_7.format(Instant.ofEpochMilli(before))) >= 0 &&
                time.compareTo(FIELD_7.format(Instant.ofEpochMilli(after))) <= 0, "field 7 is now in UTC: " + time);

            final ISOMsg reply = (ISOMsg)echo.clone();
            reply.setMTI("0810");
            reply.set(39, "00");
            client.sendFrame(RawClient.pack(reply));
            awaitCount(junction.server.counters().echoRepliesReceived, 1);

            // A stray 0810 that answers nothing of ours is still logged.
            reply.set(11, "777777");
            client.sendFrame(RawClient.pack(reply));
            awaitLogged(logs, "ignored a 0810 (STAN 777777)");
            assertFalse(logs.lines().stream().anyMatch(line -> line.contains("ignored a 0810 (STAN 1)")),
                "the reply to our echo is not logged as stray: " + logs.lines());

            final ISOMsg next = client.readAnswer();
            assertEquals("0800", next.getMTI(), "silence goes on: another echo");
            assertEquals("000002", next.getString(11));
            assertEquals(0, junction.server.counters().idleCloses.get());
        }
    }

    @Test
    void aSilentAcquirerIsClosedAfterTheIdleCloseTime() throws Exception
    {
        try (LogCapture logs = new LogCapture();
            TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).idleEchoMillis(0).idleCloseMillis(300)
                .build());
            RawClient client = new RawClient(junction.port()))
        {
            assertNull(client.readFrame(), "closed without an echo");
            assertEquals(1, junction.server.counters().idleCloses.get());
            assertEquals(0, junction.server.counters().echoesSent.get());
            awaitLogged(logs, "nothing received for");
        }
    }

    @Test
    void anAcquirerThatAnswersEachEchoIsKeptOpen() throws Exception
    {
        try (TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).idleEchoMillis(100).idleCloseMillis(3_000)
            .build());
            RawClient client = new RawClient(junction.port()))
        {
            // Five echo intervals answered, more than the close time would allow without the replies.
            final long start = System.nanoTime();
            int answered = 0;
            while (System.nanoTime() - start < 4_000_000_000L)
            {
                final ISOMsg echo = client.readAnswer();
                assertNotNull(echo, "closed after " + answered + " echoes answered");
                echo.setMTI("0810");
                echo.set(39, "00");
                client.sendFrame(RawClient.pack(echo));
                answered++;
            }
            assertTrue(answered >= 5, "echoes answered: " + answered);
            awaitCount(junction.server.counters().echoRepliesReceived, answered);
            assertEquals(0, junction.server.counters().idleCloses.get());
            client.sendFrame(RawClient.pack(TestSwitch.request("0100", TestSwitch.RICH, 100, 1)));
            ISOMsg answer = client.readAnswer();
            while ("0800".equals(answer.getMTI()))
            {
                answer = client.readAnswer();
            }
            assertEquals("00", answer.getString(39), "still served");
        }
    }

    @Test
    void theEchoTimeIsFieldSevenInUtc()
    {
        final Random random = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            final long millis = random.nextLong() % 8_000_000_000_000L;
            assertEquals(Long.parseLong(FIELD_7.format(Instant.ofEpochMilli(millis))),
                NetworkEcho.transmissionDateTime(millis), "at " + Instant.ofEpochMilli(millis));
        }
    }

    private static void awaitCount(final java.util.concurrent.atomic.AtomicLong counter, final long expected)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter.get() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(expected, counter.get());
    }

    private static void awaitLogged(final LogCapture logs, final String fragment) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            if (logs.lines().stream().anyMatch(line -> line.contains(fragment)))
            {
                return;
            }
            Thread.sleep(10);
        }
        assertTrue(false, "no log line contains '" + fragment + "': " + logs.lines());
    }
}

package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that connects, sends garbage and reconnects in a loop costs the log a few lines a second, not a
 * line per connection: opening, closing and closing-for-bad-input lines share one limit over all sessions,
 * and the next line admitted says how many were left out. The switch serves a well-behaved acquirer after.
 */
@ExtendWith(NettyLeaks.class)
class ConnectionLogFloodTest
{
    private static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void aReconnectLoopIsLoggedAtAFewLinesASecond() throws Exception
    {
        try (TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).build());
             LogCapture logs = new LogCapture())
        {
            final long started = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++)
            {
                try (Socket socket = new Socket())
                {
                    socket.connect(new InetSocketAddress("127.0.0.1", junction.port()), 5_000);
                    // A frame whose MTI is not BCD: unreadable, so the switch closes the connection.
                    socket.getOutputStream().write(new byte[] {0, 4, (byte)0xFF, (byte)0xFF, 0, 0});
                    socket.getOutputStream().flush();
                    socket.setSoTimeout(5_000);
                    assertEquals(-1, socket.getInputStream().read(), "the switch closes a connection it cannot answer");
                }
            }
            final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
            // The limit counts lines per wall-clock second: the next connection, in a later second, is logged
            // again, and its line says how many were left out before it.
            Thread.sleep(1_100);

            final NACChannel channel = junction.connect();
            assertEquals("00", TestSwitch.exchange(channel, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1))
                .getString(39), "a well-behaved acquirer is served after the flood");
            channel.disconnect();

            final List<String> lines = logs.lines().stream().filter(line -> line.contains("connection ")).toList();
            // 300 connections make 900 lifecycle events (opened, unreadable frame, closed).
            final long allowed = (seconds + 1) * SessionRegistry.LIFECYCLE_LOG_LINES_PER_SECOND + 5;
            assertTrue(lines.size() <= allowed, lines.size() + " connection lines in about " + seconds + " s; at most " +
                allowed + " expected");
            assertTrue(lines.stream().anyMatch(line -> line.contains(" opened from ") &&
                line.contains("more such lines suppressed before this one")),
                "a line after the flood says how many were left out: " + String.join("\n", lines));
        }
    }
}

package dev.junction.benchmarks.floor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The echo floor's command line and its polling event loop ({@code --loop-spin-us}). */
class EchoServerTest
{
    @Test
    void aLoopSpinOutOfRangeIsOneLineAndExitCode2()
    {
        final StringWriter err = new StringWriter();
        final int code = EchoServer.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
            .execute("--port", "0", "--loop-spin-us", "10001");
        assertEquals(2, code);
        assertEquals("junction echo-server: --loop-spin-us must be 0..10000: 10001 (see --help)", err.toString().strip());
    }

    @Test
    void aFloorWhoseLoopPollsAnswersEachFrameWithItself() throws Exception
    {
        try (EchoServer floor = new EchoServer("127.0.0.1", 0, 1, "auto", 1_000))
        {
            final int port = floor.start().getPort();
            try (Socket socket = new Socket("127.0.0.1", port))
            {
                socket.setSoTimeout(10_000);
                final OutputStream out = socket.getOutputStream();
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                for (int i = 0; i < 50; i++)
                {
                    final byte[] frame = {0, 3, 'a', 'b', (byte)i};
                    out.write(frame);
                    out.flush();
                    final byte[] answer = new byte[frame.length];
                    in.readFully(answer);
                    assertArrayEquals(frame, answer, "frame " + i);
                }
            }
        }
    }
}

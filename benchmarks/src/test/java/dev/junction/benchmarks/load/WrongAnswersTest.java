package dev.junction.benchmarks.load;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.iso.IsoWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong answer is counted, never ignored: a tiny fake switch answers every request wrongly. */
class WrongAnswersTest
{
    /** Never handed out with 64 in flight: the STANs in use stop at 999,936. */
    private static final int STAN_NEVER_OUTSTANDING = 999_999;

    private enum Wrong
    {
        STAN, MTI, UNDECODABLE
    }

    @Test
    void anAnswerWithAStanThatIsNotOutstandingIsUnmatched() throws Exception
    {
        final LoadResult result = runAgainst(Wrong.STAN);

        assertEquals(result.sent(), result.unmatched());
        assertEquals(0, result.answered());
        assertEquals(1, result.exitCode());
    }

    @Test
    void anAnswerWhoseMtiDoesNotPairWithTheRequestIsUnmatched() throws Exception
    {
        final LoadResult result = runAgainst(Wrong.MTI);

        assertEquals(result.sent(), result.unmatched());
        assertEquals(result.sent(), result.missing(), "the right answer never came");
        assertEquals(1, result.exitCode());
    }

    @Test
    void anAnswerThatDoesNotDecodeIsMalformed() throws Exception
    {
        final LoadResult result = runAgainst(Wrong.UNDECODABLE);

        assertEquals(result.sent(), result.malformed());
        assertEquals(1, result.exitCode());
    }

    private static LoadResult runAgainst(final Wrong wrong) throws Exception
    {
        try (ServerSocket listener = new ServerSocket(0))
        {
            final Thread fake = new Thread(() -> answerWrongly(listener, wrong), "fake-switch");
            fake.setDaemon(true);
            fake.start();
            final LoadResult result = Runs.run(LoadConfig.defaults("127.0.0.1", listener.getLocalPort())
                .withConnections(1).withRate(200).withMix("auth=1").withTiming(1_000, 0, 300));
            assertTrue(result.sent() > 0);
            return result;
        }
    }

    /** Answers each request of one connection: with a STAN never sent, with the request's own MTI, or with junk. */
    private static void answerWrongly(final ServerSocket listener, final Wrong wrong)
    {
        final IsoMessage request = new IsoMessage();
        final IsoWriter writer = new IsoWriter();
        final UnsafeBuffer answer = new UnsafeBuffer(new byte[512]);
        try (Socket socket = listener.accept())
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true)
            {
                final byte[] frame = new byte[in.readUnsignedShort()];
                in.readFully(frame);
                request.wrap(new UnsafeBuffer(frame), 0, frame.length);
                final int length;
                switch (wrong)
                {
                    case STAN:
                        writer.wrap(answer, 0).mti(request.mti() + 10).putNumeric(IsoFields.STAN, STAN_NEVER_OUTSTANDING)
                            .putChars(IsoFields.RESPONSE_CODE, new byte[] {'0', '0'});
                        length = writer.finish();
                        break;
                    case MTI:
                        writer.wrap(answer, 0).mti(request.mti() + 30).copyField(request, IsoFields.STAN)
                            .putChars(IsoFields.RESPONSE_CODE, new byte[] {'0', '0'});
                        length = writer.finish();
                        break;
                    default:
                        answer.putBytes(0, new byte[] {(byte)0xFF, (byte)0xFF, 1, 2, 3});
                        length = 5;
                        break;
                }
                out.writeShort(length);
                out.write(answer.byteArray(), 0, length);
                out.flush();
            }
        }
        catch (final IOException e)
        {
            // The generator closed the connection at the end of its run: the fake's work is done.
        }
    }
}

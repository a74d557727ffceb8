package dev.junction.network;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;

/** A plain socket client for sending what a jPOS channel never would: broken frames and garbage. */
final class RawClient implements AutoCloseable
{
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] pack(final ISOMsg msg) throws ISOException
    {
        msg.setPackager(new ISO87BPackager());
        return msg.pack();
    }

    static ISOMsg unpack(final byte[] bytes) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(new ISO87BPackager());
        msg.unpack(bytes);
        return msg;
    }

    /** Sends {@code body} behind a 2-byte length that says {@code declaredLength}. */
    void sendFrame(final byte[] body, final int declaredLength) throws IOException
    {
        final byte[] frame = new byte[2 + body.length];
        frame[0] = (byte)(declaredLength >>> 8);
        frame[1] = (byte)declaredLength;
        System.arraycopy(body, 0, frame, 2, body.length);
        out.write(frame);
        out.flush();
    }

    void sendFrame(final byte[] body) throws IOException
    {
        sendFrame(body, body.length);
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /** @return the next answer's bytes, or null when the switch closed the connection. */
    byte[] readFrame() throws IOException
    {
        try
        {
            final int length = in.readUnsignedShort();
            final byte[] body = new byte[length];
            in.readFully(body);
            return body;
        }
        catch (final EOFException | SocketException closed)
        {
            return null;
        }
    }

    ISOMsg readAnswer() throws IOException, ISOException
    {
        final byte[] frame = readFrame();
        return frame == null ? null : unpack(frame);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}

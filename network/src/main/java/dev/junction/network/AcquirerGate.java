package dev.junction.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteOrder;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's door: decides, on the event loop and before a frame claims a ring slot, whether it
 * may enter the switch. A connection signs on with an 0800 (70=001) naming in field 32 an institution
 * that is configured and allowed from the connection's address; until then, requests are refused. A
 * signed-on connection's messages must not name another institution in field 32, and, where its
 * acquirer has a MAC key, must carry a MAC that verifies (see {@link MessageMac}). 70=002 signs off.
 * Answers to an acquirer with a key get a MAC as they leave ({@link #seal}).
 *
 * <p>A refusal never enters the ring, so it is not journaled: it is answered here (91 before sign-on,
 * 63 for a security refusal), counted in {@link DoorCounters} and logged, rate-limited. Past the
 * door's refusal limit the connection is closed. An open door (no acquirers file) lets everything
 * through untouched.
 *
 * <p>Event loop only, allocation-free in steady state: one copy of each frame into a reused array,
 * one decode into a reused flyweight, one MAC computation with a reused {@link javax.crypto.Mac}.
 */
final class AcquirerGate
{
    /** The frame may enter the ring. */
    static final int PASS = 0;
    /** Refused: send {@link #answer()} and take the next frame. */
    static final int ANSWER = 1;
    /** Refused, and it cannot be answered (not a request): take the next frame. */
    static final int DROP = 2;
    /** Refused: close the connection. */
    static final int CLOSE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(AcquirerGate.class);
    private static final int FRAME_HEADER = 2;
    private static final int NETWORK_MANAGEMENT_REQUEST = 800;
    private static final int SIGN_ON = 1;
    private static final int SIGN_OFF = 2;

    private final AcquirerDoor door;
    private final DoorCounters counters;
    private final byte[] frame;
    private final UnsafeBuffer frameView;
    private final IsoMessage message = new IsoMessage();
    private final byte[] answer = new byte[FRAME_HEADER + TransactionEvent.RESPONSE_CAPACITY + MessageMac.MAC_LENGTH];
    private final UnsafeBuffer answerView = new UnsafeBuffer(answer);
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final LogLimiter log = new LogLimiter(10, 1000);

    private long connectionId = -1;
    private InetAddress remoteAddress;
    private String remote = "?";
    /** The acquirer this connection is signed on as, or null. */
    private Acquirer signedOn;
    /** The MAC of the acquirer last signed on as: verifies while signed on, seals every answer. Null: none. */
    private MessageMac mac;
    /** The MAC that verified the frame last admitted, or null: only such a frame's answer is sealed. */
    private MessageMac verifiedBy;
    private Acquirer signedOnBefore;
    private MessageMac macBefore;
    private int refusals;
    private int answerLength;

    AcquirerGate(final AcquirerDoor door, final int maxFrameBytes)
    {
        this.door = door;
        this.counters = door.counters();
        this.frame = new byte[maxFrameBytes];
        this.frameView = new UnsafeBuffer(frame);
    }

    /** The connection is open: its id and peer, for the sign-on check and the log. */
    void connected(final long id, final SocketAddress peer)
    {
        connectionId = id;
        if (peer instanceof InetSocketAddress)
        {
            remoteAddress = ((InetSocketAddress)peer).getAddress();
            remote = remoteAddress == null ? peer.toString() : remoteAddress.getHostAddress();
        }
    }

    /**
     * Decides on the frame {@code in[index, index + length)} (no frame length).
     *
     * @return {@link #PASS}, {@link #ANSWER}, {@link #DROP} or {@link #CLOSE}.
     */
    int admit(final ByteBuf in, final int index, final int length)
    {
        if (door.isOpen())
        {
            return PASS;
        }
        signedOnBefore = signedOn;
        macBefore = mac;
        verifiedBy = null;
        in.getBytes(index, frame, 0, length);
        message.wrap(frameView, 0, length);
        if (!message.isAddressable())
        {
            if (signedOn != null && mac == null)
            {
                return PASS;
            }
            counters.connectionsClosed.incrementAndGet();
            LOG.warn("connection {} from {}: unreadable frame {}; closing the connection", connectionId, remote,
                signedOn == null ? "before sign-on" : "where a MAC is required");
            return CLOSE;
        }
        final int networkCode = networkManagementCode();
        if (networkCode == SIGN_ON)
        {
            return signOn(length);
        }
        if (signedOn == null)
        {
            counters.beforeSignOn.incrementAndGet();
            if (door.closeBeforeSignOn())
            {
                counters.connectionsClosed.incrementAndGet();
                LOG.warn("connection {} from {}: {} (STAN {}) before sign-on; closing the connection (--before-sign-on close)",
                    connectionId, remote, mtiText(), stan());
                return CLOSE;
            }
            return refuse(ResponseCodes.SYSTEM_UNAVAILABLE, "before sign-on");
        }
        if (mac != null)
        {
            final int verdict = mac.verify(frame, 0, length);
            if (verdict != MessageMac.VERIFIED)
            {
                return refuseMac(verdict);
            }
            verifiedBy = mac;
        }
        if (message.has(IsoFields.ACQUIRER_ID) && institutionKey() != signedOn.institutionKey())
        {
            counters.institutionMismatch.incrementAndGet();
            return refuse(ResponseCodes.SECURITY_VIOLATION, "field 32 names another institution than " +
                signedOn.institutionId() + ", which this connection signed on as");
        }
        if (networkCode == SIGN_OFF)
        {
            LOG.info("connection {} from {}: institution {} signed off", connectionId, remote, signedOn.institutionId());
            counters.signOffs.incrementAndGet();
            signedOn = null;
        }
        return PASS;
    }

    private int signOn(final int length)
    {
        if (!message.has(IsoFields.ACQUIRER_ID))
        {
            counters.unknownInstitution.incrementAndGet();
            return refuse(ResponseCodes.SECURITY_VIOLATION, "sign-on without field 32");
        }
        if (signedOn != null && institutionKey() != signedOn.institutionKey())
        {
            counters.institutionMismatch.incrementAndGet();
            return refuse(ResponseCodes.SECURITY_VIOLATION, "sign-on as another institution while signed on as " +
                signedOn.institutionId() + "; sign off first");
        }
        final Acquirer acquirer = door.acquirers().find(message.numeric(IsoFields.ACQUIRER_ID),
            message.digitCount(IsoFields.ACQUIRER_ID));
        if (acquirer == null)
        {
            counters.unknownInstitution.incrementAndGet();
            return refuse(ResponseCodes.SECURITY_VIOLATION, "sign-on as an institution that is not configured");
        }
        if (remoteAddress == null || !acquirer.allows(remoteAddress))
        {
            counters.addressNotAllowed.incrementAndGet();
            return refuse(ResponseCodes.SECURITY_VIOLATION, "sign-on as institution " + acquirer.institutionId() +
                ", which is not allowed from this address");
        }
        final MessageMac acquirerMac = acquirer == signedOn ? mac : acquirer.newMessageMac();
        if (acquirerMac != null)
        {
            final int verdict = acquirerMac.verify(frame, 0, length);
            if (verdict != MessageMac.VERIFIED)
            {
                return refuseMac(verdict);
            }
            verifiedBy = acquirerMac;
        }
        signedOn = acquirer;
        mac = acquirerMac;
        counters.signOns.incrementAndGet();
        LOG.info("connection {} from {}: signed on as institution {}{}", connectionId, remote, acquirer.institutionId(),
            acquirerMac == null ? "" : " (MAC " + acquirer.macAlgorithm() + ")");
        return PASS;
    }

    /**
     * The frame last admitted was answered 91 by the session because the ring was full, so it never
     * entered the switch: its sign-on or sign-off is undone, and the answer is sealed when the frame's
     * MAC verified.
     *
     * @return the answer's new length.
     */
    int ringFull(final byte[] response, final int offset, final int length)
    {
        if (signedOn != signedOnBefore)
        {
            (signedOn != null ? counters.signOns : counters.signOffs).decrementAndGet();
            LOG.warn("connection {} from {}: the sign-{} was answered 91 (the ring was full) and did not happen",
                connectionId, remote, signedOn != null ? "on" : "off");
        }
        signedOn = signedOnBefore;
        mac = macBefore;
        return verifiedBy == null ? length : verifiedBy.seal(response, offset, length);
    }

    /**
     * Outbound: adds a MAC to one answer frame in {@code frame[0, frameLength)} (2-byte length first)
     * when this connection's acquirer has a key, fixing the frame length.
     *
     * @param frame with {@link MessageMac#MAC_LENGTH} bytes of room after the frame.
     * @return the frame's new length.
     */
    int seal(final byte[] frame, final int frameLength)
    {
        if (mac == null)
        {
            return frameLength;
        }
        final int length = mac.seal(frame, FRAME_HEADER, frameLength - FRAME_HEADER);
        frame[0] = (byte)(length >>> 8);
        frame[1] = (byte)length;
        return FRAME_HEADER + length;
    }

    /** @return the refusal to send after {@link #ANSWER}: a whole frame, length first. */
    byte[] answer()
    {
        return answer;
    }

    /** @return the length of {@link #answer()}'s frame. */
    int answerLength()
    {
        return answerLength;
    }

    private int refuseMac(final int verdict)
    {
        (verdict == MessageMac.MISSING ? counters.macMissing : counters.macBad).incrementAndGet();
        return refuse(ResponseCodes.SECURITY_VIOLATION, verdict == MessageMac.MISSING ?
            "no MAC (field 64, or 128 with a secondary bitmap)" : "a MAC that does not verify");
    }

    /** Counts the refusal against the limit, logs it (rate-limited) and encodes the answer if there can be one. */
    private int refuse(final int code, final String why)
    {
        if (++refusals > door.maxRefusals())
        {
            counters.connectionsClosed.incrementAndGet();
            LOG.warn("connection {} from {}: {} (STAN {}) refused for {}; over --max-door-refusals {}, closing the connection",
                connectionId, remote, mtiText(), stan(), why, door.maxRefusals());
            return CLOSE;
        }
        final int responseMti = Authorizer.responseMti(message.mti());
        if (log.admit())
        {
            LOG.warn("connection {} from {}: {} (STAN {}, field 32 {}) refused for {}; {} [{} so far]", connectionId, remote,
                mtiText(), stan(), institutionText(), why,
                responseMti < 0 ? "not a request, dropped" : "answered " + ResponseCodes.text(code), log.seen());
        }
        if (responseMti < 0)
        {
            return DROP;
        }
        int length = encoder.encode(message, responseMti, code, 0, answerView, FRAME_HEADER);
        if (verifiedBy != null)
        {
            length = verifiedBy.seal(answer, FRAME_HEADER, length);
        }
        answerView.putShort(0, (short)length, ByteOrder.BIG_ENDIAN);
        answerLength = FRAME_HEADER + length;
        return ANSWER;
    }

    /**
     * @return field 70 of an 0800 that decoded, or -1: a malformed sign-on (which the authorizer would
     *     answer 30) signs nothing on, and a malformed sign-off signs nothing off.
     */
    private int networkManagementCode()
    {
        return message.mti() == NETWORK_MANAGEMENT_REQUEST && message.status() == IsoDecodeStatus.OK &&
            message.has(IsoFields.NETWORK_MGMT_CODE) ?
            (int)message.numeric(IsoFields.NETWORK_MGMT_CODE) : -1;
    }

    private long institutionKey()
    {
        return Acquirer.institutionKey(message.numeric(IsoFields.ACQUIRER_ID), message.digitCount(IsoFields.ACQUIRER_ID));
    }

    private String institutionText()
    {
        if (!message.has(IsoFields.ACQUIRER_ID))
        {
            return "absent";
        }
        final StringBuilder digits = new StringBuilder();
        for (int i = 0; i < message.digitCount(IsoFields.ACQUIRER_ID); i++)
        {
            digits.append((char)('0' + message.digitAt(IsoFields.ACQUIRER_ID, i)));
        }
        return digits.toString();
    }

    private long stan()
    {
        return message.has(IsoFields.STAN) ? message.numeric(IsoFields.STAN) : -1;
    }

    private String mtiText()
    {
        return String.format("%04d", message.mti());
    }
}

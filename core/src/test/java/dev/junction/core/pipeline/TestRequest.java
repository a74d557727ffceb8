package dev.junction.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.junction.core.iso.IsoFieldType;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds ISO 8583 requests for tests with the project's own writer: fields by number with their text
 * values, written in field order, then loaded into a ring slot as the network would load it.
 */
public final class TestRequest
{
    /** 2026-11-21T12:00:00Z: the ingress time of every test request unless told otherwise. */
    public static final long NOW_EPOCH_NANOS = epochNanos("2026-11-21T12:00:00Z");

    private final int mti;
    private final Map<Integer, String> fields = new TreeMap<>();

    private TestRequest(final int mti)
    {
        this.mti = mti;
    }

    public static long epochNanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }

    public static TestRequest of(final int mti)
    {
        return new TestRequest(mti);
    }

    /** An 0100 (or 0200) with the fields an acquirer sends: 2, 3, 4, 7, 11, 12, 13, 41, 42, 49. */
    public static TestRequest purchase(final int mti, final String pan, final long amountMinor, final int stan)
    {
        return of(mti).with(IsoFields.PAN, pan).with(IsoFields.PROCESSING_CODE, "000000")
            .with(IsoFields.AMOUNT_TRANSACTION, String.format("%012d", amountMinor))
            .with(IsoFields.TRANSMISSION_DATE_TIME, "1121120000").with(IsoFields.STAN, String.format("%06d", stan))
            .with(IsoFields.LOCAL_TIME, "120000").with(IsoFields.LOCAL_DATE, "1121")
            .with(IsoFields.TERMINAL_ID, "TERM0001").with(IsoFields.MERCHANT_ID, "MERCHANT0000001")
            .with(IsoFields.CURRENCY_TRANSACTION, "840");
    }

    public TestRequest with(final int field, final String value)
    {
        fields.put(field, value);
        return this;
    }

    public TestRequest without(final int field)
    {
        fields.remove(field);
        return this;
    }

    public byte[] bytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final IsoWriter writer = new IsoWriter().wrap(buffer, 0).mti(mti);
        for (final Map.Entry<Integer, String> field : fields.entrySet())
        {
            final byte[] value = field.getValue().getBytes(StandardCharsets.US_ASCII);
            final IsoFieldType type = IsoFields.spec(field.getKey()).type();
            if (type.isNumeric())
            {
                writer.putDigits(field.getKey(), value);
            }
            else if (type.isChar())
            {
                writer.putChars(field.getKey(), value);
            }
            else
            {
                writer.putBinary(field.getKey(), value);
            }
        }
        final int length = writer.finish();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** Loads the request into a slot as a producer does, stamped with {@link #NOW_EPOCH_NANOS}. */
    public TransactionEvent into(final TransactionEvent event, final long sequence)
    {
        return into(event, sequence, NOW_EPOCH_NANOS);
    }

    public TransactionEvent into(final TransactionEvent event, final long sequence, final long ingressEpochNanos)
    {
        final byte[] bytes = bytes();
        System.arraycopy(bytes, 0, event.payloadArray(), 0, bytes.length);
        event.input(sequence, EventKind.REQUEST, ingressEpochNanos, 7, bytes.length);
        return event;
    }
}

package dev.junction.journal.cli;

import dev.junction.core.iso.IsoFieldType;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.concurrent.UnsafeBuffer;

/** Real ISO 8583 request bytes for tests, written with core's {@link IsoWriter}: fields by number, as text. */
final class IsoRequest
{
    private final int mti;
    private final Map<Integer, String> fields = new TreeMap<>();

    private IsoRequest(final int mti)
    {
        this.mti = mti;
    }

    static IsoRequest of(final int mti)
    {
        return new IsoRequest(mti);
    }

    /** An 0100 or 0200 as an acquirer sends it: 2, 3, 4, 7, 11, 12, 13, 37, 41, 42, 49. */
    static IsoRequest purchase(final int mti, final String pan, final long amountMinor, final int stan,
        final String terminal, final String merchant)
    {
        return of(mti).with(IsoFields.PAN, pan).with(IsoFields.PROCESSING_CODE, "000000")
            .with(IsoFields.AMOUNT_TRANSACTION, String.format("%012d", amountMinor))
            .with(IsoFields.TRANSMISSION_DATE_TIME, "1121120000").with(IsoFields.STAN, String.format("%06d", stan))
            .with(IsoFields.LOCAL_TIME, "120000").with(IsoFields.LOCAL_DATE, "1121")
            .with(IsoFields.RRN, String.format("%012d", 900_000 + stan))
            .with(IsoFields.TERMINAL_ID, terminal).with(IsoFields.MERCHANT_ID, merchant)
            .with(IsoFields.CURRENCY_TRANSACTION, "840");
    }

    IsoRequest with(final int field, final String value)
    {
        fields.put(field, value);
        return this;
    }

    byte[] bytes()
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
        final byte[] bytes = new byte[writer.finish()];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}

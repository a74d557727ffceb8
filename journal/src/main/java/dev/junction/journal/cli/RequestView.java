package dev.junction.journal.cli;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFieldType;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.refdata.Pans;
import org.agrona.DirectBuffer;

/**
 * A journaled request decoded for operator output. The only way it shows field 2 is
 * {@link #maskedPan()}; {@link #text} refuses it, so no tool can print a full PAN by mistake.
 */
final class RequestView
{
    private final IsoMessage message = new IsoMessage();
    private final PanDigits pan = new PanDigits();

    void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        message.wrap(buffer, offset, length);
    }

    /** @return whether the MTI and bitmap decoded (fields before a broken one are readable). */
    boolean addressable()
    {
        return message.isAddressable();
    }

    boolean decoded()
    {
        return message.status() == IsoDecodeStatus.OK;
    }

    /** @return e.g. "truncated field at field 4". */
    String decodeProblem()
    {
        return IsoDecodeStatus.describe(message.status()) +
            (message.errorField() != 0 ? " at field " + message.errorField() : "");
    }

    int mti()
    {
        return message.mti();
    }

    boolean has(final int field)
    {
        return message.has(field);
    }

    /**
     * @return a numeric field's digits or a character field's text without trailing spaces; null when
     * absent or binary.
     * @throws IllegalArgumentException for field 2: use {@link #maskedPan()}.
     */
    String text(final int field)
    {
        if (field == IsoFields.PAN)
        {
            throw new IllegalArgumentException("field 2 is shown masked only");
        }
        if (!message.has(field))
        {
            return null;
        }
        final IsoFieldType type = IsoFields.spec(field).type();
        final StringBuilder text = new StringBuilder(message.digitCount(field));
        if (type.isNumeric())
        {
            for (int i = 0; i < message.digitCount(field); i++)
            {
                text.append((char)('0' + message.digitAt(field, i)));
            }
            return text.toString();
        }
        if (type.isChar())
        {
            for (int i = 0; i < message.digitCount(field); i++)
            {
                text.append((char)message.charAt(field, i));
            }
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ')
            {
                end--;
            }
            text.setLength(end);
            return text.toString();
        }
        return null;
    }

    /** @return a numeric field's value, or -1 when absent or too long. */
    long numeric(final int field)
    {
        if (!message.has(field) || message.digitCount(field) > 18)
        {
            return -1;
        }
        return message.numeric(field);
    }

    /** @return the PAN as its first six and last four digits ({@link Pans#mask}), null when absent. */
    String maskedPan()
    {
        if (!message.has(IsoFields.PAN))
        {
            return null;
        }
        return Pans.mask(pan);
    }

    /** Field 2's digits read in place for {@link Pans#mask}; never turned into a String whole. */
    private final class PanDigits implements CharSequence
    {
        @Override
        public int length()
        {
            return message.digitCount(IsoFields.PAN);
        }

        @Override
        public char charAt(final int index)
        {
            final int digit = message.digitAt(IsoFields.PAN, index);
            return digit <= 9 ? (char)('0' + digit) : '?';
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            throw new UnsupportedOperationException("a PAN is shown masked only");
        }

        @Override
        public String toString()
        {
            return Pans.mask(this);
        }
    }
}

package dev.junction.core.iso;

import java.util.Map;
import java.util.stream.IntStream;

import org.jpos.iso.IFB_AMOUNT;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_LLCHAR;
import org.jpos.iso.IFB_LLLCHAR;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.IF_CHAR;
import org.jpos.iso.ISOFieldPackager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoFieldsTest
{
    private static final Map<Class<?>, IsoFieldType> JPOS_CLASS_TO_TYPE = Map.of(
        IFB_NUMERIC.class, IsoFieldType.NUMERIC_FIXED,
        IFB_LLNUM.class, IsoFieldType.NUMERIC_LLVAR,
        IF_CHAR.class, IsoFieldType.CHAR_FIXED,
        IFB_LLCHAR.class, IsoFieldType.CHAR_LLVAR,
        IFB_LLLCHAR.class, IsoFieldType.CHAR_LLLVAR,
        IFB_BINARY.class, IsoFieldType.BINARY_FIXED,
        IFB_AMOUNT.class, IsoFieldType.AMOUNT);

    @Test
    void everyFieldHasTheTypeMaxLengthAndWireSizeOfIso87BPackager()
    {
        assertAll(IntStream.rangeClosed(2, IsoFields.MAX_FIELD).mapToObj(field -> () ->
        {
            final ISOFieldPackager jpos = JposOracle.PACKAGER.getFieldPackager(field);
            final IsoFieldSpec ours = IsoFields.spec(field);
            assertEquals(field, ours.field());
            assertEquals(JPOS_CLASS_TO_TYPE.get(jpos.getClass()), ours.type(), "type of field " + field);
            assertEquals(jpos.getLength(), ours.maxLength(), "max length of field " + field);
            assertEquals(jpos.getMaxPackedLength(), ours.maxEncodedLength(), "max encoded length of field " + field);
        }));
    }

    @Test
    void fieldsOutsideTwoTo128HaveNoSpec()
    {
        assertThrows(IllegalArgumentException.class, () -> IsoFields.spec(1));
        assertThrows(IllegalArgumentException.class, () -> IsoFields.spec(0));
        assertThrows(IllegalArgumentException.class, () -> IsoFields.spec(129));
    }

    @Test
    void namedFieldsAreTheDictionaryEntriesTheSwitchExpects()
    {
        assertEquals(IsoFieldType.NUMERIC_LLVAR, IsoFields.spec(IsoFields.PAN).type());
        assertEquals(IsoFieldType.NUMERIC_FIXED, IsoFields.spec(IsoFields.AMOUNT_TRANSACTION).type());
        assertEquals(IsoFieldType.CHAR_FIXED, IsoFields.spec(IsoFields.RESPONSE_CODE).type());
        assertEquals(2, IsoFields.spec(IsoFields.RESPONSE_CODE).maxLength());
        assertEquals(IsoFieldType.BINARY_FIXED, IsoFields.spec(IsoFields.PIN_DATA).type());
        assertEquals(IsoFieldType.NUMERIC_FIXED, IsoFields.spec(IsoFields.NETWORK_MGMT_CODE).type());
        assertEquals(42, IsoFields.spec(IsoFields.ORIGINAL_DATA).maxLength());
        assertEquals(IsoFieldType.CHAR_FIXED, IsoFields.spec(IsoFields.REPLACEMENT_AMOUNTS).type());
    }
}

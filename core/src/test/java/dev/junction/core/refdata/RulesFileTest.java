package dev.junction.core.refdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules file as operators write it: each line type becomes the admin record it names, with every
 * field settable and the documented defaults for what is left out; every mistake is one line naming
 * the file and the line, and never shows a full PAN.
 */
class RulesFileTest
{
    private static final String PAN = "4000000000000069";

    @Test
    void commentsAndBlankLinesAreSkippedAndTheVersionIsEveryRuleRecords() throws Exception
    {
        final RulesFile.RuleSet rules = read(
            "# limits for the test issuer",
            "",
            "   version 3   # raised for the new gambling rule",
            "\t",
            "mcc 7995 weight=2000 blocked");

        assertEquals(3, rules.version());
        assertEquals(1, rules.records().size());
        final RuleRecord mcc = rules.records().get(0);
        assertEquals(5, mcc.line());
        assertEquals(RiskAdminRecords.TYPE_MERCHANT_CATEGORY, mcc.type());
        assertEquals(3, RiskAdminRecords.version(mcc.buffer(), 0));
    }

    @Test
    void aLimitsLineSetsEveryFieldOfTheProfile() throws Exception
    {
        final RuleRecord limits = single("limits max-single=500000 daily-amount=2000000 daily-count=20 " +
            "small-amount=1500 small-daily-count=5 small-daily-amount=5000 large-amount=100000");

        final UnsafeBuffer b = limits.buffer();
        assertEquals(RiskAdminRecords.TYPE_LIMITS_PROFILE, limits.type());
        assertTrue(RiskAdminRecords.hasLength(limits.type(), limits.length()));
        assertEquals(500_000, RiskAdminRecords.profileMaxSingleMinor(b, 0));
        assertEquals(2_000_000, RiskAdminRecords.profileDailyAmountMinor(b, 0));
        assertEquals(20, RiskAdminRecords.profileDailyCount(b, 0));
        assertEquals(1_500, RiskAdminRecords.profileSmallAmountLimitMinor(b, 0));
        assertEquals(5, RiskAdminRecords.profileSmallDailyCount(b, 0));
        assertEquals(5_000, RiskAdminRecords.profileSmallDailyAmountMinor(b, 0));
        assertEquals(100_000, RiskAdminRecords.profileLargeAmountMinor(b, 0));
    }

    @Test
    void aLimitLeftOutOfTheLimitsLineIsZeroThatIsOff() throws Exception
    {
        final UnsafeBuffer b = single("limits max-single=500000").buffer();

        assertEquals(500_000, RiskAdminRecords.profileMaxSingleMinor(b, 0));
        assertEquals(0, RiskAdminRecords.profileDailyAmountMinor(b, 0));
        assertEquals(0, RiskAdminRecords.profileDailyCount(b, 0));
        assertEquals(0, RiskAdminRecords.profileSmallAmountLimitMinor(b, 0));
        assertEquals(0, RiskAdminRecords.profileSmallDailyCount(b, 0));
        assertEquals(0, RiskAdminRecords.profileSmallDailyAmountMinor(b, 0));
        assertEquals(0, RiskAdminRecords.profileLargeAmountMinor(b, 0));
    }

    @Test
    void aModelLineSetsEveryFieldOfTheModel() throws Exception
    {
        final RuleRecord model = single("model bias=-2500 weights=1,2,3,4,5,6,7,8,9,-10 review=400 decline=950 " +
            "velocity-count=12 velocity-amount=700000 average-percent=300 merchant-count=150");

        final UnsafeBuffer b = model.buffer();
        assertEquals(RiskAdminRecords.TYPE_RISK_MODEL, model.type());
        assertTrue(RiskAdminRecords.hasLength(model.type(), model.length()));
        assertEquals(-2_500, RiskAdminRecords.modelBiasMilli(b, 0));
        for (int i = 0; i < 9; i++)
        {
            assertEquals(i + 1, RiskAdminRecords.modelWeightMilli(b, 0, i));
        }
        assertEquals(-10, RiskAdminRecords.modelWeightMilli(b, 0, 9));
        assertEquals(400, RiskAdminRecords.modelReviewScore(b, 0));
        assertEquals(950, RiskAdminRecords.modelDeclineScore(b, 0));
        assertEquals(12, RiskAdminRecords.modelVelocityCountMax(b, 0));
        assertEquals(700_000, RiskAdminRecords.modelVelocityAmountMaxMinor(b, 0));
        assertEquals(300, RiskAdminRecords.modelAveragePercent(b, 0));
        assertEquals(150, RiskAdminRecords.modelMerchantCountMax(b, 0));
    }

    @Test
    void aModelKeyLeftOutTakesTheBuiltInModelsValue() throws Exception
    {
        final UnsafeBuffer b = single("model decline=0").buffer();

        assertEquals(RulesFile.DEFAULT_BIAS_MILLI, RiskAdminRecords.modelBiasMilli(b, 0));
        for (int i = 0; i < RiskAdminRecords.WEIGHTS; i++)
        {
            assertEquals((int)RulesFile.DEFAULT_WEIGHTS_MILLI.get(i), RiskAdminRecords.modelWeightMilli(b, 0, i));
        }
        assertEquals(RulesFile.DEFAULT_REVIEW_SCORE, RiskAdminRecords.modelReviewScore(b, 0));
        assertEquals(0, RiskAdminRecords.modelDeclineScore(b, 0));
        assertEquals(RulesFile.DEFAULT_VELOCITY_COUNT, RiskAdminRecords.modelVelocityCountMax(b, 0));
        assertEquals(RulesFile.DEFAULT_VELOCITY_AMOUNT_MINOR, RiskAdminRecords.modelVelocityAmountMaxMinor(b, 0));
        assertEquals(RulesFile.DEFAULT_AVERAGE_PERCENT, RiskAdminRecords.modelAveragePercent(b, 0));
        assertEquals(RulesFile.DEFAULT_MERCHANT_COUNT, RiskAdminRecords.modelMerchantCountMax(b, 0));
    }

    @Test
    void anMccLineSetsWeightAndBlockFlagWithDefaultsZeroAndUnblocked() throws Exception
    {
        final List<RuleRecord> records = read("version 1", "mcc 7995 weight=2000 blocked", "mcc 0742",
            "mcc 4829 unblocked weight=-300").records();

        final UnsafeBuffer gambling = records.get(0).buffer();
        assertEquals(7995, RiskAdminRecords.categoryCode(gambling, 0));
        assertEquals(2_000, RiskAdminRecords.categoryWeightMilli(gambling, 0));
        assertEquals(1, RiskAdminRecords.categoryBlocked(gambling, 0));
        final UnsafeBuffer vets = records.get(1).buffer();
        assertEquals(742, RiskAdminRecords.categoryCode(vets, 0));
        assertEquals(0, RiskAdminRecords.categoryWeightMilli(vets, 0));
        assertEquals(0, RiskAdminRecords.categoryBlocked(vets, 0));
        final UnsafeBuffer wires = records.get(2).buffer();
        assertEquals(-300, RiskAdminRecords.categoryWeightMilli(wires, 0));
        assertEquals(0, RiskAdminRecords.categoryBlocked(wires, 0));
    }

    @Test
    void aTerminalLineBlocksOrUnblocksAndPadsAShortIdWithSpacesAsField41Does() throws Exception
    {
        final List<RuleRecord> records = read("version 1", "terminal TERM0666 blocked", "terminal T1 unblocked")
            .records();

        final UnsafeBuffer expected = new UnsafeBuffer(new byte[RiskAdminRecords.TERMINAL_LENGTH]);
        RiskAdminRecords.writeTerminal(expected, 0, 1, "TERM0666", true);
        assertTrue(records.get(0).sameRecord(expected.byteArray()));
        RiskAdminRecords.writeTerminal(expected, 0, 1, "T1      ", false);
        assertTrue(records.get(1).sameRecord(expected.byteArray()));
    }

    @ParameterizedTest
    @CsvSource({
        "1.085, 61085000",
        "1.0850000, 61085000",
        "0.92, 79200000",
        "150, 41500000",
        "0.0067, 70067000",
        "9999999, 9999999",
        "field10=60920000, 60920000",
        "none, 0"})
    void aRateIsADecimalAField10ValueOrNone(final String written, final int field10) throws Exception
    {
        final UnsafeBuffer b = single("rate 978 840 " + written).buffer();

        assertEquals(978, RiskAdminRecords.rateFromCurrency(b, 0));
        assertEquals(840, RiskAdminRecords.rateToCurrency(b, 0));
        assertEquals(field10, RiskAdminRecords.rate(b, 0));
    }

    @Test
    void aCardLimitsLineNamesTheCardAndLeavesTheProfilesLimitsAtZero() throws Exception
    {
        final RuleRecord limits = single("card-limits " + PAN + " max-single=10000 daily-count=3");

        final UnsafeBuffer b = limits.buffer();
        assertEquals(RiskAdminRecords.TYPE_CARD_LIMITS, limits.type());
        assertEquals(PAN, limits.pan());
        assertEquals(Pans.key(PAN), AdminRecords.cardPanKey(b, 0));
        assertEquals(10_000, RiskAdminRecords.cardMaxSingleMinor(b, 0));
        assertEquals(0, RiskAdminRecords.cardDailyAmountMinor(b, 0));
        assertEquals(3, RiskAdminRecords.cardDailyCount(b, 0));
        assertFalse(limits.toString().contains(PAN));
    }

    @Test
    void recordsComeInFileOrderAndOnlyCardLimitsNameAPan() throws Exception
    {
        final List<RuleRecord> records = read("version 7", "rate 840 978 0.92", "limits", "card-limits " + PAN,
            "model", "terminal ABCDEFGH blocked", "mcc 5967").records();

        assertEquals(List.of(RiskAdminRecords.TYPE_CURRENCY_RATE, RiskAdminRecords.TYPE_LIMITS_PROFILE,
            RiskAdminRecords.TYPE_CARD_LIMITS, RiskAdminRecords.TYPE_RISK_MODEL, RiskAdminRecords.TYPE_TERMINAL,
            RiskAdminRecords.TYPE_MERCHANT_CATEGORY), records.stream().map(RuleRecord::type).toList());
        assertEquals(List.of(2, 3, 4, 5, 6, 7), records.stream().map(RuleRecord::line).toList());
        for (final RuleRecord record : records)
        {
            assertTrue(RiskAdminRecords.hasLength(record.type(), record.length()));
            if (record.type() != RiskAdminRecords.TYPE_CARD_LIMITS)
            {
                assertNull(record.pan());
                assertEquals(7, RiskAdminRecords.version(record.buffer(), 0));
            }
        }
    }

    @Test
    void aFileWithOnlyAVersionIsAnEmptyRuleSet() throws Exception
    {
        final RulesFile.RuleSet rules = read("version 2");

        assertEquals(2, rules.version());
        assertTrue(rules.records().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "no version                | # nothing here                              | 1 | no 'version N' line; a rules file starts with one",
        "rule before version       | mcc 7995 blocked                            | 1 | 'mcc' before the 'version' line; the version comes first",
        "version zero              | version 0                                   | 1 | version '0' is outside 1..2147483647",
        "version text              | version three                               | 1 | version 'three' is not a whole number",
        "version two words         | version 3 4                                 | 1 | 'version' takes one number: version N",
        "unknown keyword           | version 1\\nlimit max-single=5              | 2 | 'limit' is not a rules line; expected version, limits, model, mcc, terminal, rate or card-limits",
        "second version            | version 1\\nversion 2                       | 2 | a second 'version' line; the file has one version",
        "unknown limits key        | version 1\\nlimits max=5                    | 2 | 'max' is not a setting of 'limits'; expected daily-amount, daily-count, large-amount, max-single, small-amount, small-daily-amount, small-daily-count",
        "key without value         | version 1\\nlimits max-single=              | 2 | max-single needs a value: max-single=N",
        "key twice                 | version 1\\nlimits daily-count=1 daily-count=2 | 2 | daily-count is given twice",
        "negative limit            | version 1\\nlimits max-single=-1            | 2 | max-single '-1' is outside 0..999999999999999",
        "limits twice              | version 1\\nlimits\\n\\nlimits              | 4 | 'limits' is already set on line 2",
        "too few weights           | version 1\\nmodel weights=1,2,3             | 2 | weights has 3 values; a model has 10, in feature order",
        "weight too large          | version 1\\nmodel weights=1,2,3,4,5,6,7,8,9,40000 | 2 | weights '40000' is outside -32768..32767",
        "decline above 999         | version 1\\nmodel decline=1000              | 2 | decline '1000' is outside 0..999",
        "model twice               | version 1\\nmodel\\nmodel bias=0            | 3 | 'model' is already set on line 2",
        "mcc three digits          | version 1\\nmcc 799                         | 2 | mcc '799' is not a 4-digit merchant category code, e.g. 7995",
        "mcc no code               | version 1\\nmcc                             | 2 | \"'mcc' needs a 4-digit merchant category code: mcc CODE [weight=N] [blocked|unblocked]\"",
        "mcc both flags            | version 1\\nmcc 7995 blocked unblocked      | 2 | 'unblocked' after 'blocked'; name one of blocked or unblocked",
        "mcc twice                 | version 1\\nmcc 7995 blocked\\nmcc 7995     | 3 | mcc 7995 is already set on line 2",
        "terminal no flag          | version 1\\nterminal TERM0001               | 2 | \"'terminal' takes an id and blocked or unblocked: terminal ID blocked|unblocked\"",
        "terminal too long         | version 1\\nterminal TERMINAL9 blocked      | 2 | terminal 'TERMINAL9' is not a field 41 id of 1 to 8 printable ASCII characters",
        "terminal twice            | version 1\\nterminal T1 blocked\\nterminal T1 unblocked | 3 | terminal T1 is already set on line 2",
        "rate unknown currency     | version 1\\nrate 999 840 1.5                | 2 | currency 999 has no known minor-unit exponent, so nothing converts to or from it",
        "rate two-digit currency   | version 1\\nrate 36 840 1.5                 | 2 | from '36' is not a 3-digit ISO 4217 numeric code, e.g. 840",
        "rate to itself            | version 1\\nrate 840 840 1                  | 2 | rate from 840 to itself; a rate converts between two currencies",
        "rate zero                 | version 1\\nrate 978 840 0.000              | 2 | rate '0.000' is zero; write none to remove a pair's rate",
        "rate too precise          | version 1\\nrate 978 840 1.23456789         | 2 | rate '1.23456789' needs more than the 7 digits field 10 carries",
        "rate not a number         | version 1\\nrate 978 840 1,08               | 2 | rate '1,08' is not a decimal like 1.085, a field10=NNNNNNNN or none",
        "rate bad field10          | version 1\\nrate 978 840 field10=80000001   | 2 | field10 '80000001' is not a field 10 rate: 8 digits, the first the decimal places (0-7) of the other seven, which are not all 0",
        "rate missing value        | version 1\\nrate 978 840                    | 2 | 'rate' takes two currencies and a rate: rate FROM TO 1.085 (or field10=61085000, or none)",
        "rate pair twice           | version 1\\nrate 978 840 1.1\\nrate 978 840 none | 3 | rate 978 840 is already set on line 2",
        "card-limits no pan        | version 1\\ncard-limits                     | 2 | 'card-limits' needs a PAN: card-limits PAN [max-single=N] [daily-amount=N] [daily-count=N]",
        "card-limits unknown key   | version 1\\ncard-limits 4000000000000069 large-amount=5 | 2 | 'large-amount' is not a setting of 'card-limits'; expected daily-amount, daily-count, max-single"})
    void eachMistakeIsOneLineNamingFileAndLine(final String name, final String text, final int line,
        final String problem)
    {
        final ReferenceDataException e = assertThrows(ReferenceDataException.class,
            () -> RulesFile.read(new BufferedReader(new StringReader(text.replace("\\n", "\n"))), "rules.txt"));

        assertEquals("rules.txt:" + line + ": " + problem, e.getMessage());
    }

    @Test
    void aBadPanIsShownMasked()
    {
        final String longPan = "40000000000000690123";
        final ReferenceDataException e = assertThrows(ReferenceDataException.class,
            () -> read("version 1", "card-limits " + longPan));

        assertEquals("rules.txt:2: card '400000**********0123' is not a PAN of 12 to 19 digits not starting with 0",
            e.getMessage());
    }

    @Test
    void aRepeatedCardIsNamedMasked()
    {
        final ReferenceDataException e = assertThrows(ReferenceDataException.class,
            () -> read("version 1", "card-limits " + PAN + " daily-count=1", "card-limits " + PAN + " daily-count=2"));

        assertEquals("rules.txt:3: card 400000******0069 is already set on line 2", e.getMessage());
    }

    @Test
    void aPanTypedWhereAValueGoesIsNeverEchoedInFull()
    {
        for (final String line : new String[] {
            "limits max-single=" + PAN + "0000",
            PAN + " blocked",
            "mcc " + PAN,
            "terminal " + PAN + " blocked",
            "rate " + PAN + " 840 1",
            "rate 978 840 " + PAN + ".5",
            "model weights=" + PAN + ",1,1,1,1,1,1,1,1,1"})
        {
            final ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> read("version 1", line));
            assertFalse(e.getMessage().contains(PAN), e.getMessage());
            assertTrue(e.getMessage().startsWith("rules.txt:2: "), e.getMessage());
        }
    }

    @Test
    void aByteOrderMarkBeforeTheVersionIsIgnored() throws Exception
    {
        assertEquals(4, read("\uFEFFversion 4").version());
    }

    private static RuleRecord single(final String line) throws Exception
    {
        final List<RuleRecord> records = read("version 1", line).records();
        assertEquals(1, records.size());
        return records.get(0);
    }

    private static RulesFile.RuleSet read(final String... lines) throws Exception
    {
        return RulesFile.read(new BufferedReader(new StringReader(String.join("\n", lines))), "rules.txt");
    }
}

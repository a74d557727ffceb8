package dev.junction.core.refdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.junction.core.auth.Currencies;
import dev.junction.core.auth.CurrencyRates;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the rules file that sets limits, risk rules and currency rates: a line-oriented text file
 * whose lines become {@link RiskAdminRecords} records, in file order. {@code #} starts a comment
 * anywhere on a line; blank lines are skipped; words are separated by spaces or tabs.
 * <pre>
 * version 3
 * limits max-single=500000 daily-amount=2000000 daily-count=20 small-amount=1500 small-daily-count=5
 *        small-daily-amount=5000 large-amount=100000                        (one line)
 * model bias=-3000 weights=1500,1500,1000,2000,1500,800,100,500,6000,1000 review=500 decline=900
 *       velocity-count=10 velocity-amount=500000 average-percent=500 merchant-count=200   (one line)
 * mcc 7995 weight=2000 blocked
 * terminal TERM0666 blocked
 * rate 978 840 1.085
 * card-limits 4000000000000069 max-single=10000 daily-count=3
 * </pre>
 * {@code version N} (1 or more) comes first, once; every rule record carries it. {@code limits} writes the
 * whole limits profile, a key left out being 0 (that limit off); {@code model} writes the whole scoring
 * model, a key left out taking the built-in model's value ({@link #DEFAULT_BIAS_MILLI} and the rest).
 * {@code mcc CODE [weight=N] [blocked|unblocked]}: weight 0 and unblocked when left out.
 * {@code terminal ID blocked|unblocked}: ID is field 41, up to 8 characters, padded with spaces.
 * {@code rate FROM TO RATE}: RATE a decimal ({@code 1.085}, {@code 150}), {@code field10=NNNNNNNN} as
 * field 10 writes it, or {@code none} to remove the pair. {@code card-limits PAN [max-single=N]
 * [daily-amount=N] [daily-count=N]}: 0 or left out means the profile's. Each mcc, terminal, currency
 * pair and card appears at most once, and {@code limits} and {@code model} at most once.
 * <p>
 * Everything is checked before anything is returned; the first problem raises a
 * {@link ReferenceDataException} of one line, {@code SOURCE:LINE: problem}, that never shows a full PAN.
 * Pure: reads only the reader it is given.
 */
public final class RulesFile
{
    /** The built-in model's bias (the rules of version 0), used for a {@code model} key left out. */
    public static final int DEFAULT_BIAS_MILLI = -3_000;
    /** The built-in model's weights, in feature order. */
    public static final List<Integer> DEFAULT_WEIGHTS_MILLI =
        List.of(1_500, 1_500, 1_000, 2_000, 1_500, 800, 100, 500, 6_000, 1_000);
    public static final int DEFAULT_REVIEW_SCORE = 500;
    public static final int DEFAULT_DECLINE_SCORE = 900;
    public static final int DEFAULT_VELOCITY_COUNT = 10;
    public static final long DEFAULT_VELOCITY_AMOUNT_MINOR = 500_000;
    public static final int DEFAULT_AVERAGE_PERCENT = 500;
    public static final int DEFAULT_MERCHANT_COUNT = 200;

    /** The largest amount a limit may name, as for balances (15 digits). */
    public static final long MAX_AMOUNT_MINOR = ReferenceDataCsv.MAX_AMOUNT_MINOR;
    /** The highest score a threshold may name. */
    public static final int MAX_SCORE = 999;

    private static final int MAX_RATE_DIGITS = 7;
    private static final int MANTISSA_LIMIT = 10_000_000;
    private static final Set<String> LIMITS_KEYS = Set.of("max-single", "daily-amount", "daily-count",
        "small-amount", "small-daily-count", "small-daily-amount", "large-amount");
    private static final Set<String> MODEL_KEYS = Set.of("bias", "weights", "review", "decline", "velocity-count",
        "velocity-amount", "average-percent", "merchant-count");
    private static final Set<String> CARD_KEYS = Set.of("max-single", "daily-amount", "daily-count");
    private static final Set<String> MCC_KEYS = Set.of("weight");

    /**
     * What a rules file asks for.
     *
     * @param version the rule-set version every rule record carries.
     * @param records the records to publish, in file order.
     */
    public record RuleSet(int version, List<RuleRecord> records)
    {
        public RuleSet
        {
            records = List.copyOf(records);
        }
    }

    private final String source;
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[RiskAdminRecords.MAX_LENGTH]);
    private final List<RuleRecord> records = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private int version;
    private int lineNumber;

    private RulesFile(final String source)
    {
        this.source = source;
    }

    /** Parses a rules file; {@code source} names it in error messages. */
    public static RuleSet read(final BufferedReader reader, final String source)
        throws IOException, ReferenceDataException
    {
        final RulesFile file = new RulesFile(source);
        String line;
        while ((line = reader.readLine()) != null)
        {
            file.lineNumber++;
            file.line(file.lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line);
        }
        if (file.version == 0)
        {
            throw new ReferenceDataException(source + ":" + Math.max(1, file.lineNumber) +
                ": no 'version N' line; a rules file starts with one");
        }
        return new RuleSet(file.version, file.records);
    }

    private void line(final String text) throws ReferenceDataException
    {
        final int comment = text.indexOf('#');
        final String content = (comment >= 0 ? text.substring(0, comment) : text).strip();
        if (content.isEmpty())
        {
            return;
        }
        final String[] words = content.split("[ \t]+");
        final String keyword = words[0];
        if (keyword.equals("version"))
        {
            version(words);
            return;
        }
        if (version == 0)
        {
            if (!isKeyword(keyword))
            {
                throw unknownKeyword(keyword);
            }
            throw error("'" + keyword + "' before the 'version' line; the version comes first");
        }
        switch (keyword)
        {
            case "limits" -> limits(words);
            case "model" -> model(words);
            case "mcc" -> merchantCategory(words);
            case "terminal" -> terminal(words);
            case "rate" -> rate(words);
            case "card-limits" -> cardLimits(words);
            default -> throw unknownKeyword(keyword);
        }
    }

    private static boolean isKeyword(final String word)
    {
        return switch (word)
        {
            case "limits", "model", "mcc", "terminal", "rate", "card-limits" -> true;
            default -> false;
        };
    }

    private ReferenceDataException unknownKeyword(final String keyword)
    {
        return error("'" + printable(keyword) + "' is not a rules line; expected version, limits, model, mcc, " +
            "terminal, rate or card-limits");
    }

    private void version(final String[] words) throws ReferenceDataException
    {
        if (version != 0)
        {
            throw error("a second 'version' line; the file has one version");
        }
        if (words.length != 2)
        {
            throw error("'version' takes one number: version N");
        }
        version = (int)number("version", words[1], 1, Integer.MAX_VALUE);
    }

    private void limits(final String[] words) throws ReferenceDataException
    {
        once("limits", "'limits'");
        final Map<String, String> options = options(words, 1, LIMITS_KEYS, Set.of());
        final int length = RiskAdminRecords.writeLimitsProfile(record, 0, version,
            amount(options, "max-single"), amount(options, "daily-amount"), count(options, "daily-count"),
            amount(options, "small-amount"), count(options, "small-daily-count"),
            amount(options, "small-daily-amount"), amount(options, "large-amount"));
        add(length, null);
    }

    private void model(final String[] words) throws ReferenceDataException
    {
        once("model", "'model'");
        final Map<String, String> options = options(words, 1, MODEL_KEYS, Set.of());
        final short[] weights = new short[RiskAdminRecords.WEIGHTS];
        for (int i = 0; i < weights.length; i++)
        {
            weights[i] = (short)(int)DEFAULT_WEIGHTS_MILLI.get(i);
        }
        final String weightList = options.get("weights");
        if (weightList != null)
        {
            final String[] parts = weightList.split(",", -1);
            if (parts.length != RiskAdminRecords.WEIGHTS)
            {
                throw error("weights has " + parts.length + " values; a model has " + RiskAdminRecords.WEIGHTS +
                    ", in feature order");
            }
            for (int i = 0; i < parts.length; i++)
            {
                weights[i] = (short)number("weights", parts[i], Short.MIN_VALUE, Short.MAX_VALUE);
            }
        }
        final int bias = (int)option(options, "bias", Short.MIN_VALUE, Short.MAX_VALUE, DEFAULT_BIAS_MILLI);
        final int review = (int)option(options, "review", 0, MAX_SCORE, DEFAULT_REVIEW_SCORE);
        final int decline = (int)option(options, "decline", 0, MAX_SCORE, DEFAULT_DECLINE_SCORE);
        final int velocityCount = (int)option(options, "velocity-count", 0, Short.MAX_VALUE, DEFAULT_VELOCITY_COUNT);
        final long velocityAmount = option(options, "velocity-amount", 0, MAX_AMOUNT_MINOR,
            DEFAULT_VELOCITY_AMOUNT_MINOR);
        final int averagePercent = (int)option(options, "average-percent", 0, Short.MAX_VALUE, DEFAULT_AVERAGE_PERCENT);
        final int merchantCount = (int)option(options, "merchant-count", 0, Short.MAX_VALUE, DEFAULT_MERCHANT_COUNT);
        final int length = RiskAdminRecords.writeRiskModel(record, 0, version, bias, weights, review, decline,
            velocityCount, velocityAmount, averagePercent, merchantCount);
        add(length, null);
    }

    private void merchantCategory(final String[] words) throws ReferenceDataException
    {
        if (words.length < 2)
        {
            throw error("'mcc' needs a 4-digit merchant category code: mcc CODE [weight=N] [blocked|unblocked]");
        }
        final String code = words[1];
        final int category = (int)number("mcc", code, 0, 9999);
        if (code.length() != 4)
        {
            throw error("mcc '" + printable(code) + "' is not a 4-digit merchant category code, e.g. 7995");
        }
        once("mcc " + code, "mcc " + code);
        final Map<String, String> options = options(words, 2, MCC_KEYS, Set.of("blocked", "unblocked"));
        final int weight = (int)option(options, "weight", Short.MIN_VALUE, Short.MAX_VALUE, 0);
        final int length = RiskAdminRecords.writeMerchantCategory(record, 0, version, category, weight,
            options.containsKey("blocked"));
        add(length, null);
    }

    private void terminal(final String[] words) throws ReferenceDataException
    {
        if (words.length != 3 || !words[2].equals("blocked") && !words[2].equals("unblocked"))
        {
            throw error("'terminal' takes an id and blocked or unblocked: terminal ID blocked|unblocked");
        }
        final String id = words[1];
        if (id.length() > RiskAdminRecords.TERMINAL_CHARS || !id.chars().allMatch(c -> c > ' ' && c < 0x7F))
        {
            throw error("terminal '" + printable(id) + "' is not a field 41 id of 1 to 8 printable ASCII characters");
        }
        final String padded = id + " ".repeat(RiskAdminRecords.TERMINAL_CHARS - id.length());
        once("terminal " + padded, "terminal " + printable(id));
        add(RiskAdminRecords.writeTerminal(record, 0, version, padded, words[2].equals("blocked")), null);
    }

    private void rate(final String[] words) throws ReferenceDataException
    {
        if (words.length != 4)
        {
            throw error("'rate' takes two currencies and a rate: rate FROM TO 1.085 (or field10=61085000, or none)");
        }
        final int from = currency("from", words[1]);
        final int to = currency("to", words[2]);
        if (from == to)
        {
            throw error("rate from " + words[1] + " to itself; a rate converts between two currencies");
        }
        once("rate " + from + " " + to, "rate " + words[1] + " " + words[2]);
        final int rate = rateValue(words[3]);
        add(RiskAdminRecords.writeCurrencyRate(record, 0, version, from, to, rate), null);
    }

    private void cardLimits(final String[] words) throws ReferenceDataException
    {
        if (words.length < 2)
        {
            throw error("'card-limits' needs a PAN: card-limits PAN [max-single=N] [daily-amount=N] [daily-count=N]");
        }
        final String pan = words[1];
        final long key = Pans.key(pan);
        if (key == -1)
        {
            throw error("card '" + Pans.mask(pan) + "' is not a PAN of 12 to 19 digits not starting with 0");
        }
        once("card-limits " + pan, "card " + Pans.mask(pan));
        final Map<String, String> options = options(words, 2, CARD_KEYS, Set.of());
        final int length = RiskAdminRecords.writeCardLimits(record, 0, pan, amount(options, "max-single"),
            amount(options, "daily-amount"), count(options, "daily-count"));
        add(length, pan);
    }

    /** @return the {@code key=value} words from {@code from} on, and flag words as keys with a null value. */
    private Map<String, String> options(final String[] words, final int from, final Set<String> keys,
        final Set<String> flags) throws ReferenceDataException
    {
        final Map<String, String> options = new LinkedHashMap<>();
        String flag = null;
        for (int i = from; i < words.length; i++)
        {
            final String word = words[i];
            if (flags.contains(word))
            {
                if (flag != null)
                {
                    throw error("'" + word + "' after '" + flag + "'; name one of " + String.join(" or ", sorted(flags)));
                }
                flag = word;
                options.put(word, null);
                continue;
            }
            final int equals = word.indexOf('=');
            final String key = equals < 0 ? word : word.substring(0, equals);
            if (!keys.contains(key))
            {
                throw error("'" + printable(key) + "' is not a setting of '" + words[0] + "'; expected " +
                    String.join(", ", sorted(keys)) + (flags.isEmpty() ? "" : ", " + String.join(", ", sorted(flags))));
            }
            if (equals < 0 || equals == word.length() - 1)
            {
                throw error(key + " needs a value: " + key + "=N");
            }
            if (options.containsKey(key))
            {
                throw error(key + " is given twice");
            }
            options.put(key, word.substring(equals + 1));
        }
        return options;
    }

    private static List<String> sorted(final Set<String> words)
    {
        return words.stream().sorted().toList();
    }

    private long amount(final Map<String, String> options, final String key) throws ReferenceDataException
    {
        return option(options, key, 0, MAX_AMOUNT_MINOR, 0);
    }

    private int count(final Map<String, String> options, final String key) throws ReferenceDataException
    {
        return (int)option(options, key, 0, Integer.MAX_VALUE, 0);
    }

    private long option(final Map<String, String> options, final String key, final long min, final long max,
        final long absent) throws ReferenceDataException
    {
        final String text = options.get(key);
        return text == null ? absent : number(key, text, min, max);
    }

    private long number(final String name, final String text, final long min, final long max)
        throws ReferenceDataException
    {
        final int first = text.startsWith("-") ? 1 : 0;
        boolean digits = text.length() > first;
        for (int i = first; i < text.length() && digits; i++)
        {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits)
        {
            throw error(name + " '" + printable(text) + "' is not a whole number");
        }
        long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException beyondLong)
        {
            value = first == 1 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value < min || value > max)
        {
            throw error(name + " '" + printable(text) + "' is outside " + min + ".." + max);
        }
        return value;
    }

    private int currency(final String name, final String text) throws ReferenceDataException
    {
        final int code = (int)number(name, text, 0, 999);
        if (text.length() != 3)
        {
            throw error(name + " '" + printable(text) + "' is not a 3-digit ISO 4217 numeric code, e.g. 840");
        }
        if (Currencies.exponent(code) == Currencies.UNKNOWN)
        {
            throw error("currency " + text + " has no known minor-unit exponent, so nothing converts to or from it");
        }
        return code;
    }

    /**
     * @return the field 10 form of a rate: {@code none} as 0, {@code field10=NNNNNNNN} as written, a decimal
     * with as many decimal places as its seven digits allow (1.085 is 61085000).
     */
    private int rateValue(final String text) throws ReferenceDataException
    {
        if (text.equals("none"))
        {
            return CurrencyRates.NONE;
        }
        if (text.startsWith("field10="))
        {
            final String digits = text.substring("field10=".length());
            final int rate = (int)number("field10", digits, 0, 99_999_999);
            if (digits.length() != 8 || !CurrencyRates.isValidRate(rate))
            {
                throw error("field10 '" + printable(digits) + "' is not a field 10 rate: 8 digits, the first the " +
                    "decimal places (0-7) of the other seven, which are not all 0");
            }
            return rate;
        }
        final int point = text.indexOf('.');
        final String whole = point < 0 ? text : text.substring(0, point);
        String fraction = point < 0 ? "" : text.substring(point + 1);
        if (whole.isEmpty() && fraction.isEmpty() || !(whole + fraction).chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw error("rate '" + printable(text) + "' is not a decimal like 1.085, a field10=NNNNNNNN or none");
        }
        while (fraction.endsWith("0"))
        {
            fraction = fraction.substring(0, fraction.length() - 1);
        }
        final String significant = stripLeadingZeros(whole + fraction);
        if (significant.isEmpty())
        {
            throw error("rate '" + printable(text) + "' is zero; write none to remove a pair's rate");
        }
        if (fraction.length() > MAX_RATE_DIGITS || significant.length() > MAX_RATE_DIGITS)
        {
            throw error("rate '" + printable(text) + "' needs more than the 7 digits field 10 carries");
        }
        int decimals = fraction.length();
        long mantissa = Long.parseLong(significant);
        while (decimals < MAX_RATE_DIGITS && mantissa * 10 < MANTISSA_LIMIT)
        {
            decimals++;
            mantissa *= 10;
        }
        return decimals * MANTISSA_LIMIT + (int)mantissa;
    }

    private static String stripLeadingZeros(final String digits)
    {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0')
        {
            i++;
        }
        return digits.substring(i);
    }

    /** Refuses a second line that sets the same thing; {@code what} names it in the message. */
    private void once(final String key, final String what) throws ReferenceDataException
    {
        final Integer earlier = seen.putIfAbsent(key, lineNumber);
        if (earlier != null)
        {
            throw error(what + " is already set on line " + earlier);
        }
    }

    private void add(final int length, final String pan)
    {
        final byte[] bytes = new byte[length];
        record.getBytes(0, bytes);
        records.add(new RuleRecord(lineNumber, bytes, pan));
    }

    private ReferenceDataException error(final String problem)
    {
        return new ReferenceDataException(source + ":" + lineNumber + ": " + problem);
    }

    /** @return the text cut to 24 characters, masked when it holds as many digits as a PAN. */
    private static String printable(final String text)
    {
        final String shown = text.length() > 24 ? text.substring(0, 24) + "..." : text;
        return shown.chars().filter(Character::isDigit).count() >= Pans.MIN_DIGITS ? Pans.mask(shown) : shown;
    }
}

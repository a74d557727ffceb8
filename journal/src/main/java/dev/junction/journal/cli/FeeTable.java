package dev.junction.journal.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merchant fee table that {@code settle --fees FILE} reads: a CSV with the header
 * {@code mcc,percent_bp,fixed_minor}, one row per merchant category code (field 18, four digits) and a
 * required default row {@code *} for every other category. A row charges {@code percent_bp} basis points
 * (1/100 of a percent, 0 to 10,000) of a transaction's amount plus {@code fixed_minor} minor units; a
 * row of zeros is a valid zero-fee promotion.
 * <p>
 * The fee is computed per transaction, in integers: {@code fixed_minor + (amount_minor * percent_bp +
 * 5,000) / 10,000}, the percentage rounded half up to the minor unit (half a cent and more rounds up).
 */
final class FeeTable
{
    static final String[] COLUMNS = {"mcc", "percent_bp", "fixed_minor"};
    private static final String DEFAULT_MCC = "*";
    private static final long BASIS_POINTS = 10_000;

    private final Map<Integer, long[]> byMcc;
    private final long[] defaultRow;

    private FeeTable(final Map<Integer, long[]> byMcc, final long[] defaultRow)
    {
        this.byMcc = byMcc;
        this.defaultRow = defaultRow;
    }

    /** No table given: every fee is zero. */
    static FeeTable none()
    {
        return new FeeTable(Map.of(), new long[] {0, 0});
    }

    static FeeTable read(final Path file)
    {
        final List<CsvInput.Row> rows = CsvInput.read(file, COLUMNS);
        final Map<Integer, long[]> byMcc = new HashMap<>();
        final Map<String, Integer> lines = new HashMap<>();
        long[] defaultRow = null;
        for (final CsvInput.Row row : rows)
        {
            final String mcc = row.fields()[0];
            final long percent = CsvInput.number(file, row, "percent_bp", row.fields()[1], 5);
            if (percent > BASIS_POINTS)
            {
                throw CsvInput.bad(file, row, "percent_bp " + percent + " is over 10000 (100%)");
            }
            final long fixed = CsvInput.number(file, row, "fixed_minor", row.fields()[2], 12);
            final Integer earlier = lines.putIfAbsent(mcc, row.line());
            if (earlier != null)
            {
                throw CsvInput.bad(file, row, "mcc '" + mcc + "' is already in line " + earlier);
            }
            if (mcc.equals(DEFAULT_MCC))
            {
                defaultRow = new long[] {percent, fixed};
            }
            else if (mcc.length() == 4 && mcc.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                byMcc.put(Integer.parseInt(mcc), new long[] {percent, fixed});
            }
            else
            {
                throw CsvInput.bad(file, row, "mcc '" + mcc + "' is neither four digits nor * (the default)");
            }
        }
        if (defaultRow == null)
        {
            throw new ToolCommand.UsageException(file + ": no default row '*' for the categories the table does " +
                "not name");
        }
        return new FeeTable(byMcc, defaultRow);
    }

    /**
     * @param mcc the merchant category code, -1 when the request had none (the default row applies).
     * @return the fee on one transaction of {@code amountMinor}.
     */
    long feeMinor(final int mcc, final long amountMinor)
    {
        final long[] row = byMcc.getOrDefault(mcc, defaultRow);
        return row[1] + (Math.multiplyExact(amountMinor, row[0]) + BASIS_POINTS / 2) / BASIS_POINTS;
    }
}

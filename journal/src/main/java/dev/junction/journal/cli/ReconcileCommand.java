package dev.junction.journal.cli;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalReader;
import dev.junction.journal.OutcomeRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction journal reconcile --day D --file F}: holds an acquirer's record of a business day
 * against the journal's and lists every transaction as one of:
 * <ul>
 *   <li>{@code matched}: in both, same amount and response code;</li>
 *   <li>{@code mismatched}: in both, the amount or the response code differs;</li>
 *   <li>{@code missing_in_journal}: in the file only;</li>
 *   <li>{@code missing_in_file}: in the journal only.</li>
 * </ul>
 * The acquirer's file is CSV with the header {@code rrn,stan,terminal,amount_minor,response_code} (more
 * columns may follow and are ignored): a transaction is known by its retrieval reference (37), STAN (11,
 * leading zeros optional) and terminal (41), each unique in the file. The journal's side is every
 * answered 01xx, 02xx and 04xx request of the day: its amount is field 4 as requested (0 when absent),
 * its code the journaled field 39. A transaction is one row however many requests carry its rrn, STAN
 * and terminal, with the first one's amount and answer: a retransmission answered as a duplicate, or a
 * reversal that names its original by sharing them, is not a row of its own.
 * <p>
 * Output, CSV: {@code status,rrn,stan,terminal,file_amount_minor,journal_amount_minor,file_response_code,
 * journal_response_code,sequence} (empty where a side has no value), journal rows in journal order then
 * the file's own rows in file order; or text, grouped by status. Exit status 0 when everything matched,
 * 1 when anything did not, 2 for a bad day or file ({@code file:line: problem}).
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reconcile an acquirer's CSV (rrn,stan,terminal,amount_minor,response_code) with the journal's "
        + "answered requests of a business day: matched, mismatched, missing in the journal, missing in the file.",
        "Exit status: 0 all matched, 1 differences (or a damaged journal), 2 usage error (a bad day or file)."})
final class ReconcileCommand extends ToolCommand
{
    static final String[] FILE_COLUMNS = {"rrn", "stan", "terminal", "amount_minor", "response_code"};
    static final String HEADER = "status,rrn,stan,terminal,file_amount_minor,journal_amount_minor,file_response_code,"
        + "journal_response_code,sequence";
    private static final String[] STATUSES = {"matched", "mismatched", "missing_in_journal", "missing_in_file"};

    enum Format
    {
        csv, text
    }

    @Option(names = "--day", required = true, paramLabel = "YYYYMMDD", description = "the business date to reconcile")
    String day;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the acquirer's CSV")
    Path file;

    @Option(names = "--format", defaultValue = "csv", description = "csv or text; default ${DEFAULT-VALUE}")
    Format format;

    /** A transaction's identity on both sides. */
    record Key(String rrn, int stan, String terminal)
    {
    }

    /** One side's view of a transaction. */
    record Side(long amountMinor, String responseCode, long sequence)
    {
    }

    record Row(String status, Key key, Side file, Side journal)
    {
    }

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final int date = BusinessDays.parseDay(day);
        final Map<Key, Side> fileSide = readFile();
        final Map<Key, Side> journalSide = new LinkedHashMap<>();
        final RequestView request = new RequestView();
        final BusinessDays days = new BusinessDays(date, progress, (input, outcome) ->
        {
            collect(input, outcome, request, journalSide);
            return true;
        });
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readEvents(Long.MIN_VALUE, days);
        }
        days.requireDayFound();
        final List<Row> rows = new ArrayList<>();
        journalSide.forEach((key, journal) ->
        {
            final Side file = fileSide.get(key);
            final String status = file == null ? "missing_in_file" :
                file.amountMinor() == journal.amountMinor() && file.responseCode().equals(journal.responseCode()) ?
                    "matched" : "mismatched";
            rows.add(new Row(status, key, file, journal));
        });
        fileSide.forEach((key, file) ->
        {
            if (!journalSide.containsKey(key))
            {
                rows.add(new Row("missing_in_journal", key, file, null));
            }
        });
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final String status : STATUSES)
        {
            counts.put(status, rows.stream().filter(row -> row.status().equals(status)).count());
        }
        if (format == Format.csv)
        {
            out.println(HEADER);
            rows.forEach(row -> out.println(csv(row)));
        }
        else
        {
            text(out, rows, counts);
        }
        out.flush();
        err.println("reconcile: business day " + date + ": " + days.describe() + "; " + counts.get("matched") +
            " matched, " + counts.get("mismatched") + " mismatched, " + counts.get("missing_in_journal") +
            " missing in the journal, " + counts.get("missing_in_file") + " missing in the file; read in " +
            progress.elapsed());
        return counts.get("matched") == rows.size() ? JournalCommand.EXIT_OK : JournalCommand.EXIT_BAD_JOURNAL;
    }

    private Map<Key, Side> readFile()
    {
        final Map<Key, Side> rows = new LinkedHashMap<>();
        final Map<Key, Integer> lines = new HashMap<>();
        for (final CsvInput.Row row : CsvInput.read(file, FILE_COLUMNS))
        {
            final String[] fields = row.fields();
            final String rrn = fields[0];
            if (rrn.isEmpty() || rrn.length() > 12)
            {
                throw CsvInput.bad(file, row, "rrn '" + rrn + "' is not 1 to 12 characters");
            }
            final int stan = (int)CsvInput.number(file, row, "stan", fields[1], 6);
            final String terminal = fields[2];
            if (terminal.isEmpty() || terminal.length() > 8)
            {
                throw CsvInput.bad(file, row, "terminal '" + terminal + "' is not 1 to 8 characters");
            }
            final long amountMinor = CsvInput.number(file, row, "amount_minor", fields[3], 12);
            final String code = fields[4];
            if (code.length() != 2 || !Character.isLetterOrDigit(code.charAt(0)) || !Character.isLetterOrDigit(code.charAt(1)))
            {
                throw CsvInput.bad(file, row, "response_code '" + code + "' is not two characters, e.g. 00 or 51");
            }
            final Key key = new Key(rrn, stan, terminal);
            final Integer earlier = lines.putIfAbsent(key, row.line());
            if (earlier != null)
            {
                throw CsvInput.bad(file, row, "the same rrn, stan and terminal as line " + earlier);
            }
            rows.put(key, new Side(amountMinor, code, -1));
        }
        return rows;
    }

    /** Keeps an answered financial request of the day, the first time its key is seen. */
    private static void collect(final InputRecord input, final OutcomeRecord outcome, final RequestView request,
        final Map<Key, Side> journalSide)
    {
        if (input.kind() != EventKind.REQUEST || outcome == null || outcome.responseCode() < 0)
        {
            return;
        }
        request.wrap(input.payload(), input.payloadOffset(), input.payloadLength());
        if (!request.addressable())
        {
            return;
        }
        final int messageClass = request.mti() / 100;
        if (messageClass != 1 && messageClass != 2 && messageClass != 4)
        {
            return;
        }
        final String rrn = request.text(IsoFields.RRN);
        final String terminal = request.text(IsoFields.TERMINAL_ID);
        final long stan = request.numeric(IsoFields.STAN);
        final long amount = request.numeric(IsoFields.AMOUNT_TRANSACTION);
        final Key key = new Key(rrn == null ? "" : rrn, stan < 0 ? -1 : (int)stan, terminal == null ? "" : terminal);
        journalSide.putIfAbsent(key, new Side(Math.max(0, amount), Formats.responseCode(outcome.responseCode()),
            input.sequence()));
    }

    private static String csv(final Row row)
    {
        return String.join(",", row.status(), Formats.csv(row.key().rrn()), stan(row.key().stan()),
            Formats.csv(row.key().terminal()), row.file() == null ? "" : Long.toString(row.file().amountMinor()),
            row.journal() == null ? "" : Long.toString(row.journal().amountMinor()),
            row.file() == null ? "" : Formats.csv(row.file().responseCode()),
            row.journal() == null ? "" : row.journal().responseCode(),
            row.journal() == null ? "" : Long.toString(row.journal().sequence()));
    }

    private static void text(final PrintWriter out, final List<Row> rows, final Map<String, Long> counts)
    {
        for (final String status : STATUSES)
        {
            out.println(status.replace('_', ' ') + ": " + counts.get(status));
            for (final Row row : rows)
            {
                if (!row.status().equals(status))
                {
                    continue;
                }
                final StringBuilder line = new StringBuilder("  rrn=").append(row.key().rrn()).append(" stan=")
                    .append(stan(row.key().stan())).append(" terminal=").append(row.key().terminal());
                if (row.file() != null)
                {
                    line.append(" file: amount=").append(row.file().amountMinor()).append(" rc=")
                        .append(row.file().responseCode());
                }
                if (row.journal() != null)
                {
                    line.append(" journal: amount=").append(row.journal().amountMinor()).append(" rc=")
                        .append(row.journal().responseCode()).append(" seq=").append(row.journal().sequence());
                }
                out.println(line);
            }
        }
    }

    private static String stan(final int stan)
    {
        return stan < 0 ? "" : String.format("%06d", stan);
    }
}

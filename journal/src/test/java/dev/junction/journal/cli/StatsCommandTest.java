package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal stats} over the standard live journal (see {@link LiveJournal#standard()}). */
class StatsCommandTest
{
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void writeJournal() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);
    }

    @Test
    void textCountsKindsMessageClassesResponseCodesAmountsAndRate()
    {
        final Cli cli = Cli.run("stats", "--data", dataDir.toString());
        assertEquals(0, cli.exit(), cli.toString());
        assertEquals(List.of(
            "events            21  (sequences 0..20)",
            "  request         13",
            "  admin           6",
            "  connect         1",
            "  disconnect      1",
            "  tick            0",
            "time span         2026-11-21T12:00:00Z .. 2026-11-21T12:03:20Z (0 h 03 m 20 s)",
            "requests by MTI (1 malformed)",
            "  0100            5",
            "  0200            7",
            "  0800            1",
            "answers by response code",
            "  00              8",
            "  12              1",
            "  13              1",
            "  30              1",
            "  41              1",
            "  51              1",
            "approved by currency (amounts in minor units)",
            "  840             7 approvals, amount 5,100",
            "risk              0 flagged approvals, 0 risk declines (59)",
            "events per 60 s",
            "  2026-11-21T12:00:00Z  6",
            "  2026-11-21T12:01:00Z  6",
            "  2026-11-21T12:02:00Z  6",
            "  2026-11-21T12:03:00Z  3",
            "peak second       2026-11-21T12:00:00Z, 1 events"), cli.outLines());
        assertTrue(cli.err().startsWith("stats: 21 events read in "), cli.err());
    }

    @Test
    void jsonHoldsTheSameCountsAndTakesABucketWidth()
    {
        final Cli cli = Cli.run("stats", "--data", dataDir.toString(), "--format", "json", "--bucket-seconds", "120");
        assertEquals(0, cli.exit(), cli.toString());
        assertEquals(1, cli.outLines().size(), cli.out());
        final String json = cli.out();
        assertTrue(json.contains("\"events\":21,\"first_sequence\":0,\"last_sequence\":20"), json);
        assertTrue(json.contains("\"kinds\":{\"request\":13,\"admin\":6,\"connect\":1,\"disconnect\":1,\"tick\":0}"), json);
        assertTrue(json.contains("\"requests_by_mti\":{\"0100\":5,\"0200\":7,\"0800\":1}"), json);
        assertTrue(json.contains("\"answers_by_response_code\":{\"00\":8,\"12\":1,\"13\":1,\"30\":1,\"41\":1,\"51\":1}"), json);
        assertTrue(json.contains("\"approved_by_currency\":{\"840\":{\"count\":7,\"amount_minor\":5100}}"), json);
        assertTrue(json.contains("\"events_per_bucket\":[{\"start\":\"2026-11-21T12:00:00Z\",\"events\":12}," +
            "{\"start\":\"2026-11-21T12:02:00Z\",\"events\":9}]"), json);
        assertTrue(json.contains("\"flagged_approvals\":0,\"risk_declines\":0,"), json);
    }

    @Test
    void flaggedApprovalsAndRiskDeclinesAreCounted(@TempDir final Path decisionsDir) throws Exception
    {
        LiveJournal.decisions().writeTo(decisionsDir);
        final Cli text = Cli.run("stats", "--data", decisionsDir.toString());
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.outLines().contains("risk              1 flagged approvals, 1 risk declines (59)"), text.out());
        final Cli json = Cli.run("stats", "--data", decisionsDir.toString(), "--format", "json");
        assertTrue(json.out().contains("\"flagged_approvals\":1,\"risk_declines\":1,"), json.out());
    }
}

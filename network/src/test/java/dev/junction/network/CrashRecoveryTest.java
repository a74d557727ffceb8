package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Replayer;
import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery, tested the hard way: the switch runs as its own process under four pipelined
 * acquirers, is killed with SIGKILL at a random (seeded) moment, and is started again on the same data
 * directory, three times over. After each restart:
 * <ul>
 *   <li>every request that got no answer (or a 91) is resent byte for byte (same STAN, terminal,
 *       acquirer, transmission time, content): it must take effect once, whether the killed switch had
 *       journaled it (then the answer repeats the first decision) or not (then it is processed now);</li>
 *   <li>a balance inquiry on each card must show the ledger balance and available funds that the answers
 *       the acquirers hold add up to: approved 0200s posted, approved 0100s holding, none lost, none twice.</li>
 * </ul>
 * At the end the switch stops gracefully and the journal is checked: {@code journal verify} and
 * {@code journal replay} pass, and a replay with core's own authorizer gives every request the answer
 * its acquirer received, the resends of journaled requests as duplicates.
 */
class CrashRecoveryTest
{
    private static final long SEED = 0x5E771E_2026L;
    private static final int ROUNDS = 3;
    private static final int ACQUIRERS = 4;
    private static final int WINDOW = 32;
    private static final int REQUESTS_PER_ROUND = 4_000;
    private static final long OPENING_BALANCE_MINOR = 1_000_000_000L;
    private static final String[] PANS = {"4000000000000001", "4000000000000019", "4000000000000027", "4000000000000035"};
    private static final String ACQUIRER_ID = "123456";
    private static final String TRANSMISSION_TIME = "1121120000";

    @TempDir
    Path dir;

    /** Every request sent in the test, by terminal and STAN, with the answer that finally stands for it. */
    private final Map<String, StreamingAcquirer.Request> requests = new LinkedHashMap<>();
    private final Map<String, StreamingAcquirer.Answer> firstAnswers = new HashMap<>();
    private final Map<String, StreamingAcquirer.Answer> resendAnswers = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    @Test
    void killedAtRandomMomentsTheSwitchKeepsEveryAnswerAndResendsTakeEffectOnce() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path accounts = Files.writeString(dir.resolve("accounts.csv"), accountsCsv());
        final Path cards = Files.writeString(dir.resolve("cards.csv"), cardsCsv());
        final String[] args = {"--data", data.toString(), "--accounts", accounts.toString(), "--cards",
            cards.toString(), "--account-capacity", "100", "--card-capacity", "100"};
        final Path switchLog = dir.resolve("switch.log");
        final Random random = new Random(SEED);

        SwitchProcess junction = SwitchProcess.start(switchLog, args);
        for (int round = 0; round < ROUNDS; round++)
        {
            final int killAfterAnswers = 200 + random.nextInt(2_500);
            final List<StreamingAcquirer.Request> unanswered = driveAndKill(junction, round, killAfterAnswers);
            junction = SwitchProcess.start(switchLog, args);
            resend(junction, unanswered);
            checkBalances(junction, round);
        }
        assertEquals(143, junction.stop(), "exit status after SIGTERM");

        checkTheJournal(data);
    }

    /** Streams traffic on four connections and kills the switch once enough answers came back. */
    private List<StreamingAcquirer.Request> driveAndKill(final SwitchProcess junction, final int round,
        final int killAfterAnswers) throws Exception
    {
        final AtomicInteger answered = new AtomicInteger();
        final List<StreamingAcquirer> acquirers = new ArrayList<>();
        for (int a = 0; a < ACQUIRERS; a++)
        {
            final int acquirer = a;
            final Random content = new Random(SEED ^ (round * 31L + acquirer));
            acquirers.add(new StreamingAcquirer(junction.port(), WINDOW, REQUESTS_PER_ROUND,
                i -> request(acquirer, round * 100_000 + i + 1, content), answered));
        }
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (answered.get() < killAfterAnswers && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        junction.kill();
        final List<StreamingAcquirer.Request> unanswered = new ArrayList<>();
        int sent = 0;
        for (int a = 0; a < ACQUIRERS; a++)
        {
            final StreamingAcquirer acquirer = acquirers.get(a);
            acquirer.await();
            final Map<Integer, StreamingAcquirer.Answer> answers = acquirer.answers();
            for (final StreamingAcquirer.Request request : acquirer.attempted())
            {
                sent++;
                final String key = key(a, request.stan());
                requests.put(key, request);
                final StreamingAcquirer.Answer answer = answers.get(request.stan());
                if (answer == null || answer.code().equals("91"))
                {
                    unanswered.add(request);
                }
                else
                {
                    firstAnswers.put(key, answer);
                }
            }
        }
        log.add("round " + round + ": killed after " + answered.get() + " answers (aimed at " + killAfterAnswers +
            "), " + sent + " requests sent, " + unanswered.size() + " unanswered");
        System.out.println(log.get(log.size() - 1));
        assertTrue(sent < ACQUIRERS * REQUESTS_PER_ROUND,
            "the kill must come while traffic flows: " + log);
        return unanswered;
    }

    /** Resends each unanswered request byte for byte on a new connection and keeps its answer. */
    private void resend(final SwitchProcess junction, final List<StreamingAcquirer.Request> unanswered)
        throws Exception
    {
        try (RawClient client = new RawClient(junction.port()))
        {
            for (final StreamingAcquirer.Request request : unanswered)
            {
                client.sendFrame(request.bytes());
                final ISOMsg answer = client.readAnswer();
                assertNotNull(answer, "no answer to a resend");
                assertEquals(request.stan(), Integer.parseInt(answer.getString(11)));
                final String key = keyOf(request, answer);
                assertFalse(answer.getString(39).equals("91"), "a resend after restart answered 91");
                resendAnswers.put(key, StreamingAcquirer.Answer.of(answer));
            }
        }
    }

    /** A balance inquiry per card must show what the answers the acquirers hold add up to. */
    private void checkBalances(final SwitchProcess junction, final int round) throws Exception
    {
        try (RawClient client = new RawClient(junction.port()))
        {
            for (int card = 0; card < PANS.length; card++)
            {
                final ISOMsg inquiry = new ISOMsg();
                inquiry.setMTI("0100");
                inquiry.set(2, PANS[card]);
                inquiry.set(3, "310000");
                inquiry.set(7, TRANSMISSION_TIME);
                inquiry.set(11, String.format("%06d", 900_000 + round * 10 + card));
                inquiry.set(32, ACQUIRER_ID);
                inquiry.set(41, "INQUIRER");
                inquiry.set(49, "840");
                client.sendFrame(RawClient.pack(inquiry));
                final ISOMsg answer = client.readAnswer();
                assertEquals("00", answer.getString(39));
                final String amounts = answer.getString(54);
                final long[] expected = expectedLedger(card);
                assertEquals(expected[0], signed(amounts.substring(7, 20)),
                    "ledger balance of card " + card + " after round " + round + ": " + log);
                assertEquals(expected[0] - expected[1], signed(amounts.substring(27, 40)),
                    "available funds of card " + card + " after round " + round + ": " + log);
            }
        }
    }

    /** @return the balance and the holds of a card's account that the standing answers say. */
    private long[] expectedLedger(final int card)
    {
        long balance = OPENING_BALANCE_MINOR;
        long holds = 0;
        for (final Map.Entry<String, StreamingAcquirer.Request> entry : requests.entrySet())
        {
            final StreamingAcquirer.Request request = entry.getValue();
            final StreamingAcquirer.Answer answer = standing(entry.getKey());
            if (request.card() != card || answer == null || !answer.code().equals("00"))
            {
                continue;
            }
            if (request.mti().equals("0100"))
            {
                holds += request.amountMinor();
            }
            else
            {
                balance -= request.amountMinor();
            }
        }
        return new long[] {balance, holds};
    }

    private StreamingAcquirer.Answer standing(final String key)
    {
        final StreamingAcquirer.Answer first = firstAnswers.get(key);
        return first != null ? first : resendAnswers.get(key);
    }

    /**
     * Replays the journal with core's authorizer: each request's first journaled decision is the answer
     * its acquirer got; a resend of a journaled request is a duplicate that repeats it; a resend of one
     * the killed switch never journaled is its only input. Then the operator tools agree.
     */
    private void checkTheJournal(final Path data)
    {
        final Map<String, List<Decided>> byKey = new HashMap<>();
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(100, 100)));
        final IsoMessage message = new IsoMessage();
        try (JournalReader reader = JournalReader.open(data))
        {
            reader.readInputs(0, (sequence, kind, ingress, connection, payload, offset, length) ->
            {
                final Decision decision = replayer.apply(sequence, kind, ingress, connection, payload, offset, length);
                if (kind != EventKind.REQUEST)
                {
                    return;
                }
                message.wrap(payload, offset, length);
                final String terminal = text(message, IsoFields.TERMINAL_ID);
                if (terminal.startsWith("TERM"))
                {
                    byKey.computeIfAbsent(terminal + "/" + message.numeric(IsoFields.STAN), k -> new ArrayList<>())
                        .add(new Decided(code(decision.responseCode()),
                            decision.authorizationId() == 0 ? "" : AuthorizationIds.text(decision.authorizationId()),
                            decision.isDuplicate()));
                }
            });
        }
        int duplicates = 0;
        for (final String key : requests.keySet())
        {
            final List<Decided> decided = byKey.get(key);
            final StreamingAcquirer.Answer first = firstAnswers.get(key);
            final StreamingAcquirer.Answer resent = resendAnswers.get(key);
            if (first != null)
            {
                assertNotNull(decided, key + " was answered but is not in the journal");
                assertEquals(1, decided.size(), key + " was answered, never resent, yet journaled twice");
                assertEquals(first, decided.get(0).answer(), key + ": the journal decided otherwise than answered");
                continue;
            }
            assertNotNull(resent, key + " has neither an answer nor a resend");
            assertNotNull(decided, key + " was resent but is not in the journal");
            assertTrue(decided.size() <= 2, key + " journaled " + decided.size() + " times");
            final Decided last = decided.get(decided.size() - 1);
            assertEquals(resent, last.answer(), key + ": the resend's answer is not the journal's");
            if (decided.size() == 2)
            {
                duplicates++;
                assertTrue(last.duplicate(), key + ": a resend of a journaled request was processed again");
                assertEquals(decided.get(0).answer(), last.answer(), key + ": a duplicate answered otherwise");
            }
            else
            {
                assertFalse(last.duplicate(), key);
            }
        }
        log.add(duplicates + " resends were duplicates of journaled requests, " +
            (resendAnswers.size() - duplicates) + " were processed afresh");
        System.out.println(log.get(log.size() - 1));
        assertTool(data, "verify");
        assertTool(data, "replay", "--account-capacity", "100", "--card-capacity", "100");
    }

    private static void assertTool(final Path data, final String tool, final String... options)
    {
        final StringWriter out = new StringWriter();
        final List<String> args = new ArrayList<>(List.of("journal", tool, "--data", data.toString()));
        args.addAll(List.of(options));
        final int exit = JunctionCli.run(new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(new String[0]));
        assertEquals(0, exit, "journal " + tool + " after the crashes:\n" + out);
    }

    private record Decided(String code, String authorizationId, boolean duplicate)
    {
        StreamingAcquirer.Answer answer()
        {
            return new StreamingAcquirer.Answer(code, authorizationId);
        }
    }

    /** An 0100 or 0200 for 1.00 to 50.00 on one of the four cards, from terminal TERM000n. */
    private static StreamingAcquirer.Request request(final int acquirer, final int stan, final Random content)
    {
        try
        {
            final int card = content.nextInt(PANS.length);
            final String mti = content.nextBoolean() ? "0100" : "0200";
            final long amountMinor = 100 + content.nextInt(4_901);
            final ISOMsg message = new ISOMsg();
            message.setMTI(mti);
            message.set(2, PANS[card]);
            message.set(3, "000000");
            message.set(4, String.format("%012d", amountMinor));
            message.set(7, TRANSMISSION_TIME);
            message.set(11, String.format("%06d", stan));
            message.set(32, ACQUIRER_ID);
            message.set(37, String.format("%d%011d", acquirer, stan));
            message.set(41, "TERM000" + acquirer);
            message.set(42, "MERCHANT000000" + acquirer);
            message.set(49, "840");
            return new StreamingAcquirer.Request(stan, mti, card, amountMinor, RawClient.pack(message));
        }
        catch (final org.jpos.iso.ISOException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static String key(final int acquirer, final int stan)
    {
        return "TERM000" + acquirer + "/" + stan;
    }

    private static String keyOf(final StreamingAcquirer.Request request, final ISOMsg answer)
    {
        return answer.getString(41) + "/" + request.stan();
    }

    private static long signed(final String amount)
    {
        final long magnitude = Long.parseLong(amount.substring(1));
        return amount.charAt(0) == 'D' ? -magnitude : magnitude;
    }

    private static String code(final int responseCode)
    {
        return responseCode == ResponseCodes.NONE ? "none" : String.format("%02d", responseCode);
    }

    private static String text(final IsoMessage message, final int field)
    {
        if (!message.has(field))
        {
            return "";
        }
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < message.digitCount(field); i++)
        {
            text.append((char)message.charAt(field, i));
        }
        return text.toString();
    }

    private static String accountsCsv()
    {
        final StringBuilder csv = new StringBuilder("account_id,currency,balance_minor,credit_limit_minor\n");
        for (int i = 1; i <= PANS.length; i++)
        {
            csv.append(i).append(",840,").append(OPENING_BALANCE_MINOR).append(",0\n");
        }
        return csv.toString();
    }

    private static String cardsCsv()
    {
        final StringBuilder csv = new StringBuilder("pan,account_id,expiry_yymm,status\n");
        for (int i = 0; i < PANS.length; i++)
        {
            csv.append(PANS[i]).append(',').append(i + 1).append(",3012,active\n");
        }
        return csv.toString();
    }
}

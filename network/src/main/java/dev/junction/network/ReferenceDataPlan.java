package dev.junction.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.junction.core.auth.Accounts;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.Cards;
import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.DemoData;
import dev.junction.core.refdata.Pans;
import dev.junction.core.refdata.ReferenceDataCsv;
import dev.junction.core.refdata.ReferenceDataException;
import dev.junction.core.refdata.RiskAdminRecords;
import dev.junction.core.refdata.RuleRecord;
import dev.junction.core.refdata.RulesFile;
import dev.junction.journal.JournalException;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalReader;
import org.agrona.DirectBuffer;

/**
 * What start-up will import: the records of the CSV files (or the demo set) that the replayed state
 * does not know yet. Everything is checked before the ring starts, so a bad file stops start-up with
 * one line and imports nothing, and importing the same files again publishes nothing (a known account
 * keeps its balance, a known card its state).
 * <p>
 * Then the rules file's records ({@link RulesFile}), published after the cards so that card limits find
 * their cards. Rule records carry the rule-set version, and the authorizer refuses a version older than
 * the one in force, so the plan compares the file's version with the one in force, read from the
 * journal (see {@link RulesInForce}): a newer version is published; the same version is published only
 * if nothing in the file differs from what was accepted under it, and then not at all, so a restart with
 * the same command line publishes nothing; the same version with other content, or an older version,
 * stops start-up with one line.
 * <p>
 * Last, {@code --cutover-time}: a cutover record that sets the daily time without opening a day. The
 * authorizer offers no read of the daily time in force, so it is published on every start that names
 * the option; the same time again is answered {@code ADMIN_UNCHANGED} and changes nothing.
 *
 * @param accounts            new accounts to publish as admin events.
 * @param cards               new cards to publish as admin events.
 * @param knownAccounts       accounts in the files that the state already holds.
 * @param knownCards          cards in the files that the state already holds.
 * @param demo                whether this is the demo set.
 * @param rules               rule records to publish, in file order; empty when the file's version is in force.
 * @param rulesVersion        the rules file's version, 0 without a rules file.
 * @param rulesVersionInForce the rule-set version in force before this start (0: the built-in rules).
 * @param cutoverSecondOfDay  the daily cutover time to publish ({@code AdminRecords.CUTOVER_ON_COMMAND_ONLY}
 *                            for none), or {@code AdminRecords.CUTOVER_KEEP_TIME} to publish no cutover.
 */
record ReferenceDataPlan(List<AccountRecord> accounts, List<CardRecord> cards, int knownAccounts, int knownCards,
    boolean demo, List<RuleRecord> rules, int rulesVersion, int rulesVersionInForce, int cutoverSecondOfDay)
{
    /** @return whether a rules file was named and its version is already in force: nothing of it is published. */
    boolean rulesAlreadyInForce()
    {
        return rulesVersion != 0 && rulesVersion == rulesVersionInForce && rules.isEmpty();
    }

    /** @return whether start-up publishes a cutover record. */
    boolean publishesCutover()
    {
        return cutoverSecondOfDay != AdminRecords.CUTOVER_KEEP_TIME;
    }

    /**
     * @param freshJournal whether the journal held nothing before this start: only then does the demo set
     *                     apply when no files are named.
     */
    static ReferenceDataPlan of(final ServerConfig config, final Authorizer state, final boolean freshJournal)
        throws StartupException
    {
        final boolean named = config.accountsFile() != null || config.cardsFile() != null;
        final boolean demo = !named && freshJournal;
        final List<AccountRecord> accounts = demo ? DemoData.accounts() : config.accountsFile() == null ? List.of() :
            read(config.accountsFile(), ReferenceDataCsv::readAccounts);
        final List<CardRecord> cards = demo ? DemoData.cards() : config.cardsFile() == null ? List.of() :
            read(config.cardsFile(), ReferenceDataCsv::readCards);
        final RulesFile.RuleSet ruleSet = config.rulesFile() == null ? null :
            read(config.rulesFile(), RulesFile::read);
        final ReferenceDataPlan plan = plan(accounts, cards, state, demo);
        if (ruleSet == null)
        {
            return plan.with(List.of(), 0, 0, config.cutoverRecordTime());
        }
        final String source = config.rulesFile().toString();
        checkCards(ruleSet, source, cards, state.cards());
        final RulesInForce inForce = RulesInForce.read(config.dataDir(), config.journalKey());
        return plan.with(inForce.toPublish(ruleSet, source), ruleSet.version(), inForce.version,
            config.cutoverRecordTime());
    }

    private ReferenceDataPlan with(final List<RuleRecord> rules, final int rulesVersion, final int rulesVersionInForce,
        final int cutoverSecondOfDay)
    {
        return new ReferenceDataPlan(accounts, cards, knownAccounts, knownCards, demo, rules, rulesVersion,
            rulesVersionInForce, cutoverSecondOfDay);
    }

    /** Card limits must name a card in the cards file (or the demo set) or one the state already holds. */
    private static void checkCards(final RulesFile.RuleSet ruleSet, final String source, final List<CardRecord> cards,
        final Cards known) throws StartupException
    {
        final Set<Long> inFile = new HashSet<>();
        for (final CardRecord card : cards)
        {
            inFile.add(Pans.key(card.pan()));
        }
        for (final RuleRecord record : ruleSet.records())
        {
            if (record.pan() != null && !inFile.contains(Pans.key(record.pan())) &&
                !known.containsKey(Pans.key(record.pan())))
            {
                throw new StartupException(source + ":" + record.line() + ": card " + Pans.mask(record.pan()) +
                    " is neither in the cards file nor already provisioned");
            }
        }
    }

    private static ReferenceDataPlan plan(final List<AccountRecord> accounts, final List<CardRecord> cards,
        final Authorizer state, final boolean demo) throws StartupException
    {
        final Accounts ledger = state.accounts();
        final Cards known = state.cards();
        final List<AccountRecord> newAccounts = new ArrayList<>();
        final Set<Long> accountIds = new HashSet<>();
        for (final AccountRecord account : accounts)
        {
            accountIds.add(account.accountId());
            if (ledger.indexOf(account.accountId()) < 0)
            {
                newAccounts.add(account);
            }
        }
        final List<CardRecord> newCards = new ArrayList<>();
        for (final CardRecord card : cards)
        {
            if (!accountIds.contains(card.accountId()) && ledger.indexOf(card.accountId()) < 0)
            {
                throw new StartupException("card " + Pans.mask(card.pan()) + " names account " + card.accountId() +
                    ", which is neither in the accounts file nor already provisioned");
            }
            if (!known.containsKey(Pans.key(card.pan())))
            {
                newCards.add(card);
            }
        }
        if (ledger.count() + newAccounts.size() > ledger.capacity())
        {
            throw new StartupException("importing " + newAccounts.size() + " new accounts would pass the account " +
                "capacity of " + ledger.capacity() + " (" + ledger.count() + " held); raise --account-capacity");
        }
        if (known.count() + newCards.size() > known.capacity())
        {
            throw new StartupException("importing " + newCards.size() + " new cards would pass the card capacity of " +
                known.capacity() + " (" + known.count() + " held); raise --card-capacity");
        }
        return new ReferenceDataPlan(newAccounts, newCards, accounts.size() - newAccounts.size(),
            cards.size() - newCards.size(), demo, List.of(), 0, 0, AdminRecords.CUTOVER_KEEP_TIME);
    }

    /**
     * The rule records the journal says the authorizer accepted, read on the start-up thread before the
     * ring starts (after recovery, so every input has its outcome). The authorizer offers no read of its
     * rule set, so this reads what decided it: a rule record's outcome is {@code ADMIN_CREATED} exactly when
     * the authorizer accepted it, and each accepted record's version becomes the one in force, so the
     * version in force is the last accepted record's (0, the built-in rules, before any). Deterministic:
     * the same journal gives the same answer as the replayed state.
     */
    static final class RulesInForce
    {
        /** The rule-set version in force. */
        int version;
        /** The accepted rule records of that version, as hex. */
        final Set<String> acceptedAtVersion = new HashSet<>();
        /** The last accepted card limits record of each card, as hex, by PAN key. */
        final Map<Long, String> cardLimits = new HashMap<>();

        static RulesInForce read(final Path dataDir, final JournalKey key) throws StartupException
        {
            final RulesInForce inForce = new RulesInForce();
            try (JournalReader reader = JournalReader.open(dataDir, key))
            {
                reader.readEvents(0, (input, outcome) ->
                {
                    if (input.kind() == EventKind.ADMIN && outcome != null &&
                        outcome.adminResult() == Decision.ADMIN_CREATED)
                    {
                        inForce.accepted(input.payload(), input.payloadOffset(), input.payloadLength());
                    }
                    return true;
                });
            }
            catch (final JournalException e)
            {
                throw new StartupException("cannot read the rules in force from the journal in " + dataDir + ": " +
                    e.getMessage(), e);
            }
            return inForce;
        }

        private void accepted(final DirectBuffer payload, final int offset, final int length)
        {
            final byte type = AdminRecords.type(payload, offset, length);
            if (type == RiskAdminRecords.TYPE_CARD_LIMITS)
            {
                cardLimits.put(AdminRecords.cardPanKey(payload, offset), hex(payload, offset, length));
            }
            else if (type > RiskAdminRecords.TYPE_CARD_LIMITS && type <= RiskAdminRecords.TYPE_CURRENCY_RATE)
            {
                final int recordVersion = RiskAdminRecords.version(payload, offset);
                if (recordVersion > version)
                {
                    version = recordVersion;
                    acceptedAtVersion.clear();
                }
                acceptedAtVersion.add(hex(payload, offset, length));
            }
        }

        /** @return the records of {@code ruleSet} to publish: all of a newer version, none of the one in force. */
        List<RuleRecord> toPublish(final RulesFile.RuleSet ruleSet, final String source) throws StartupException
        {
            if (ruleSet.version() < version)
            {
                throw new StartupException(source + ": version " + ruleSet.version() + " is older than version " +
                    version + " in force, and the switch refuses older rules; raise the file's version");
            }
            if (ruleSet.version() > version)
            {
                return ruleSet.records();
            }
            for (final RuleRecord record : ruleSet.records())
            {
                final String bytes = hex(record.buffer(), 0, record.length());
                final boolean inForce = record.pan() != null ?
                    bytes.equals(cardLimits.get(Pans.key(record.pan()))) : acceptedAtVersion.contains(bytes);
                if (!inForce)
                {
                    throw new StartupException(source + ":" + record.line() + ": differs from version " + version +
                        " in force (changed, or refused when it was imported); raise the file's version to import it");
                }
            }
            return List.of();
        }

        private static String hex(final DirectBuffer buffer, final int offset, final int length)
        {
            final StringBuilder text = new StringBuilder(2 * length);
            for (int i = 0; i < length; i++)
            {
                text.append(Character.forDigit(buffer.getByte(offset + i) >> 4 & 0xF, 16))
                    .append(Character.forDigit(buffer.getByte(offset + i) & 0xF, 16));
            }
            return text.toString();
        }
    }

    /** One of {@link ReferenceDataCsv}'s readers, or {@link RulesFile#read}. */
    @FunctionalInterface
    private interface FileReader<T>
    {
        T read(BufferedReader reader, String source) throws IOException, ReferenceDataException;
    }

    private static <T> T read(final Path file, final FileReader<T> csv) throws StartupException
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return csv.read(reader, file.toString());
        }
        catch (final ReferenceDataException e)
        {
            throw new StartupException(e.getMessage());
        }
        catch (final NoSuchFileException e)
        {
            throw new StartupException(file + ": no such file");
        }
        catch (final IOException e)
        {
            throw new StartupException(file + ": cannot read: " + e.getMessage());
        }
    }
}

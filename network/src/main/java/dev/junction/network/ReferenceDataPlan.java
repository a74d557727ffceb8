package dev.junction.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.junction.core.auth.Accounts;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.Cards;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.DemoData;
import dev.junction.core.refdata.Pans;
import dev.junction.core.refdata.ReferenceDataCsv;
import dev.junction.core.refdata.ReferenceDataException;

/**
 * What start-up will import: the records of the CSV files (or the demo set) that the replayed state
 * does not know yet. Everything is checked before the ring starts, so a bad file stops start-up with
 * one line and imports nothing, and importing the same files again publishes nothing (a known account
 * keeps its balance, a known card its state).
 *
 * @param accounts      new accounts to publish as admin events.
 * @param cards         new cards to publish as admin events.
 * @param knownAccounts accounts in the files that the state already holds.
 * @param knownCards    cards in the files that the state already holds.
 * @param demo          whether this is the demo set.
 */
record ReferenceDataPlan(List<AccountRecord> accounts, List<CardRecord> cards, int knownAccounts, int knownCards,
    boolean demo)
{
    /**
     * @param freshJournal whether the journal held nothing before this start: only then does the demo set
     *                     apply when no files are named.
     */
    static ReferenceDataPlan of(final ServerConfig config, final Authorizer state, final boolean freshJournal)
        throws StartupException
    {
        final boolean named = config.accountsFile() != null || config.cardsFile() != null;
        if (!named)
        {
            return freshJournal ? plan(DemoData.accounts(), DemoData.cards(), state, true) :
                new ReferenceDataPlan(List.of(), List.of(), 0, 0, false);
        }
        final List<AccountRecord> accounts = config.accountsFile() == null ? List.of() :
            read(config.accountsFile(), ReferenceDataCsv::readAccounts);
        final List<CardRecord> cards = config.cardsFile() == null ? List.of() :
            read(config.cardsFile(), ReferenceDataCsv::readCards);
        return plan(accounts, cards, state, false);
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
            cards.size() - newCards.size(), demo);
    }

    /** One of {@link ReferenceDataCsv}'s readers. */
    @FunctionalInterface
    private interface CsvReader<T>
    {
        List<T> read(BufferedReader reader, String source) throws IOException, ReferenceDataException;
    }

    private static <T> List<T> read(final Path file, final CsvReader<T> csv) throws StartupException
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

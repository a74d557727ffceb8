package dev.junction.benchmarks;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.DemoData;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Provisions an {@link Authorizer} the way the switch does, through admin events applied in order:
 * card {@code n} (1-based, PAN {@link DemoData#pan}) is active, expires {@link AuthorizationRequests#EXPIRY_YYMM}
 * and draws on account {@code n}, which holds so much in US dollars that no benchmark run exhausts it.
 * Set-up code only.
 */
public final class Ledgers
{
    /** Ten trillion dollars in cents: at 1,234 cents a request, no run declines for insufficient funds. */
    public static final long BALANCE_MINOR = 1_000_000_000_000_000L;

    private Ledgers()
    {
    }

    /** @return an authorizer holding {@code cardCount} cards on as many accounts, the other capacities the defaults. */
    public static Authorizer provisioned(final int cardCount)
    {
        return provisioned(cardCount, AuthorizerConfig.DEFAULT_TRANSACTION_CAPACITY);
    }

    /** @return an authorizer holding {@code cardCount} cards on as many accounts, remembering that many transactions. */
    public static Authorizer provisioned(final int cardCount, final int transactionCapacity)
    {
        final Authorizer authorizer = new Authorizer(new AuthorizerConfig(cardCount, cardCount, transactionCapacity,
            AuthorizerConfig.DEFAULT_DUPLICATE_WINDOW, AuthorizerConfig.DEFAULT_HOLD_EXPIRY_MILLIS));
        final TransactionEvent event = new TransactionEvent(AdminRecords.MAX_LENGTH);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        long sequence = 0;
        for (int n = 1; n <= cardCount; n++)
        {
            final int length = AdminRecords.writeAccount(record, 0,
                new AccountRecord(n, DemoData.CURRENCY_USD, BALANCE_MINOR, 0));
            apply(authorizer, event, ++sequence, record, length);
        }
        for (int n = 1; n <= cardCount; n++)
        {
            final int length = AdminRecords.writeCard(record, 0,
                new CardRecord(DemoData.pan(n), n, AuthorizationRequests.EXPIRY_YYMM, CardStatus.ACTIVE));
            apply(authorizer, event, ++sequence, record, length);
        }
        return authorizer;
    }

    private static void apply(final Authorizer authorizer, final TransactionEvent event, final long sequence,
        final UnsafeBuffer record, final int length)
    {
        event.copyInput(sequence, EventKind.ADMIN, AuthorizationRequests.INGRESS_EPOCH_NANOS, 0, record, 0, length);
        authorizer.apply(event);
        if (event.decision().adminResult() != Decision.ADMIN_CREATED)
        {
            throw new IllegalStateException("admin record " + sequence + " was not applied: result " +
                event.decision().adminResult());
        }
    }
}

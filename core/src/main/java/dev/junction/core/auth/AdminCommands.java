package dev.junction.core.auth;

import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.ReferenceDataCsv;
import org.agrona.DirectBuffer;

/**
 * An operator's commands that change a card or an account the switch already holds (admin records
 * {@link AdminRecords#TYPE_CARD_STATUS} and {@link AdminRecords#TYPE_ACCOUNT_ADJUSTMENT}). Reference data
 * import is create-only; these are the only records that change what exists, so each checks everything
 * before it changes anything and reports a distinct {@code Decision.ADMIN_*} result:
 * <ul>
 *   <li><b>Card status</b>: {@link Decision#ADMIN_CHANGED}, {@link Decision#ADMIN_UNCHANGED} (already so),
 *       {@link Decision#ADMIN_NOT_FOUND}, {@link Decision#ADMIN_NOT_PERMITTED} (the card is lost or stolen: that
 *       status is final, so a mistaken or malicious "unblock" can never reopen a compromised card number),
 *       {@link Decision#ADMIN_REJECTED} (a malformed record). The decision's admin value is the card's status
 *       after the command.</li>
 *   <li><b>Account adjustment</b>: credits or debits the balance through the {@link Ledger}, so the
 *       money-conservation checks count it as an external movement like a refund or a purchase.
 *       {@link Decision#ADMIN_CHANGED}, {@link Decision#ADMIN_NOT_FOUND},
 *       {@link Decision#ADMIN_CURRENCY_MISMATCH}, {@link Decision#ADMIN_INSUFFICIENT_FUNDS} (a debit beyond
 *       balance + credit limit - holds, which the ledger's invariant forbids), {@link Decision#ADMIN_REJECTED}
 *       (an amount of 0 or beyond 15 digits, a credit that would take the balance beyond the 15 digits
 *       import allows, a reference that is not printable ASCII). When the account exists the decision carries it as a
 *       request's would: its id, the amount moved (signed, 0 when refused), currency, balance, holds and
 *       available funds after.</li>
 * </ul>
 * Authorizer-thread only; allocation-free.
 */
final class AdminCommands
{
    private final Accounts accounts;
    private final Cards cards;
    private final Ledger ledger;

    AdminCommands(final Accounts accounts, final Cards cards, final Ledger ledger)
    {
        this.accounts = accounts;
        this.cards = cards;
        this.ledger = ledger;
    }

    void cardStatus(final DirectBuffer payload, final int length, final Decision decision)
    {
        final long panKey = AdminRecords.cardPanKey(payload, 0);
        final byte target = AdminRecords.cardStatusTarget(payload, 0);
        if (length != AdminRecords.CARD_STATUS_LENGTH || panKey == -1 || target < CardStatus.ACTIVE ||
            target > CardStatus.STOLEN)
        {
            decision.adminResult(Decision.ADMIN_REJECTED);
            return;
        }
        final int card = cards.indexOf(panKey, AdminRecords.cardPanLength(payload, 0));
        if (card < 0)
        {
            decision.adminResult(Decision.ADMIN_NOT_FOUND);
            return;
        }
        final byte current = cards.status(card);
        decision.adminValue(current);
        if (current == target)
        {
            decision.adminResult(Decision.ADMIN_UNCHANGED);
            return;
        }
        if (current == CardStatus.LOST || current == CardStatus.STOLEN)
        {
            decision.adminResult(Decision.ADMIN_NOT_PERMITTED);
            return;
        }
        cards.status(card, target);
        decision.adminValue(target);
        decision.adminResult(Decision.ADMIN_CHANGED);
    }

    void adjustAccount(final DirectBuffer payload, final int length, final Decision decision)
    {
        final long amountMinor = length == AdminRecords.ACCOUNT_ADJUSTMENT_LENGTH ?
            AdminRecords.adjustmentAmountMinor(payload, 0) : 0;
        if (amountMinor == 0 || amountMinor > ReferenceDataCsv.MAX_AMOUNT_MINOR ||
            amountMinor < -ReferenceDataCsv.MAX_AMOUNT_MINOR || !AdminRecords.adjustmentReferenceIsPrintable(payload, 0))
        {
            decision.adminResult(Decision.ADMIN_REJECTED);
            return;
        }
        final int account = accounts.indexOf(AdminRecords.adjustmentAccountId(payload, 0));
        if (account < 0)
        {
            decision.adminResult(Decision.ADMIN_NOT_FOUND);
            return;
        }
        final int result = adjust(account, amountMinor, AdminRecords.adjustmentCurrency(payload, 0));
        final boolean changed = result == Decision.ADMIN_CHANGED;
        decision.account(accounts.id(account), changed ? amountMinor : 0, accounts.currencyCode(account),
            accounts.balanceMinor(account), accounts.holdsMinor(account));
        decision.availableAfterMinor(accounts.availableMinor(account));
        decision.adminResult(result);
    }

    private int adjust(final int account, final long amountMinor, final int currencyCode)
    {
        if (currencyCode != accounts.currencyCode(account))
        {
            return Decision.ADMIN_CURRENCY_MISMATCH;
        }
        if (amountMinor < 0 && -amountMinor > accounts.availableMinor(account))
        {
            return Decision.ADMIN_INSUFFICIENT_FUNDS;
        }
        // A credit keeps the balance within the 15 digits import allows (compared without overflow); a debit
        // cannot take it below -credit limit, which import bounds alike.
        if (amountMinor > 0 && accounts.balanceMinor(account) > ReferenceDataCsv.MAX_AMOUNT_MINOR - amountMinor)
        {
            return Decision.ADMIN_REJECTED;
        }
        if (amountMinor > 0)
        {
            ledger.credit(account, amountMinor);
        }
        else
        {
            ledger.debit(account, -amountMinor);
        }
        return Decision.ADMIN_CHANGED;
    }
}

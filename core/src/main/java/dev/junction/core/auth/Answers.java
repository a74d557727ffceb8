package dev.junction.core.auth;

/** Writes an answer that names an account: the code, the amount moved and the account's state after it. */
final class Answers
{
    private Answers()
    {
    }

    static void answer(final Decision decision, final Accounts accounts, final int responseMti, final int responseCode,
        final int account, final long amountMinor)
    {
        decision.respond(responseMti, responseCode);
        decision.account(accounts.id(account), amountMinor, accounts.currencyCode(account),
            accounts.balanceMinor(account), accounts.holdsMinor(account));
        decision.availableAfterMinor(accounts.availableMinor(account));
    }
}

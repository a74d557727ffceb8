package dev.junction.network.admin;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of the admin endpoint: one INFO line per action with who asked, what, on which card
 * (masked) or account, and the result; and a WARN line per refused token, rate-limited (the first
 * {@value #AUTH_FAILURE_BURST}, then one in every {@value #AUTH_FAILURE_EVERY}) so that a guesser cannot
 * flood the log. The token is never logged.
 */
final class AdminAudit
{
    static final int AUTH_FAILURE_BURST = 10;
    static final int AUTH_FAILURE_EVERY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(AdminAudit.class);

    private final AtomicLong authFailures;

    AdminAudit(final AtomicLong authFailures)
    {
        this.authFailures = authFailures;
    }

    /**
     * @param actor  who asked: the remote address and how they proved it.
     * @param detail the action's subject, e.g. {@code pan=400000******0010}, already masked; may be empty.
     */
    void action(final String actor, final String action, final String detail, final int status, final String message)
    {
        LOG.info("admin {} by {}{}{}: {} {}", action, actor, detail.isEmpty() ? "" : " ", detail, status,
            OneLine.of(message));
    }

    /** Counts a request with a missing or wrong token and logs it unless the rate limit holds it back. */
    void authFailure(final String remote, final String path)
    {
        final long count = authFailures.incrementAndGet();
        if (count <= AUTH_FAILURE_BURST || count % AUTH_FAILURE_EVERY == 0)
        {
            LOG.warn("admin request to {} from {} refused 401: missing or wrong bearer token ({} refused so far)",
                OneLine.of(path), remote, count);
        }
    }
}

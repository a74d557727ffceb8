package dev.junction.network.admin;

/**
 * The admin endpoint's address and limits, as {@code junction start} was told them (the switch's
 * configuration validates each and names the option when one is out of range).
 *
 * @param host              the address to bind; loopback by default, since the endpoint changes money.
 * @param port              the port; 0 picks a free one (tests).
 * @param maxBodyBytes      the largest request body accepted (a reference-data upload); more is a 413.
 * @param maxConnections    admin connections open at once; more are closed on accept and counted.
 * @param idleTimeoutMillis a connection with no request, answer or action in progress this long is closed.
 * @param queueCapacity     actions waiting for an action thread; more are refused with 503.
 */
public record AdminSettings(String host, int port, int maxBodyBytes, int maxConnections, long idleTimeoutMillis,
    int queueCapacity)
{
}

package dev.junction.network.admin;

import java.util.Set;

/** The admin actions, each a {@code POST} to its own path, with the form parameters it takes. */
enum AdminRoute
{
    BLOCK_CARD("/admin/cards/block", "block-card", Set.of("pan")),
    UNBLOCK_CARD("/admin/cards/unblock", "unblock-card", Set.of("pan")),
    CARD_LIMITS("/admin/cards/limits", "card-limits",
        Set.of("pan", "max_single_minor", "daily_amount_minor", "daily_count")),
    ADJUST_ACCOUNT("/admin/accounts/adjust", "adjust-account",
        Set.of("account_id", "amount_minor", "currency", "reference")),
    REFERENCE_DATA("/admin/reference-data", "reference-data", Set.of("accounts", "cards")),
    CUTOVER("/admin/cutover", "cutover", Set.of()),
    SNAPSHOT("/admin/snapshot", "snapshot", Set.of());

    /** Every admin path starts so: the gate asks for the token before reading a body sent to one. */
    static final String PREFIX = "/admin/";

    private final String path;
    private final String action;
    private final Set<String> parameters;

    AdminRoute(final String path, final String action, final Set<String> parameters)
    {
        this.path = path;
        this.action = action;
        this.parameters = parameters;
    }

    /** @return the route at {@code path}, or null. */
    static AdminRoute at(final String path)
    {
        for (final AdminRoute route : values())
        {
            if (route.path.equals(path))
            {
                return route;
            }
        }
        return null;
    }

    String path()
    {
        return path;
    }

    /** @return the action's name in the audit log. */
    String action()
    {
        return action;
    }

    Set<String> parameters()
    {
        return parameters;
    }
}

package dev.junction.network.admin;

import java.util.function.Consumer;

/**
 * Where the switch is in its life, as {@code GET /health} reports it. The switch's starting thread moves
 * it forward; the admin event loop reads it. Only {@link State#READY} answers 200, so a load balancer or
 * an orchestrator sends no traffic while the journal is replayed or while the switch drains to stop.
 */
public final class Readiness
{
    /** The phases, in the order a switch goes through them. */
    public enum State
    {
        /** Opening the data directory and the journal. */
        STARTING("starting"),
        /** Replaying the journal (after the newest snapshot) to rebuild the state. */
        RECOVERING("recovering"),
        /** Importing reference data, rules and the cutover time named on the command line. */
        IMPORTING("importing"),
        /** Warming the JIT on a scratch switch before the acquirer port opens ({@code --warm-up-ms}). */
        WARMING("warming"),
        /** The acquirer port is bound: requests are answered. */
        READY("ready"),
        /** A graceful stop is under way: no new connections; the requests taken in are being answered. */
        STOPPING("stopping");

        private final String text;

        State(final String text)
        {
            this.text = text;
        }

        /** @return the word {@code /health} answers with. */
        public String text()
        {
            return text;
        }
    }

    private final Consumer<State> onChange;
    private volatile State state = State.STARTING;

    /** A readiness that nothing watches but {@code /health}. */
    public Readiness()
    {
        this(state -> { });
    }

    /**
     * @param onChange called on the thread that moves the state, after the new state is visible; it may
     *                 block that thread (a test holds the switch in a phase this way).
     */
    public Readiness(final Consumer<State> onChange)
    {
        this.onChange = onChange;
    }

    public State state()
    {
        return state;
    }

    public boolean isReady()
    {
        return state == State.READY;
    }

    /** Moves to {@code next}; a stopping switch never becomes ready again. */
    public void moveTo(final State next)
    {
        if (state == State.STOPPING || state == next)
        {
            return;
        }
        state = next;
        onChange.accept(next);
    }
}

package dev.junction.core.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the responder stage hands each answered request's response: the network module's writer to
 * acquirer connections, a discarding sink in benchmarks, a recording one in tests. Called on the
 * responder's thread only, after the request's input and outcome are in the journal.
 */
public interface ResponseSink
{
    /**
     * Called once for every request event, in ring order.
     *
     * @param connectionId the connection the request came from.
     * @param length       the encoded response's length; 0 when the request gets no answer (it was
     *                     itself a response, or unreadable), which still completes the request.
     */
    void onResponse(long connectionId, DirectBuffer response, int offset, int length);

    /** The end of a ring batch: flush what this batch wrote, once per connection. */
    void endOfBatch();
}

package dev.junction.core.pipeline;

/**
 * Where the responder stage reports each request it has finished, so that the network module can count
 * answers and measure latency without the ring knowing about metrics. Called on the responder's one
 * thread, once per request event, after the answer was handed to its connection: an implementation must
 * not allocate, lock, log or block, since it runs on the path of every answer.
 */
@FunctionalInterface
public interface PipelineMetrics
{
    /** Records nothing: the pipeline of tools, tests and benchmarks that watch no metrics. */
    PipelineMetrics NONE = (requestMti, responseCode, ingressEpochNanos) ->
    {
    };

    /**
     * @param requestMti        the request's message type as a decimal number (0100 is 100), -1 when it did
     *                          not decode.
     * @param responseCode      the field 39 code answered, or {@code ResponseCodes.NONE} when the request
     *                          got no answer (it was itself a response, or unaddressable).
     * @param ingressEpochNanos the time the producer stamped on the request when it entered the switch.
     */
    void onAnswer(int requestMti, int responseCode, long ingressEpochNanos);
}

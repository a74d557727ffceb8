package dev.junction.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.DemoData;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ISO 8583 codec on the switch's path: decoding an acquirer's 0100 ({@link IsoMessage#wrap}, what
 * the network does once per request) and encoding its approved 0110 ({@link ResponseEncoder}, what the
 * responder does). {@link #decodeAndEncode} is the figure the performance target is set for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark extends ForkedBenchmark
{
    private final UnsafeBuffer request = new UnsafeBuffer(AuthorizationRequests.purchase(
        DemoData.pan(DemoData.FIRST_ACTIVE_CARD), 1_234, 123_456));
    private final IsoMessage decoded = new IsoMessage();
    private final IsoMessage message = new IsoMessage();
    private final Decision approval = new Decision();
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final UnsafeBuffer response = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);

    @Setup
    public void setUp()
    {
        if (decoded.wrap(request, 0, request.capacity()) != IsoDecodeStatus.OK)
        {
            throw new IllegalStateException("the benchmark's request does not decode: " + decoded);
        }
        approval.reset();
        approval.respond(110, ResponseCodes.APPROVED);
        approval.authorizationId(AuthorizationIds.forApproval(1));
    }

    /** @return the decode status, so the decode cannot be optimized away. */
    @Benchmark
    public int decode()
    {
        return message.wrap(request, 0, request.capacity());
    }

    /** @return the response's length. */
    @Benchmark
    public int encode()
    {
        return encoder.encode(decoded, approval, response, 0);
    }

    /** @return the response's length. */
    @Benchmark
    public int decodeAndEncode()
    {
        message.wrap(request, 0, request.capacity());
        return encoder.encode(message, approval, response, 0);
    }
}

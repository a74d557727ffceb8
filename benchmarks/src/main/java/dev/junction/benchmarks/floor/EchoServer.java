package dev.junction.benchmarks.floor;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.junction.network.LeakDetection;
import dev.junction.network.ServerConfig;
import dev.junction.network.SpinThenBlock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor: a do-nothing server on Junction's framing (a 2-byte big-endian length, no header) that
 * answers each frame with itself: no decoding, no ring, no journal, no state. It is built like the
 * switch's listener (Netty, epoll where available, else NIO, the same socket options and pooled
 * allocator), so that the load generator run against it, on the same machine in the same session,
 * measures what the machine, the kernel's loopback and Netty cost; Junction's latency is judged as a
 * ratio to it. {@code junction load --expect-echo} drives it unchanged.
 */
@Command(name = "junction echo-server", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"A do-nothing Netty server on the switch's framing that answers each frame with itself:",
        "the floor that Junction's latency and throughput are compared with. Runs until SIGTERM or Ctrl-C."})
public final class EchoServer implements Callable<Integer>, AutoCloseable
{
    private static final int LENGTH_PREFIX_BYTES = 2;
    private static final int MAX_FRAME_BYTES = 65_535;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port = 8583;

    @Option(names = "--io-threads", description = "Netty event loop threads (default: ${DEFAULT-VALUE}).")
    private int ioThreads = 1;

    @Option(names = "--transport", description = "auto (epoll where available), epoll or nio (default: ${DEFAULT-VALUE}).")
    private String transport = "auto";

    @Option(names = "--loop-spin-us", description = "As the switch's option: after the event loop last found a " +
        "socket ready, keep polling this many microseconds before blocking; 0.." + ServerConfig.MAX_LOOP_SPIN_MICROS +
        " (default: ${DEFAULT-VALUE}, block at once).")
    private long loopSpinMicros = ServerConfig.DEFAULT_LOOP_SPIN_MICROS;

    private EventLoopGroup group;
    private Channel serverChannel;
    private String transportUsed;

    public EchoServer()
    {
    }

    /** For tests and in-process use: configure, then {@link #start}. */
    public EchoServer(final String host, final int port, final int ioThreads, final String transport)
    {
        this(host, port, ioThreads, transport, ServerConfig.DEFAULT_LOOP_SPIN_MICROS);
    }

    /** As above, with the event loops polling {@code loopSpinMicros} before they block ({@code --loop-spin-us}). */
    public EchoServer(final String host, final int port, final int ioThreads, final String transport,
        final long loopSpinMicros)
    {
        this.host = host;
        this.port = port;
        this.ioThreads = ioThreads;
        this.transport = transport;
        this.loopSpinMicros = loopSpinMicros;
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line as {@link #main} runs it: a bad option is one line on {@code err} and exit code 2. */
    static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new EchoServer());
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            err.println("junction echo-server: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) ->
        {
            err.println("junction echo-server: " + ex.getMessage());
            return 1;
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        // As the switch does: the floor must not pay for a detector the switch runs without.
        LeakDetection.offUnlessAsked();
        final InetSocketAddress address = start();
        System.out.printf("junction echo-server: listening on %s:%d (%s, %d I/O thread%s%s)%n",
            address.getHostString(), address.getPort(), transportUsed, ioThreads, ioThreads == 1 ? "" : "s",
            loopSpinMicros == 0 ? "" : " polling " + loopSpinMicros + " µs after traffic before blocking");
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            close();
            stopped.countDown();
        }, "echo-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Binds and starts answering.
     *
     * @return the bound address.
     * @throws IllegalArgumentException for an option out of range.
     * @throws IllegalStateException when the port cannot be bound or the transport is unavailable.
     */
    public InetSocketAddress start()
    {
        if (port < 0 || port > 65_535)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be 0..65535: " + port);
        }
        if (ioThreads < 1 || ioThreads > 64)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--io-threads must be 1..64: " + ioThreads);
        }
        if (loopSpinMicros < 0 || loopSpinMicros > ServerConfig.MAX_LOOP_SPIN_MICROS)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--loop-spin-us must be 0.." +
                ServerConfig.MAX_LOOP_SPIN_MICROS + ": " + loopSpinMicros);
        }
        final boolean epoll = useEpoll();
        final IoHandlerFactory ioHandlers = SpinThenBlock.ioHandlers(epoll, loopSpinMicros);
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        transportUsed = epoll ? "epoll" : "nio";
        group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("echo-io"), ioHandlers);
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    // Frames keep their length prefix, so writing a frame back answers it with itself.
                    channel.pipeline()
                        .addLast("framing", new LengthFieldBasedFrameDecoder(LENGTH_PREFIX_BYTES + MAX_FRAME_BYTES,
                            0, LENGTH_PREFIX_BYTES, 0, 0))
                        .addLast("echo", new EchoFrameHandler());
                }
            });
        final ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess())
        {
            close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage(),
                bound.cause());
        }
        serverChannel = bound.channel();
        return (InetSocketAddress)serverChannel.localAddress();
    }

    private boolean useEpoll()
    {
        switch (transport)
        {
            case "epoll":
                if (!Epoll.isAvailable())
                {
                    throw new IllegalStateException("transport epoll is not available here: " +
                        Epoll.unavailabilityCause().getMessage());
                }
                return true;
            case "nio":
                return false;
            case "auto":
                return Epoll.isAvailable();
            default:
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--transport must be auto, epoll or nio: " + transport);
        }
    }

    /** @return epoll or nio, after {@link #start}. */
    public String transport()
    {
        return transportUsed;
    }

    /** Stops accepting, closes every connection, and stops the event loops. Idempotent. */
    @Override
    public synchronized void close()
    {
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        if (group != null)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
    }
}

package dev.junction.network.admin;

import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The admin HTTP endpoint: {@code /health}, {@code /metrics} and the operator actions. It runs on its own
 * one-thread event loop, apart from the acquirers' I/O threads, so that a scrape or an upload never
 * delays an answer to a bank; actions run on {@value #ACTION_THREADS} action threads behind a bounded
 * queue. It starts before the journal is recovered, so that {@code /health} can say the switch is not
 * ready yet, and stops last.
 */
public final class AdminHttpServer implements AutoCloseable
{
    /** Actions block until the authorizer applied them; two let a card block pass a long snapshot. */
    public static final int ACTION_THREADS = 2;
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;
    private static final long ACTION_DRAIN_SECONDS = 10;

    private final AdminSettings settings;
    private final AdminToken token;
    private final Readiness readiness;
    private final MetricsRegistry metrics;
    private final AdminActions actions;
    private final AdminCounters counters = new AdminCounters();
    private final AdminAudit audit = new AdminAudit(counters.authFailures);
    private final AtomicInteger open = new AtomicInteger();

    private EventLoopGroup group;
    private ThreadPoolExecutor actionThreads;
    private Channel serverChannel;

    /**
     * @param metrics what {@code /metrics} shows; the endpoint adds its own refusal counters to it.
     * @param actions what the {@code /admin/...} routes call, on an action thread.
     */
    public AdminHttpServer(final AdminSettings settings, final AdminToken token, final Readiness readiness,
        final MetricsRegistry metrics, final AdminActions actions)
    {
        this.settings = settings;
        this.token = token;
        this.readiness = readiness;
        this.metrics = metrics;
        this.actions = actions;
        metrics.counter("junction_admin_auth_failures_total",
            "Admin requests refused 401 for a missing or wrong bearer token.", counters.authFailures::get);
        metrics.counter("junction_admin_bad_requests_total",
            "Admin requests refused with another 4xx (malformed, no such endpoint, bad parameter, too large, actions " +
                "disabled).", counters.badRequests::get);
        metrics.counter("junction_admin_connections_refused_total",
            "Admin connections closed on accept: over --admin-max-connections.", counters.connectionsRefused::get);
        metrics.counter("junction_admin_actions_refused_total",
            "Admin actions refused 503: the action queue (--admin-queue-capacity) was full.",
            counters.actionsRefused::get);
    }

    /**
     * Binds the endpoint.
     *
     * @return the bound address.
     * @throws IllegalStateException with a one-line reason when the address cannot be bound.
     */
    public InetSocketAddress start()
    {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("junction-admin", true),
            NioIoHandler.newFactory());
        actionThreads = new ThreadPoolExecutor(ACTION_THREADS, ACTION_THREADS, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()), new DefaultThreadFactory("junction-admin-action", true),
            new ThreadPoolExecutor.AbortPolicy());
        final ConnectionLimit limit = new ConnectionLimit();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 64)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast("limit", limit)
                        .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeoutMillis(), TimeUnit.MILLISECONDS))
                        .addLast("http", new HttpServerCodec(MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES))
                        .addLast("gate", new AdminGate(token, settings.maxBodyBytes(), audit, counters))
                        .addLast("body", new BoundedAggregator(settings.maxBodyBytes(), counters))
                        .addLast("admin", new AdminHandler(readiness, metrics, actions, actionThreads,
                            settings.queueCapacity(), audit, counters));
                }
            });
        final ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess())
        {
            final Throwable cause = bound.cause();
            close();
            throw new IllegalStateException("cannot listen for admin HTTP on " + settings.host() + ":" + settings.port() +
                ": " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        }
        serverChannel = bound.channel();
        return (InetSocketAddress)serverChannel.localAddress();
    }

    /** @return the bound address, or null before {@link #start}. */
    public InetSocketAddress address()
    {
        final Channel channel = serverChannel;
        return channel == null ? null : (InetSocketAddress)channel.localAddress();
    }

    /** Stops accepting, lets running actions finish (bounded), then closes every admin connection. */
    @Override
    public void close()
    {
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly();
        }
        if (actionThreads != null)
        {
            actionThreads.shutdown();
            try
            {
                if (!actionThreads.awaitTermination(ACTION_DRAIN_SECONDS, TimeUnit.SECONDS))
                {
                    actionThreads.shutdownNow();
                }
            }
            catch (final InterruptedException e)
            {
                actionThreads.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (group != null)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** Closes a connection on accept when {@code --admin-max-connections} are already open, and counts it. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelActive(final ChannelHandlerContext ctx) throws Exception
        {
            if (open.incrementAndGet() > settings.maxConnections())
            {
                counters.connectionsRefused.incrementAndGet();
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    /**
     * The aggregator that makes each request whole, answering a body that outgrows the limit while it
     * arrives in chunks (with no length declared up front, so the gate could not refuse it) with a 413
     * of one line, then closing.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator
    {
        private final AdminCounters counters;

        BoundedAggregator(final int maxBodyBytes, final AdminCounters counters)
        {
            super(maxBodyBytes);
            this.counters = counters;
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        {
            counters.badRequests.incrementAndGet();
            final FullHttpResponse answer = HttpAnswers.text(ctx.alloc(), 413,
                "request body over --admin-max-body-bytes " + maxContentLength());
            answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            HttpAnswers.send(ctx, answer, false);
        }
    }
}

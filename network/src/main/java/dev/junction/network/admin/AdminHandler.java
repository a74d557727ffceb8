package dev.junction.network.admin;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import dev.junction.core.refdata.Pans;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin connection's requests, after {@link AdminGate} let them through: {@code GET /health},
 * {@code GET /metrics}, and the {@code POST /admin/...} actions. An action's parameters are validated here,
 * on the event loop; the action itself runs on an action thread, because it blocks until the authorizer
 * has applied it. Meanwhile the connection is not read, and requests already read behind the action
 * (HTTP pipelining) wait their turn, so that a connection's answers keep the order of its requests.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    /** Requests pipelined behind a running action that are kept; one more closes the connection. */
    static final int MAX_WAITING_REQUESTS = 16;

    private final Readiness readiness;
    private final MetricsRegistry metrics;
    private final AdminActions actions;
    private final Executor actionThreads;
    private final int queueCapacity;
    private final AdminAudit audit;
    private final AdminCounters counters;
    /** An action of this connection is running: the idle timeout must not close it. Event loop only. */
    private boolean actionRunning;
    /** Requests read while an action ran, answered after it in order. Event loop only. */
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();

    AdminHandler(final Readiness readiness, final MetricsRegistry metrics, final AdminActions actions,
        final Executor actionThreads, final int queueCapacity, final AdminAudit audit, final AdminCounters counters)
    {
        this.readiness = readiness;
        this.metrics = metrics;
        this.actions = actions;
        this.actionThreads = actionThreads;
        this.queueCapacity = queueCapacity;
        this.audit = audit;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (actionRunning)
        {
            if (waiting.size() >= MAX_WAITING_REQUESTS)
            {
                ctx.close();
                return;
            }
            waiting.add(request.retain());
            return;
        }
        handle(ctx, request);
    }

    private void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final String path = new QueryStringDecoder(request.uri()).path();
        switch (path)
        {
            case "/health":
                if (allowed(ctx, request, HttpMethod.GET, keepAlive))
                {
                    final Readiness.State state = readiness.state();
                    HttpAnswers.send(ctx, HttpAnswers.text(ctx.alloc(), state == Readiness.State.READY ? 200 : 503,
                        state.text()), keepAlive);
                }
                return;
            case "/metrics":
                if (allowed(ctx, request, HttpMethod.GET, keepAlive))
                {
                    HttpAnswers.send(ctx, HttpAnswers.body(ctx.alloc(), 200, PrometheusText.CONTENT_TYPE,
                        metrics.scrape()), keepAlive);
                }
                return;
            default:
                final AdminRoute route = AdminRoute.at(path);
                if (route == null)
                {
                    counters.badRequests.incrementAndGet();
                    HttpAnswers.send(ctx, HttpAnswers.text(ctx.alloc(), 404,
                        "no such endpoint: see GET /health, GET /metrics and POST /admin/... in docs/admin.md"),
                        keepAlive);
                }
                else if (allowed(ctx, request, HttpMethod.POST, keepAlive))
                {
                    action(ctx, request, route, keepAlive);
                }
        }
    }

    private boolean allowed(final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpMethod method,
        final boolean keepAlive)
    {
        if (request.method().equals(method))
        {
            return true;
        }
        counters.badRequests.incrementAndGet();
        final FullHttpResponse answer = HttpAnswers.text(ctx.alloc(), 405, "use " + method.name() + " here");
        answer.headers().set(HttpHeaderNames.ALLOW, method.name());
        HttpAnswers.send(ctx, answer, keepAlive);
        return false;
    }

    private void action(final ChannelHandlerContext ctx, final FullHttpRequest request, final AdminRoute route,
        final boolean keepAlive)
    {
        final String actor = remote(ctx) + " (token)";
        final Prepared prepared;
        try
        {
            if (request.uri().indexOf('?') >= 0)
            {
                throw new BadRequestException(400, "parameters go in the form body, never in the URL");
            }
            if (!readiness.isReady())
            {
                throw new BadRequestException(503, "not ready: " + readiness.state().text());
            }
            prepared = prepare(route, AdminForm.parse(request).allowOnly(route.parameters()), actor);
        }
        catch (final BadRequestException refused)
        {
            counters.badRequests.incrementAndGet();
            audit.action(actor, route.action(), "", refused.status(), refused.getMessage());
            HttpAnswers.send(ctx, HttpAnswers.text(ctx.alloc(), refused.status(), refused.getMessage()), keepAlive);
            return;
        }
        actionRunning = true;
        ctx.channel().config().setAutoRead(false);
        try
        {
            actionThreads.execute(() -> run(ctx, route, prepared, actor, keepAlive));
        }
        catch (final RejectedExecutionException full)
        {
            counters.actionsRefused.incrementAndGet();
            final String message = "the admin action queue is full (--admin-queue-capacity " + queueCapacity +
                "); retry later";
            audit.action(actor, route.action(), prepared.detail, 503, message);
            answered(ctx, HttpAnswers.text(ctx.alloc(), 503, message), keepAlive);
        }
    }

    /** On an action thread: runs the action, then answers on the connection's event loop. */
    private void run(final ChannelHandlerContext ctx, final AdminRoute route, final Prepared prepared,
        final String actor, final boolean keepAlive)
    {
        AdminResult result;
        try
        {
            result = prepared.action.get();
        }
        catch (final RuntimeException e)
        {
            LOG.warn("admin {} failed: {}: {}", route.action(), e.getClass().getSimpleName(), OneLine.of(e.getMessage()));
            LOG.debug("admin {} failure", route.action(), e);
            result = null;
        }
        final int status = result == null || result.httpStatus() < 100 || result.httpStatus() > 599 ? 500 :
            result.httpStatus();
        final String message = result == null ? "the action failed; see the switch's log" : OneLine.of(result.message());
        audit.action(actor, route.action(), prepared.detail, status, message);
        ctx.executor().execute(() -> answered(ctx, HttpAnswers.text(ctx.alloc(), status, message), keepAlive));
    }

    /** On the event loop, once an action is done: its answer, then the requests that waited behind it. */
    private void answered(final ChannelHandlerContext ctx, final FullHttpResponse answer, final boolean keepAlive)
    {
        actionRunning = false;
        HttpAnswers.send(ctx, answer, keepAlive);
        while (!actionRunning && !waiting.isEmpty())
        {
            final FullHttpRequest next = waiting.poll();
            try
            {
                handle(ctx, next);
            }
            finally
            {
                next.release();
            }
        }
        if (!actionRunning)
        {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        releaseWaiting();
    }

    private void releaseWaiting()
    {
        while (!waiting.isEmpty())
        {
            waiting.poll().release();
        }
    }

    /** Validates the action's parameters and binds them to its call; the detail names its subject for the audit. */
    private Prepared prepare(final AdminRoute route, final AdminForm form, final String actor) throws BadRequestException
    {
        switch (route)
        {
            case BLOCK_CARD:
            {
                final String pan = form.pan();
                return new Prepared("pan=" + Pans.mask(pan), () -> actions.blockCard(pan, actor));
            }
            case UNBLOCK_CARD:
            {
                final String pan = form.pan();
                return new Prepared("pan=" + Pans.mask(pan), () -> actions.unblockCard(pan, actor));
            }
            case CARD_LIMITS:
            {
                final String pan = form.pan();
                final long maxSingle = limit(form, "max_single_minor", AdminForm.MAX_AMOUNT_MINOR);
                final long dailyAmount = limit(form, "daily_amount_minor", AdminForm.MAX_AMOUNT_MINOR);
                final int dailyCount = (int)limit(form, "daily_count", Integer.MAX_VALUE);
                return new Prepared("pan=" + Pans.mask(pan) + " max_single_minor=" + maxSingle + " daily_amount_minor=" +
                    dailyAmount + " daily_count=" + dailyCount,
                    () -> actions.setCardLimits(pan, maxSingle, dailyAmount, dailyCount, actor));
            }
            case ADJUST_ACCOUNT:
            {
                final long accountId = form.number("account_id", 1, AdminForm.MAX_ACCOUNT_ID);
                final long amountMinor = form.signedAmount("amount_minor");
                final int currency = form.currency("currency");
                final String reference = form.reference("reference");
                return new Prepared("account_id=" + accountId + " amount_minor=" + amountMinor + " currency=" +
                    currency + " reference=" + OneLine.of(reference),
                    () -> actions.adjustAccount(accountId, amountMinor, currency, reference, actor));
            }
            case REFERENCE_DATA:
            {
                final String accounts = emptyAsNull(form.optional("accounts"));
                final String cards = emptyAsNull(form.optional("cards"));
                if (accounts == null && cards == null)
                {
                    throw new BadRequestException(400, "missing parameter accounts or cards (CSV text, with its header row)");
                }
                return new Prepared("accounts=" + lines(accounts) + " lines cards=" + lines(cards) + " lines",
                    () -> actions.loadReferenceData(accounts, cards, actor));
            }
            case CUTOVER:
                return new Prepared("", () -> actions.cutover(actor));
            case SNAPSHOT:
                return new Prepared("", () -> actions.snapshot(actor));
            default:
                throw new IllegalStateException("no action for " + route);
        }
    }

    /** A card limit: 0 (or left out) means the profile's limit, as in a rules file's card-limits line. */
    private static long limit(final AdminForm form, final String name, final long max) throws BadRequestException
    {
        return form.optional(name) == null ? 0 : form.number(name, 0, max);
    }

    private static String emptyAsNull(final String text)
    {
        return text == null || text.isBlank() ? null : text;
    }

    private static long lines(final String text)
    {
        return text == null ? 0 : text.lines().count();
    }

    /** @return the peer as {@code host:port}, for the audit line. */
    static String remote(final ChannelHandlerContext ctx)
    {
        final SocketAddress address = ctx.channel().remoteAddress();
        return address instanceof InetSocketAddress ? ((InetSocketAddress)address).getHostString() + ":" +
            ((InetSocketAddress)address).getPort() : String.valueOf(address);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof IdleStateEvent)
        {
            if (!actionRunning)
            {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A reset or a broken pipe from an admin client: nothing to answer, nothing an operator must see.
        LOG.debug("admin connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** An action with its parameters validated and bound, and what the audit line says it is about. */
    private static final class Prepared
    {
        final String detail;
        final Supplier<AdminResult> action;

        Prepared(final String detail, final Supplier<AdminResult> action)
        {
            this.detail = detail;
            this.action = action;
        }
    }
}

package dev.tortoise.sample.web;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * The HTTP server's own refusals as problem details. A request line or headers longer than
 * Netty accepts never reach Spring: Reactor Netty answers 414 or 431 itself, with an empty
 * body. This handler, between Netty's codec and Reactor Netty, gives those answers the same
 * {@code application/problem+json} body as every other error of the API.
 */
@Component
class HttpLimitProblems implements NettyServerCustomizer {

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "problemDetailsForLimits", new Handler());
			}
		});
	}

	private static final class Handler extends ChannelDuplexHandler {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (msg instanceof FullHttpResponse response && response.content().readableBytes() == 0
					&& (response.status().equals(HttpResponseStatus.REQUEST_URI_TOO_LONG)
							|| response.status().equals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))) {
				ctx.write(withProblem(response), promise);
				return;
			}
			super.write(ctx, msg, promise);
		}

		private static FullHttpResponse withProblem(FullHttpResponse empty) {
			boolean uri = empty.status().equals(HttpResponseStatus.REQUEST_URI_TOO_LONG);
			String detail = uri
					? "The request line is longer than this server accepts. Send long filters as fewer or shorter parameters."
					: "The request headers are larger than this server accepts. Send fewer or smaller headers.";
			byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + empty.status().reasonPhrase() + "\",\"status\":"
					+ empty.status().code() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
			FullHttpResponse problem = new DefaultFullHttpResponse(empty.protocolVersion(), empty.status(),
					Unpooled.wrappedBuffer(body));
			problem.headers().set(empty.headers());
			problem.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
			problem.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
			empty.release();
			return problem;
		}

	}

}

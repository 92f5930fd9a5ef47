package govkg;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.neo4j.bolt.protocol.common.connector.connection.Connection;
import org.neo4j.bolt.protocol.common.connector.listener.ConnectorListener;

/**
 * Refuses a WebSocket (or any HTTP) request on the Bolt port whose {@code Origin} header names a web
 * origin that is not allowed: a page in the user's browser cannot talk to the local server. Plain
 * Bolt clients (the drivers) and requests without an {@code Origin} header (not sent by a browser)
 * pass through untouched.
 *
 * <p>Installed first in each new connection's pipeline by {@link Listener}; it reads the first
 * bytes, decides, and removes itself (passing on what it read).
 */
final class OriginCheck extends ByteToMessageDecoder {
    private static final int BOLT_MAGIC = 0x6060B017;
    private static final int MAX_HEADER = 16 * 1024;
    private static final byte[] FORBIDDEN = ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 40\r\nConnection: close\r\n\r\nweb origin not allowed on this Bolt port")
            .getBytes(StandardCharsets.US_ASCII);

    private final Set<String> allowed;

    OriginCheck(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Adds the check to every connection a Bolt connector accepts. */
    static final class Listener implements ConnectorListener {
        private final Set<String> allowed;

        Listener(Set<String> allowed) {
            this.allowed = allowed;
        }

        @Override
        public void onConnectionCreated(Connection connection) {
            connection.modifyPipeline(pipeline -> pipeline.addFirst("govkg-origin-check", new OriginCheck(allowed)));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int first = in.getInt(in.readerIndex());
        if (first == BOLT_MAGIC || !startsWith(in, "GET ")) {
            ctx.pipeline().remove(this); // Bolt (or anything else Neo4j refuses itself): pass it all on
            return;
        }
        int end = headerEnd(in);
        if (end < 0) {
            if (in.readableBytes() > MAX_HEADER) {
                refuse(ctx, in);
            }
            return; // wait for the rest of the request head
        }
        String origin = header(in.toString(in.readerIndex(), end, StandardCharsets.ISO_8859_1), "origin");
        if (origin != null && !allowed.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            refuse(ctx, in);
            return;
        }
        ctx.pipeline().remove(this);
    }

    private static void refuse(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(FORBIDDEN)).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean startsWith(ByteBuf in, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(in.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Length of the request head (up to the blank line), or -1 if it has not all arrived. */
    private static int headerEnd(ByteBuf in) {
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + MAX_HEADER);
        for (int i = start; i + 3 < limit; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i - start;
            }
        }
        return -1;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1);
            }
        }
        return null;
    }
}

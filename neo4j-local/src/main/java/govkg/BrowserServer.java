package govkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves Neo4j Browser (the {@code org.neo4j.client:neo4j-browser} jar on the classpath) on
 * 127.0.0.1 only, as static files, with the discovery document that tells it the Bolt URI. It holds no
 * data: the Browser logs in to Bolt with the server's password like any other client.
 *
 * <p>Only {@code Host: 127.0.0.1:PORT} or {@code localhost:PORT} is answered (no DNS rebinding), only
 * GET and HEAD, only files under {@code browser/} of the classpath.
 */
final class BrowserServer {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("map", "application/json"));

    private final HttpServer server;

    private BrowserServer(HttpServer server) {
        this.server = server;
    }

    /** Start serving on {@code host:port}; {@code boltUri} goes into the discovery document. */
    static BrowserServer start(String host, int port, String boltUri, String version) throws IOException {
        if (BrowserServer.class.getClassLoader().getResource("browser/index.html") == null) {
            throw new IOException("Neo4j Browser (org.neo4j.client:neo4j-browser) is not on the classpath");
        }
        Set<String> hosts = Set.of(host + ":" + port, "localhost:" + port);
        String discovery = "{\"bolt_direct\":\"" + boltUri + "\",\"bolt_routing\":\""
                + boltUri.replace("bolt://", "neo4j://") + "\",\"neo4j_version\":\"" + version
                + "\",\"neo4j_edition\":\"community\"}";
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", exchange -> handle(exchange, hosts, discovery));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "govkg-browser-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new BrowserServer(server);
    }

    void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange ex, Set<String> hosts, String discovery) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String hostHeader = String.valueOf(ex.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
            if (!hosts.contains(hostHeader)) {
                send(ex, 403, "text/plain", "unknown Host".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain", "GET only".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/")) {
                String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
                if (accept.contains("application/json")) {
                    send(ex, 200, "application/json", discovery.getBytes(StandardCharsets.UTF_8));
                } else {
                    ex.getResponseHeaders().set("Location", "/browser/");
                    send(ex, 303, "text/plain", new byte[0]);
                }
                return;
            }
            if (path.equals("/browser")) {
                ex.getResponseHeaders().set("Location", "/browser/");
                send(ex, 303, "text/plain", new byte[0]);
                return;
            }
            byte[] body = resource(path);
            if (body == null) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            send(ex, 200, type(path.endsWith("/") ? "index.html" : path), body);
        }
    }

    /** The classpath file for a path under /browser/, or null (no "..", no other folders). */
    private static byte[] resource(String path) throws IOException {
        if (!path.startsWith("/browser/") || path.contains("..") || path.contains("\\") || path.contains("//")) {
            return null;
        }
        String name = path.substring(1) + (path.endsWith("/") ? "index.html" : "");
        URL url = BrowserServer.class.getClassLoader().getResource(name);
        if (url == null || url.getPath().endsWith("/")) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    private static String type(String path) {
        int dot = path.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT),
                "application/octet-stream");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
        ex.getResponseHeaders().set("Content-Security-Policy", "frame-ancestors 'none'");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

package govkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import inet.ipaddr.IPAddressString;
import org.neo4j.bolt.BoltServer;
import org.neo4j.bolt.protocol.common.connector.Connector;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import picocli.CommandLine;

/**
 * A local Neo4j Community DBMS for govkg: embedded, with a Bolt connector and authentication, locked
 * down for one user on one machine.
 *
 * <pre>
 * NEO4J_PASSWORD=... java -cp 'target/classes:target/lib/*' govkg.Neo4jLocal --data-dir DIR [--port 7687]
 *      [--host 127.0.0.1] [--pagecache 256m] [--browser-port 7474] [--allow-origin http://host:port]...
 * </pre>
 *
 * <ul>
 * <li>Password: on a fresh data directory the password of user {@code neo4j} is installed from the
 * environment variable {@code NEO4J_PASSWORD} (at least 8 characters; never from the command line,
 * where {@code ps} shows it) with Neo4j's own {@code set-initial-password}. On later starts it is left
 * as it is: a start never resets a password.</li>
 * <li>Network: Bolt listens on a loopback address only (127.0.0.1 by default); the HTTP and HTTPS
 * connectors are off. A WebSocket or HTTP request on the Bolt port that carries a web {@code Origin}
 * is refused unless the origin is allowed ({@link OriginCheck}): the Browser served here, and each
 * {@code --allow-origin}.</li>
 * <li>Files and URLs: {@code LOAD CSV} may read no file ({@code allow_csv_import_from_file_urls=false},
 * import directory confined to {@code DIR/import}) and fetch no URL (every IP address blocked); no
 * plugin is loaded ({@code DIR/plugins} is empty) and only built-in procedures run.</li>
 * <li>Browser: with {@code --browser-port}, Neo4j Browser (the Maven artifact) is served on the same
 * loopback address ({@link BrowserServer}); it logs in to Bolt with the same password.</li>
 * </ul>
 *
 * <p>Writes {@code DIR/neo4j.pid}, prints {@code govkg-neo4j ready bolt://HOST:PORT} once Bolt
 * accepts connections, and shuts the DBMS down cleanly on SIGTERM/SIGINT (shutdown hook).
 * Exit codes: 0 normal stop, 2 bad arguments, 3 start failure.
 */
public final class Neo4jLocal {
    static final String READY = "govkg-neo4j ready ";
    static final String BROWSER = "govkg-neo4j browser ";
    static final int MIN_PASSWORD = 8;
    static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private Neo4jLocal() {}

    /** Command-line options. */
    private static final class Options {
        Path dataDir;
        String host = "127.0.0.1";
        int port = 7687;
        int browserPort = 0;
        long pagecache = ByteUnit.mebiBytes(256);
        final Set<String> origins = new LinkedHashSet<>();
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (RuntimeException e) {
            System.err.println("govkg-neo4j: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o == null) {
            return;
        }
        try {
            run(o);
        } catch (Throwable e) {
            System.err.println("govkg-neo4j: error: could not start Neo4j: " + rootMessage(e));
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--host" -> o.host = value(args, ++i, a);
                case "--port" -> o.port = port(value(args, ++i, a), a);
                case "--browser-port" -> o.browserPort = Integer.parseInt(value(args, ++i, a));
                case "--allow-origin" -> o.origins.add(value(args, ++i, a).trim().toLowerCase(Locale.ROOT));
                case "--pagecache" -> o.pagecache = ByteUnit.parse(value(args, ++i, a));
                case "--password" -> throw new IllegalArgumentException(
                        "a password is not taken on the command line (ps shows it): set NEO4J_PASSWORD");
                case "-h", "--help" -> {
                    System.out.println("usage: NEO4J_PASSWORD=... govkg.Neo4jLocal --data-dir DIR [--port 7687]"
                            + " [--host 127.0.0.1] [--browser-port PORT] [--allow-origin ORIGIN]... [--pagecache 256m]");
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (o.dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        if (!LOOPBACK.contains(o.host)) {
            throw new IllegalArgumentException("--host must be a loopback address (127.0.0.1, ::1), got " + o.host);
        }
        if (o.browserPort != 0) {
            port(String.valueOf(o.browserPort), "--browser-port");
            o.origins.add("http://" + o.host + ":" + o.browserPort);
            o.origins.add("http://localhost:" + o.browserPort);
        }
        return o;
    }

    private static void run(Options o) throws Exception {
        Path home = o.dataDir;
        Files.createDirectories(home);
        privateDir(home);
        Path pidFile = home.resolve("neo4j.pid");
        Path importDir = privateDir(Files.createDirectories(home.resolve("import")));
        Path pluginDir = privateDir(Files.createDirectories(home.resolve("plugins")));
        boolean fresh = !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
        if (fresh) {
            setInitialPassword(home, initialPassword());
        }

        Map<Setting<?>, Object> config = new HashMap<>();
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.pagecache_memory, o.pagecache);
        config.put(GraphDatabaseSettings.allow_file_urls, false);
        config.put(GraphDatabaseSettings.load_csv_file_url_root, importDir);
        config.put(GraphDatabaseSettings.plugin_dir, pluginDir);
        config.put(GraphDatabaseSettings.procedure_unrestricted, List.of());
        config.put(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")));
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(o.host, o.port));
        config.put(BoltConnector.advertised_address, new SocketAddress(o.host, o.port));
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(config)
                // A local single-user server: do not wait 5 s for Bolt worker threads on shutdown.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        guardWebSockets(dbms, Set.copyOf(o.origins));
        String bolt = "bolt://" + (o.host.contains(":") ? "[" + o.host + "]" : o.host) + ":" + o.port;
        BrowserServer browser = o.browserPort == 0 ? null
                : BrowserServer.start(o.host, o.browserPort, bolt, Version.getNeo4jVersion());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("govkg-neo4j stopping");
            try {
                if (browser != null) {
                    browser.stop();
                }
                dbms.shutdown();
            } finally {
                deleteOwnPidFile(pidFile);
                System.out.println("govkg-neo4j stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "govkg-neo4j-shutdown"));

        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        if (browser != null) {
            System.out.println(BROWSER + "http://" + o.host + ":" + o.browserPort + "/browser/");
        }
        System.out.println(READY + bolt);
        System.out.flush();
        stopped.await(); // park the main thread; SIGTERM runs the hook and the JVM exits
    }

    /** The first password, from NEO4J_PASSWORD (the launcher generates one and stores it 0600). */
    private static String initialPassword() {
        String pw = System.getenv("NEO4J_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            throw new IllegalArgumentException("a new data directory needs NEO4J_PASSWORD (at least "
                    + MIN_PASSWORD + " characters) for user neo4j; there is no default password");
        }
        if (pw.codePointCount(0, pw.length()) < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD
                    + " characters (Neo4j 5 rule)");
        }
        return pw;
    }

    /** Check the Origin of WebSocket requests on every Bolt connector (see {@link OriginCheck}). */
    private static void guardWebSockets(DatabaseManagementService dbms, Set<String> allowed) {
        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        BoltServer bolt = system.getDependencyResolver().resolveDependency(BoltServer.class);
        for (Connector<?> c : bolt.getConnectors()) {
            c.registerListener(new OriginCheck.Listener(allowed));
            // a connection accepted in the moment before the listener was there did not get the check
            c.connectionRegistry().stopAll(Duration.ZERO);
        }
    }

    /** Make {@code dir} readable by its owner only (the store and auth.ini are not for others). */
    private static Path privateDir(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to set
        }
        return dir;
    }

    /** Neo4j's own {@code neo4j-admin dbms set-initial-password}: writes data/dbms/auth.ini. */
    private static void setInitialPassword(Path home, String password) {
        ExecutionContext ctx = new ExecutionContext(home, home.resolve("conf"));
        int rc = new CommandLine(new SetInitialPasswordCommand(ctx)).execute(password);
        if (rc != 0) {
            throw new IllegalStateException("set-initial-password failed with exit code " + rc);
        }
    }

    /** Remove the pid file only if it still names this process (another start may own it). */
    private static void deleteOwnPidFile(Path pidFile) {
        try {
            String own = String.valueOf(ProcessHandle.current().pid());
            if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(own)) {
                Files.delete(pidFile);
            }
        } catch (IOException ignored) {
            // best effort: server.py treats a pid file naming a dead process as stale
        }
    }

    private static int port(String text, String option) {
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(option + " must be 1..65535, got " + p);
        }
        return p;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString().replace('\n', ' ');
    }
}

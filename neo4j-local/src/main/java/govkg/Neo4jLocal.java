package govkg;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import picocli.CommandLine;

/**
 * A local Neo4j Community DBMS for govkg: embedded, with a Bolt connector and authentication.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' govkg.Neo4jLocal --data-dir DIR [--port 7687]
 *      [--host 127.0.0.1] [--password PW] [--pagecache 256m]
 * </pre>
 *
 * The password of user {@code neo4j} comes from {@code --password}, else the environment variable
 * {@code NEO4J_PASSWORD}, else {@code govkg-local}; it must be at least 8 characters. On a fresh data
 * directory it is installed with Neo4j's own {@code set-initial-password} command before the first
 * start; on later starts it is set again with {@code ALTER USER} on the system database, so the
 * password given at start is always the one that works.
 *
 * <p>Writes {@code DIR/neo4j.pid}, prints {@code govkg-neo4j ready bolt://HOST:PORT} once Bolt
 * accepts connections, and shuts the DBMS down cleanly on SIGTERM/SIGINT (shutdown hook).
 * Exit codes: 0 normal stop, 2 bad arguments, 3 start failure.
 */
public final class Neo4jLocal {
    static final String READY = "govkg-neo4j ready ";
    static final String DEFAULT_PASSWORD = "govkg-local";
    static final int MIN_PASSWORD = 8;

    private Neo4jLocal() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path dataDir = null;
        String host = "127.0.0.1";
        int port = 7687;
        String password = null;
        long pagecache = ByteUnit.mebiBytes(256);
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                    case "--host" -> host = value(args, ++i, a);
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--password" -> password = value(args, ++i, a);
                    case "--pagecache" -> pagecache = ByteUnit.parse(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.println("usage: govkg.Neo4jLocal --data-dir DIR [--port 7687] [--host 127.0.0.1]"
                                + " [--password PW | env NEO4J_PASSWORD] [--pagecache 256m]");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port must be 1..65535, got " + port);
            }
        } catch (RuntimeException e) {
            System.err.println("govkg-neo4j: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (password == null) {
            String env = System.getenv("NEO4J_PASSWORD");
            password = env == null || env.isEmpty() ? DEFAULT_PASSWORD : env;
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            System.err.println("govkg-neo4j: error: the password must have at least " + MIN_PASSWORD
                    + " characters (Neo4j 5 rule)");
            System.exit(2);
            return;
        }
        try {
            run(dataDir.toAbsolutePath().normalize(), host, port, password, pagecache);
        } catch (Throwable e) {
            System.err.println("govkg-neo4j: error: could not start Neo4j: " + rootMessage(e));
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void run(Path home, String host, int port, String password, long pagecache)
            throws Exception {
        Files.createDirectories(home);
        Path pidFile = home.resolve("neo4j.pid");
        boolean fresh = !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
        if (fresh) {
            setInitialPassword(home, password);
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(Map.of(
                        GraphDatabaseSettings.auth_enabled, true,
                        GraphDatabaseSettings.pagecache_memory, pagecache,
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress(host, port),
                        BoltConnector.advertised_address, new SocketAddress(host, port),
                        BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                        HttpConnector.enabled, false,
                        HttpsConnector.enabled, false))
                // A local single-user server: do not wait 5 s for Bolt worker threads on shutdown.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("govkg-neo4j stopping");
            try {
                dbms.shutdown();
            } finally {
                deleteOwnPidFile(pidFile);
                System.out.println("govkg-neo4j stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "govkg-neo4j-shutdown"));

        if (!fresh) {
            alterPassword(dbms, password);
        }
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        System.out.println(READY + "bolt://" + host + ":" + port);
        System.out.flush();
        stopped.await(); // park the main thread; SIGTERM runs the hook and the JVM exits
    }

    /** Neo4j's own {@code neo4j-admin dbms set-initial-password}: writes data/dbms/auth.ini. */
    private static void setInitialPassword(Path home, String password) {
        ExecutionContext ctx = new ExecutionContext(home, home.resolve("conf"));
        int rc = new CommandLine(new SetInitialPasswordCommand(ctx)).execute(password);
        if (rc != 0) {
            throw new IllegalStateException("set-initial-password failed with exit code " + rc);
        }
    }

    /** Make {@code password} the password of {@code neo4j} on an existing data directory. */
    private static void alterPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            System.out.println("govkg-neo4j password of user neo4j set");
        } catch (RuntimeException e) {
            String msg = rootMessage(e);
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
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

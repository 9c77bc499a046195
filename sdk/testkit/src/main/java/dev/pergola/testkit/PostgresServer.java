package dev.pergola.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.rules.ExternalResource;

/**
 * A real, throw-away PostgreSQL server for tests: {@code initdb} into a temporary folder, then
 * {@code postgres} on a free loopback port, stopped and deleted afterwards. Use it as a JUnit
 * {@code @ClassRule}, or call {@link #start()} and {@link #close()} yourself.
 *
 * <p>Binaries come from {@code $PERGOLA_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}
 * (Debian's {@code postgresql} package), else the {@code PATH}. PostgreSQL refuses to run as root,
 * so as root the server runs as the {@code postgres} account through {@code runuser}.
 * There is no fallback that skips the test: a missing server is an error.
 */
public final class PostgresServer extends ExternalResource implements AutoCloseable {
    public static final String USER = "pergola";
    public static final String PASSWORD = "pergola";

    private Path dataDir;
    private Process process;
    private int port;

    @Override
    protected void before() throws Throwable {
        start();
    }

    @Override
    protected void after() {
        close();
    }

    public synchronized PostgresServer start() {
        if (process != null) {
            return this;
        }
        try {
            Path bin = findBinaries();
            dataDir = Files.createTempDirectory("pergola-pg-");
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Path pwFile = dataDir.resolve("pwfile");
            Files.writeString(pwFile, PASSWORD + "\n");
            Path pgData = dataDir.resolve("data");
            chownForServer(dataDir);
            run(List.of(bin.resolve("initdb").toString(), "-D", pgData.toString(), "-U", USER,
                    "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"),
                    "initdb");
            port = freePort();
            launch();
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Could not start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server but keeps its data and port, as an outage would (a test of how clients heal). */
    public synchronized void stopServer() {
        if (process == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server stopped by {@link #stopServer()} again, on the same port with the same data. */
    public synchronized void restartServer() {
        if (process != null || dataDir == null) {
            throw new IllegalStateException("PostgreSQL is running or was never started");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void launch() throws IOException {
        Path bin = findBinaries();
        process = new ProcessBuilder(asServerUser(List.of(bin.resolve("postgres").toString(),
                "-D", dataDir.resolve("data").toString(), "-p", Integer.toString(port), "-k", dataDir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                .start();
        awaitReady();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database owned by {@link #USER} and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy(); // SIGTERM: smart shutdown
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (dataDir != null) {
            deleteTree(dataDir);
            dataDir = null;
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + ": " + serverLog());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for postgres", e);
            }
        }
        throw new IOException("postgres did not accept connections within 60 s: " + last + "\n" + serverLog());
    }

    private String serverLog() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    private void run(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException(what + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownForServer(Path dir) throws IOException {
        if (!isRoot()) {
            return;
        }
        Process p = new ProcessBuilder("chown", "-R", "postgres", dir.toString()).redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("chown to the postgres account failed (is Debian's postgresql installed?): "
                        + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static Path findBinaries() throws IOException {
        String env = System.getenv("PERGOLA_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparingInt(v -> parseVersion(v.getFileName().toString())))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Paths.get(dir, "initdb");
            if (Files.isExecutable(candidate)) {
                return candidate.getParent();
            }
        }
        throw new IOException("No PostgreSQL server binaries found: install Debian's 'postgresql' package "
                + "or set PERGOLA_PG_BIN to the folder holding initdb and postgres");
    }

    private static int parseVersion(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp folder left behind is harmless
        }
    }
}

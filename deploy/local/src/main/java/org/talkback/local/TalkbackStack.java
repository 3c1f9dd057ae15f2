package org.talkback.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole of Talkback on one machine: a PostgreSQL with one database per service, and comment-intake,
 * spam-check and publication as three separate processes wired to each other. Used by the launcher, the
 * end-to-end tests and the pipeline benchmark alike, so all three run exactly the same thing.
 */
public final class TalkbackStack implements AutoCloseable {

    /** How to run the stack; {@link #defaults(Path)} gives the launcher's defaults. */
    public record Options(Path repository, Path dataDirectory, Path logDirectory, int intakePort, int spamCheckPort,
            int publicationPort, String externalDatabaseUrl, String databaseUser, String databasePassword,
            Secrets secrets, List<String> jvmOptions, Map<String, String> environment) {

        public static Options defaults(Path repository) {
            return new Options(repository, Path.of(System.getProperty("user.home"), ".talkback", "pgdata"),
                    Path.of(System.getProperty("user.home"), ".talkback", "logs"), 8081, 8082, 8083, null,
                    "postgres", "", Secrets.generated(), List.of("-Xmx512m"), Map.of());
        }

        public Options withPorts(int intake, int spamCheck, int publication) {
            return new Options(repository, dataDirectory, logDirectory, intake, spamCheck, publication,
                    externalDatabaseUrl, databaseUser, databasePassword, secrets, jvmOptions, environment);
        }

        public Options withDirectories(Path data, Path logs) {
            return new Options(repository, data, logs, intakePort, spamCheckPort, publicationPort,
                    externalDatabaseUrl, databaseUser, databasePassword, secrets, jvmOptions, environment);
        }

        public Options withExternalDatabase(String url, String user, String password) {
            return new Options(repository, dataDirectory, logDirectory, intakePort, spamCheckPort, publicationPort,
                    url, user, password, secrets, jvmOptions, environment);
        }

        public Options withSecrets(Secrets chosen) {
            return new Options(repository, dataDirectory, logDirectory, intakePort, spamCheckPort, publicationPort,
                    externalDatabaseUrl, databaseUser, databasePassword, chosen, jvmOptions, environment);
        }

        /** Extra environment for the three services, over the stack's own (e.g. TALKBACK_ABUSE_LIMITS=false). */
        public Options withEnvironment(Map<String, String> extra) {
            return new Options(repository, dataDirectory, logDirectory, intakePort, spamCheckPort, publicationPort,
                    externalDatabaseUrl, databaseUser, databasePassword, secrets, jvmOptions, Map.copyOf(extra));
        }

        public Options withJvmOptions(List<String> options) {
            return new Options(repository, dataDirectory, logDirectory, intakePort, spamCheckPort, publicationPort,
                    externalDatabaseUrl, databaseUser, databasePassword, secrets, List.copyOf(options), environment);
        }
    }

    /** The deployment's secrets. Generated per run unless the environment supplies them. */
    public record Secrets(String events, String adminPassword, String moderatorPassword) {
        public static Secrets generated() {
            return new Secrets(random(), random(), random());
        }

        /** The secrets saved in this file (readable by its owner only), made and saved there on the first run. */
        public static Secrets storedIn(Path file) throws IOException {
            Properties saved = new Properties();
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    saved.load(in);
                }
                return new Secrets(saved.getProperty("events"), saved.getProperty("admin"), saved.getProperty("moderator"));
            }
            Secrets fresh = generated();
            saved.setProperty("events", fresh.events());
            saved.setProperty("admin", fresh.adminPassword());
            saved.setProperty("moderator", fresh.moderatorPassword());
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newOutputStream(file)) {
                saved.store(out, "Talkback's local secrets: the passwords of the first accounts and the event HMAC key");
            }
            return fresh;
        }

        private static String random() {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }

    /** Only ever set by this launcher, for the local stack's default site. */
    public static final String LOCAL_DEVELOPMENT_KEY = "local-development-key";

    private final Options options;
    private final Database database;
    private final ServiceProcess intake;
    private final ServiceProcess spamCheck;
    private final ServiceProcess publication;
    private final Map<String, String> sharedEnvironment;
    /** Further instances of the services over the same databases (scale-out tests), stopped with the stack. */
    private final List<ServiceProcess> moreInstances = new ArrayList<>();
    private volatile boolean closing;
    private Thread supervisor;

    private TalkbackStack(Options options, Database database) {
        this.options = options;
        this.database = database;
        Map<String, String> shared = new HashMap<>();
        shared.put("TALKBACK_INTAKE_PORT", String.valueOf(options.intakePort()));
        shared.put("TALKBACK_SPAM_CHECK_PORT", String.valueOf(options.spamCheckPort()));
        shared.put("TALKBACK_PUBLICATION_PORT", String.valueOf(options.publicationPort()));
        shared.put("TALKBACK_INTAKE_URL", "http://localhost:" + options.intakePort());
        shared.put("TALKBACK_SPAM_CHECK_URL", "http://localhost:" + options.spamCheckPort());
        shared.put("TALKBACK_PUBLICATION_URL", "http://localhost:" + options.publicationPort());
        shared.put("TALKBACK_DB_USER", database.user());
        shared.put("TALKBACK_DB_PASSWORD", database.password());
        shared.put("TALKBACK_EVENTS_SECRET", options.secrets().events());
        shared.put("TALKBACK_ADMIN_PASSWORD", options.secrets().adminPassword());
        shared.put("TALKBACK_MODERATOR_PASSWORD", options.secrets().moderatorPassword());
        // The pages publication serves (the demo article) embed the default site's form from this origin, under
        // either spelling of the loopback address a person may type.
        shared.put("TALKBACK_DEFAULT_SITE_ORIGINS", "http://localhost:" + options.publicationPort()
                + ",http://127.0.0.1:" + options.publicationPort());
        // The demo page is served by publication; its widget posts to intake, on another port here.
        shared.put("TALKBACK_PUBLIC_INTAKE_URL", "http://localhost:" + options.intakePort());
        // The development key of the default site, named in the README: an Akismet client works in the first minute.
        shared.put("TALKBACK_DEVELOPMENT_API_KEY", LOCAL_DEVELOPMENT_KEY);
        // Links in mails lead to publication as a person's browser reaches it; TALKBACK_SMTP_* and the rest of mail's
        // settings pass through from the launcher's own environment, which the services inherit.
        if (System.getenv("TALKBACK_PUBLIC_URL") == null) {
            shared.put("TALKBACK_PUBLIC_URL", "http://localhost:" + options.publicationPort());
        }
        shared.putAll(options.environment());
        this.sharedEnvironment = Map.copyOf(shared);
        this.intake = service("comment-intake", options.intakePort(), "TALKBACK_INTAKE_DB_URL", "talkback_intake", shared);
        this.spamCheck = service("spam-check", options.spamCheckPort(), "TALKBACK_SPAM_CHECK_DB_URL", "talkback_spamcheck", shared);
        this.publication = service("publication", options.publicationPort(), "TALKBACK_PUBLICATION_DB_URL", "talkback_publication", shared);
    }

    /** Starts the database and the three services, and waits until all are ready. */
    private boolean closed;

    public static TalkbackStack start(Options options) throws IOException, SQLException, InterruptedException {
        TalkbackStack stack = prepare(options);
        // A benchmark or test stopped with Ctrl-C or kill must not leave its services running (and busy) behind:
        // they would skew every later measurement on the machine.
        Thread stopOnExit = new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("while stopping the stack: " + e);
            }
        }, "talkback-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            stack.startServices();
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Starts the database only; {@link #startServices()} then starts the services. */
    public static TalkbackStack prepare(Options options) throws IOException, SQLException {
        Database database = options.externalDatabaseUrl() == null
                ? Database.embedded(options.dataDirectory(), 0)
                : Database.external(options.externalDatabaseUrl(), options.databaseUser(), options.databasePassword());
        try {
            for (String name : List.of("talkback_intake", "talkback_spamcheck", "talkback_publication")) {
                database.ensureDatabase(name);
            }
            return new TalkbackStack(options, database);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public void startServices() throws IOException, InterruptedException {
        for (ServiceProcess service : services()) {
            service.start();
        }
        for (ServiceProcess service : services()) {
            service.awaitReady(Duration.ofSeconds(90));
        }
    }

    private ServiceProcess service(String name, int port, String databaseVariable, String databaseName,
            Map<String, String> shared) {
        return service(name, name, port, databaseVariable, databaseName, shared);
    }

    private ServiceProcess service(String instance, String name, int port, String databaseVariable, String databaseName,
            Map<String, String> shared) {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put(databaseVariable, database.urlOf(databaseName));
        List<String> jvm = new ArrayList<>(options.jvmOptions());
        String extra = System.getenv("JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path jar = options.repository().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Path classArchive = jar.resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(classArchive) && !"false".equals(System.getProperty("talkback.appcds"))) {
            // The classes the build loaded once, already parsed and verified (AppCDS, made by the package step):
            // a service answers seconds sooner. A JVM other than the build's ignores it with a warning.
            jvm.add(0, "-XX:SharedArchiveFile=" + classArchive);
        }
        return new ServiceProcess(instance, jar, port, environment, jvm, options.logDirectory().resolve(instance + ".log"));
    }

    /**
     * Starts a second instance of each service on the given ports, over the same three databases, as a cluster's
     * second replica would run. The second instances deliver their events to each other, the first instances to
     * the first, so both relays of a service compete for the same outbox rows and each consumer receives events
     * from both.
     */
    public List<ServiceProcess> startSecondInstances(int intakePort, int spamCheckPort, int publicationPort)
            throws IOException, InterruptedException {
        Map<String, String> second = new HashMap<>(sharedEnvironment);
        second.put("TALKBACK_INTAKE_PORT", String.valueOf(intakePort));
        second.put("TALKBACK_SPAM_CHECK_PORT", String.valueOf(spamCheckPort));
        second.put("TALKBACK_PUBLICATION_PORT", String.valueOf(publicationPort));
        second.put("TALKBACK_INTAKE_URL", "http://localhost:" + intakePort);
        second.put("TALKBACK_SPAM_CHECK_URL", "http://localhost:" + spamCheckPort);
        second.put("TALKBACK_PUBLICATION_URL", "http://localhost:" + publicationPort);
        List<ServiceProcess> started = List.of(
                service("comment-intake-2", "comment-intake", intakePort, "TALKBACK_INTAKE_DB_URL", "talkback_intake", second),
                service("spam-check-2", "spam-check", spamCheckPort, "TALKBACK_SPAM_CHECK_DB_URL", "talkback_spamcheck", second),
                service("publication-2", "publication", publicationPort, "TALKBACK_PUBLICATION_DB_URL", "talkback_publication", second));
        moreInstances.addAll(started);
        for (ServiceProcess service : started) {
            service.start();
        }
        for (ServiceProcess service : started) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        return started;
    }

    public List<ServiceProcess> services() {
        return List.of(intake, spamCheck, publication);
    }

    public ServiceProcess intake() {
        return intake;
    }

    public ServiceProcess spamCheck() {
        return spamCheck;
    }

    public ServiceProcess publication() {
        return publication;
    }

    public Database database() {
        return database;
    }

    public Secrets secrets() {
        return options.secrets();
    }

    public String databaseDescription() {
        return database.describe();
    }

    /**
     * Watches the embedded database and the services every second, and starts again whichever died, saying so: a
     * person running the stack on a laptop should not find it answering 503 until they restart everything. A
     * service that keeps dying is restarted ever more slowly (1 s, 2 s, 4 s … at most a minute apart).
     */
    public synchronized void superviseInBackground(java.util.function.Consumer<String> say) {
        if (supervisor != null) {
            return;
        }
        supervisor = new Thread(() -> supervise(say), "talkback-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void supervise(java.util.function.Consumer<String> say) {
        Map<String, Integer> restarts = new HashMap<>();
        while (!closing) {
            try {
                Thread.sleep(1000);
                if (!closing && !database.isRunning()) {
                    say.accept("PostgreSQL stopped; starting it again ...");
                    database.restart();
                    say.accept("PostgreSQL is running again (" + database.describe() + ")");
                }
                List<ServiceProcess> all = new ArrayList<>(services());
                all.addAll(moreInstances);
                for (ServiceProcess service : all) {
                    if (closing || !service.hasDied()) {
                        continue;
                    }
                    int times = restarts.merge(service.name(), 1, Integer::sum);
                    long pause = Math.min(60_000, 1000L << Math.min(times - 1, 6));
                    say.accept(service.name() + " stopped (" + service.exitDescription() + "); starting it again in "
                            + pause / 1000 + " s (log: " + service.log() + ")");
                    Thread.sleep(pause);
                    if (closing) {
                        return;
                    }
                    service.start();
                    service.awaitReady(Duration.ofSeconds(90));
                    say.accept(service.name() + " is running again at " + service.url());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                say.accept("could not start it again: " + e.getMessage() + "; trying again");
            }
        }
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        if (supervisor != null) {
            supervisor.interrupt();
            supervisor.join(5000);
        }
        for (ServiceProcess service : moreInstances) {
            service.stop();
        }
        // Publication first and intake last: nothing new is accepted that the others would miss while stopping.
        for (ServiceProcess service : List.of(intake, spamCheck, publication)) {
            service.stop();
        }
        database.close();
    }

    /** The checkout's root: the folder with services/comment-intake, found upwards from the working directory. */
    public static Path findRepository() {
        String configured = System.getProperty("talkback.home", System.getenv("TALKBACK_HOME"));
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services/comment-intake"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the Talkback checkout, or set TALKBACK_HOME");
    }
}

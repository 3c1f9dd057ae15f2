package org.talkback.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * `java -jar deploy/local/target/talkback-local.jar`: the whole stack on this machine, until Ctrl-C.
 * Configuration comes from the environment (see docs/operations.md); nothing needs to be installed but a JDK.
 */
public final class TalkbackLocal {

    private TalkbackLocal() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(args, System.getenv()));
        }
        // The embedded server's own chatter (initdb, checkpoints) is not what a person starting Talkback wants to read.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("talkback.log.level", "warn"));
        // When the supervisor starts a dead server again, the library first fails to stop it and logs that as an
        // error with a stack trace; the supervisor says what happened in one line instead.
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "off");
        Map<String, String> env = System.getenv();
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withPorts(port(env, "TALKBACK_INTAKE_PORT", 8081), port(env, "TALKBACK_SPAM_CHECK_PORT", 8082),
                        port(env, "TALKBACK_PUBLICATION_PORT", 8083));
        String home = env.getOrDefault("TALKBACK_DATA_DIR", Path.of(System.getProperty("user.home"), ".talkback").toString());
        options = options.withDirectories(Path.of(home, "pgdata"), Path.of(home, "logs"));
        if (env.containsKey("TALKBACK_DB_URL")) {
            options = options.withExternalDatabase(env.get("TALKBACK_DB_URL"), env.getOrDefault("TALKBACK_DB_USER", "postgres"),
                    env.getOrDefault("TALKBACK_DB_PASSWORD", ""));
        }
        // Kept beside the data: the passwords create the first accounts in the database, so the next start must
        // print (and pass on) the same ones, not new ones nobody can sign in with.
        TalkbackStack.Secrets generated = TalkbackStack.Secrets.storedIn(Path.of(home, "secrets.properties"));
        options = options.withSecrets(new TalkbackStack.Secrets(
                env.getOrDefault("TALKBACK_EVENTS_SECRET", generated.events()),
                env.getOrDefault("TALKBACK_ADMIN_PASSWORD", generated.adminPassword()),
                env.getOrDefault("TALKBACK_MODERATOR_PASSWORD", generated.moderatorPassword())));

        System.out.println("Starting Talkback (logs in " + options.logDirectory() + ") ...");
        TalkbackStack stack = TalkbackStack.prepare(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Talkback ...");
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "talkback-stop"));
        // The hook is in place before any service starts, so Ctrl-C during start-up leaves no orphans behind.
        stack.startServices();

        System.out.printf("""

                Talkback is running on %s
                  comment-intake  %s   (POST /api/v1/comments)
                  spam-check      %s
                  publication     %s   (GET /api/v1/threads/comments, /api/v1/moderation/queue)
                  OpenAPI at /q/openapi, health at /q/health/ready, metrics at /q/metrics on each

                  demo article:      %s/demo/
                  moderator console: %s/moderation/

                  moderator login: moderator / %s
                  admin login:     admin / %s
                (saved in %s; they create the first two accounts, so later changes go through
                 the admin API: POST /api/v1/admin/accounts)

                mail: %s

                If the database or a service stops, it is started again.
                Ctrl-C stops everything.
                """, stack.databaseDescription(), stack.intake().url(), stack.spamCheck().url(), stack.publication().url(),
                stack.publication().url(), stack.publication().url(),
                stack.secrets().moderatorPassword(), stack.secrets().adminPassword(), Path.of(home, "secrets.properties"),
                env.containsKey("TALKBACK_SMTP_HOST") && !env.get("TALKBACK_SMTP_HOST").isBlank()
                        ? "through " + env.get("TALKBACK_SMTP_HOST") + ":" + env.getOrDefault("TALKBACK_SMTP_PORT", "25")
                        : "off (set TALKBACK_SMTP_HOST to send it; see the README)");
        stack.superviseInBackground(message -> System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + message));
        stopped.await();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)));
    }
}

package org.talkback.publication;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port for the mail tests, and publication configured to send to it.
 * The tests stop and start it again on the same port, to be an SMTP server that is down for a while.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    static final String PUBLIC_URL = "https://comments.news.example";
    private static int port;
    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        startServer();
        return Map.ofEntries(
                Map.entry("talkback.mail.smtp-host", "127.0.0.1"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(port)),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("quarkus.mailer.from", "Talkback <talkback@news.example>"),
                Map.entry("talkback.mail.public-url", PUBLIC_URL),
                Map.entry("talkback.mail.per-recipient-per-hour", "3"),
                Map.entry("talkback.mail.confirmations-per-address-per-day", "1"));
    }

    static int port() {
        return port;
    }

    static synchronized GreenMail server() {
        return server;
    }

    static synchronized void startServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    static synchronized void stopServer() {
        server.stop();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

package org.talkback.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Talkback service as its own operating-system process, the way it runs in production. */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    /** Set when this launcher stopped or killed it on purpose: then it is not to be restarted. */
    private boolean stopped;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions,
            Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        // Started from its own folder with the jar's bare name: an AppCDS archive names its class path as the
        // build's archive step saw it (relative), and the JVM ignores the archive when the paths differ.
        command.add("-jar");
        command.add(jar.getFileName().toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        stopped = false;
    }

    /** Polls the readiness endpoint (which includes the database) until it answers UP. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no graceful anything, as when a machine or container dies. */
    public synchronized void kill() throws InterruptedException {
        stopped = true;
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then a grace period for Quarkus to finish requests and close its pools. */
    public synchronized void stop() throws InterruptedException {
        stopped = true;
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The operating system's id of the running process, for those who must kill it from outside. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Whether it was started and has exited since (as opposed to never started, or stopped by us). */
    public synchronized boolean hasDied() {
        return process != null && !process.isAlive() && !stopped;
    }

    /** How it ended, for telling a person: "exit code 137" and so on. */
    public synchronized String exitDescription() {
        if (process == null || process.isAlive()) {
            return "running";
        }
        int code = process.exitValue();
        return "exit code " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}

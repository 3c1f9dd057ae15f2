package org.talkback.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Stands in for the other services in a single service's tests: a real HTTP server that records every event
 * delivered to it and answers with whatever status the test chooses, so retries and parking can be provoked.
 */
public final class EventSink implements AutoCloseable {

    /** One event as it arrived: body is the event's own JSON, batchBody the signed request it came in. */
    public record Delivery(String path, String signature, String body, String batchBody) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Integer, EventSink> SHARED = new ConcurrentHashMap<>();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Function<Delivery, Integer> answer = delivery -> 200;

    public EventSink(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", exchange -> {
            String batchBody;
            try (InputStream in = exchange.getRequestBody()) {
                batchBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Talkback-Signature");
            List<Delivery> batch = new ArrayList<>();
            for (JsonNode event : JSON.readTree(batchBody).path("events")) {
                batch.add(new Delivery(exchange.getRequestURI().getPath(), signature, event.toString(), batchBody));
            }
            // The answer for a batch is the first non-2xx any of its events asks for.
            int status = batch.stream().mapToInt(answer::apply).filter(s -> s / 100 != 2).findFirst().orElse(200);
            ArrayNode results = JSON.createArrayNode();
            if (status / 100 == 2) {
                deliveries.addAll(batch);
                for (Delivery delivery : batch) {
                    results.addObject().put("eventId", JSON.readTree(delivery.body()).path("id").asText())
                            .put("outcome", "applied");
                }
            }
            byte[] reply = JSON.writeValueAsBytes(JSON.createObjectNode().set("results", results));
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    /** Lets a sink be closed from another class loader, through the JVM's MBean server (JDK types only). */
    public interface ClosableSinkMBean {
        void close();
    }

    /**
     * One sink per port for the whole test JVM: Quarkus keeps the application (and its relay) across test classes.
     * A test profile restarts Quarkus in a new class loader, where this class and its map are new too; the sink
     * the old class loader bound is found in the platform MBean server and closed, so the port can be bound again.
     */
    public static EventSink shared(int port) {
        return SHARED.computeIfAbsent(port, p -> {
            try {
                MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("org.talkback.test:type=EventSink,port=" + p);
                if (beans.isRegistered(name)) {
                    beans.invoke(name, "close", new Object[0], new String[0]);
                    beans.unregisterMBean(name);
                }
                EventSink sink = new EventSink(p);
                ClosableSinkMBean closable = sink::close;
                beans.registerMBean(new StandardMBean(closable, ClosableSinkMBean.class), name);
                return sink;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Decide the HTTP status per delivery; the default accepts everything. */
    public void answerWith(Function<Delivery, Integer> answer) {
        this.answer = answer;
    }

    /** Accepted deliveries, in arrival order. */
    public List<Delivery> accepted() {
        return List.copyOf(deliveries);
    }

    public List<Delivery> accepted(String pathPrefix, String bodyFragment) {
        return deliveries.stream()
                .filter(d -> d.path().startsWith(pathPrefix) && d.body().contains(bodyFragment))
                .toList();
    }

    public void clear() {
        deliveries.clear();
        answer = delivery -> 200;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.talkback.intake.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.platform.net.IpAddresses;
import org.talkback.intake.service.ClientContext;

/**
 * Works out who sent a request. X-Forwarded-For is read right to left and only across configured proxies: the
 * first address that is not one of ours is the reader's; everything left of it could be forged by the reader.
 */
@ApplicationScoped
public class ClientAddresses {
    private static final int MAX_HEADER = 512;

    /** Single addresses or CIDR ranges (a cluster's pod network, where the ingress's address changes). */
    private final List<IpAddresses.Range> trustedProxies;

    public ClientAddresses(IntakeConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of()).stream()
                .map(proxy -> IpAddresses.range(proxy).orElseThrow(() -> new IllegalArgumentException(
                        "talkback.intake.trusted-proxies: not an address or CIDR range: " + proxy)))
                .toList();
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    public ClientContext of(HttpServerRequest request) {
        return new ClientContext(address(request), header(request, "User-Agent"), header(request, "Referer"),
                header(request, "Origin"));
    }

    private String address(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.length() > 4 * MAX_HEADER) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted(hop)) {
                return hop.length() > 64 ? peer : hop;
            }
        }
        return peer;
    }

    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null) {
            return null;
        }
        return value.length() > MAX_HEADER ? value.substring(0, MAX_HEADER) : value;
    }
}

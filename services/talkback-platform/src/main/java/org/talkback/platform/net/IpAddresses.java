package org.talkback.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** IP address literals, checked before they reach PostgreSQL's inet casts (a malformed one would fail the query). */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** The address in canonical spelling, or empty for anything that is not an IPv4 or IPv6 literal. */
    public static Optional<String> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean v6 = address.contains(":") && address.matches("[0-9a-fA-F:.]{2,45}");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // Only literals get here, so this parses and never looks a name up.
            return Optional.of(InetAddress.getByName(address).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

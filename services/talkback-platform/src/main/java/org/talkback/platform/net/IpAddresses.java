package org.talkback.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.math.BigInteger;

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

    /**
     * An address range in CIDR notation (203.0.113.0/24, 2001:db8::/32) or a single address, for blocked
     * lists kept in memory. Empty when the text is neither.
     */
    public static Optional<Range> range(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("/", -1);
        Optional<String> address = literal(parts[0]);
        if (address.isEmpty() || parts.length > 2 || (parts.length == 2 && !parts[1].matches("\\d{1,3}"))) {
            return Optional.empty();
        }
        byte[] bytes = bytesOf(address.get());
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        if (bits > bytes.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Range(bytes, bits));
    }

    /** The first {@code bits} of {@code network}: an address is inside when its own first bits are the same. */
    public record Range(byte[] network, int bits) {
        public boolean contains(String address) {
            Optional<String> literal = literal(address);
            if (literal.isEmpty()) {
                return false;
            }
            byte[] candidate = bytesOf(literal.get());
            if (candidate.length != network.length) {
                return false; // an IPv4 range never holds an IPv6 address, nor the other way round
            }
            int shift = network.length * 8 - bits;
            return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] bytesOf(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}

package org.talkback.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Blocked address ranges as a site admin writes them: CIDR blocks of either family, or one address. */
class IpRangeTest {

    @Test
    void anIpv4BlockHoldsItsAddressesAndNoOthers() {
        IpAddresses.Range range = IpAddresses.range("203.0.113.0/24").orElseThrow();
        assertTrue(range.contains("203.0.113.0"));
        assertTrue(range.contains("203.0.113.255"));
        assertFalse(range.contains("203.0.114.1"));
        assertFalse(range.contains("2001:db8::1"), "an IPv4 block holds no IPv6 address");
    }

    @Test
    void blocksNeedNotStartOnAByteAndHostBitsAreIgnored() {
        IpAddresses.Range range = IpAddresses.range("10.1.2.3/14").orElseThrow();
        assertTrue(range.contains("10.0.0.1"));
        assertTrue(range.contains("10.3.255.255"));
        assertFalse(range.contains("10.4.0.0"));
    }

    @Test
    void ipv6BlocksAndSingleAddresses() {
        IpAddresses.Range block = IpAddresses.range("2001:db8::/32").orElseThrow();
        assertTrue(block.contains("2001:db8:ffff::1"));
        assertTrue(block.contains("2001:DB8::2"));
        assertFalse(block.contains("2001:db9::1"));
        IpAddresses.Range one = IpAddresses.range("198.51.100.7").orElseThrow();
        assertTrue(one.contains("198.51.100.7"));
        assertFalse(one.contains("198.51.100.8"));
        assertEquals("198.51.100.7/32", one.toString());
    }

    @Test
    void namesAndNonsenseAreNotRanges() {
        for (String text : new String[] {"example.com", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/8", "300.1.1.1", "", "::/129"}) {
            assertTrue(IpAddresses.range(text).isEmpty(), text);
        }
        assertFalse(IpAddresses.range("10.0.0.0/8").orElseThrow().contains("not-an-address"));
    }
}

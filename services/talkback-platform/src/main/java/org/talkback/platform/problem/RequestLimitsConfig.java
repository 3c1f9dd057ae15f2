package org.talkback.platform.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request size limits that {@link RequestLimits} enforces with problem documents. */
@ConfigMapping(prefix = "talkback.http")
public interface RequestLimitsConfig {
    /** Largest request body, in bytes. A comment of 10,000 characters in any script fits in 64 KiB of JSON. */
    @WithDefault("65536")
    long maxBodyBytes();

    /**
     * Largest batch of events another service may deliver to /internal/events: a relay sends up to 100 events,
     * each with a comment of up to 10,000 characters (up to 40 KB of UTF-8).
     */
    @WithDefault("8388608")
    long maxEventBatchBytes();

    /**
     * Largest export file an admin may upload for import (publication); the import also stops reading a
     * compressed file that expands beyond its own limit (talkback.imports.max-bytes).
     */
    @WithDefault("2147483648")
    long maxImportBytes();

    /** Longest single header value, in characters. Browsers' longest ordinary headers (cookies) stay far below. */
    @WithDefault("8192")
    int maxHeaderLength();

    /** All header names and values together. */
    @WithDefault("16384")
    int maxHeadersLength();
}

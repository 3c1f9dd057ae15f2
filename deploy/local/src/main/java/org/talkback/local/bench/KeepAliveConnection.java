package org.talkback.local.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that sends a request and reads the answer, nothing more. The load generator
 * shares two cores with the service it measures, so it must be cheap: java.net.http's client hands every request
 * across threads and cost about a third of a core at a few thousand requests a second; this costs a fraction.
 * It understands only what Talkback answers: a status line, headers, and a Content-Length body.
 */
final class KeepAliveConnection implements AutoCloseable {
    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(URI base) {
        this.base = base;
    }

    /** Sends the request and returns the status code, having read (and dropped) the answer's body. */
    int send(String method, String path, String contentType, byte[] body) throws IOException {
        return send(method, path, contentType, "", body);
    }

    /** The same, with extra header lines ("Name: value\r\n" each). */
    int send(String method, String path, String contentType, String extraHeaders, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
        try {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append(extraHeaders);
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readAnswer();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readAnswer() throws IOException {
        String status = readLine();
        if (status == null || status.length() < 12) {
            throw new IOException("connection closed before an answer");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean closing = false;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Connection") && line.toLowerCase().contains("close")) {
                closing = true;
            }
        }
        in.skipNBytes(length);
        if (closing) {
            close();
        }
        return code;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is being dropped anyway
            }
            socket = null;
        }
    }
}

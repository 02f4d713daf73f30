package io.cluehub.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal STOMP 1.2 client over a plain socket, enough for an agency that speaks STOMP: connect with login and
 * passcode, send to an anycast address, subscribe to its inbox and read MESSAGE frames. Frames are encoded by the
 * STOMP specification; nothing here knows the hub.
 */
public final class StompClient implements AutoCloseable {

    /** One received frame. */
    public record Frame(String command, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private StompClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static StompClient connect(HubProcess hub, String user) throws IOException {
        StompClient client = new StompClient(new Socket("127.0.0.1", hub.brokerPort()));
        client.send("CONNECT", Map.of("accept-version", "1.2", "host", "cluehub", "login", user,
                "passcode", hub.password(user)), new byte[0]);
        Frame connected = client.read(Waits.MESSAGE);
        if (!"CONNECTED".equals(connected.command())) {
            client.close();
            throw new IOException("STOMP CONNECT refused: " + connected.headers() + " " + connected.text());
        }
        return client;
    }

    /** Sends a text body to an anycast queue, asking for a receipt so that the send is known to have arrived. */
    public void sendText(String destination, String body) throws IOException {
        sendText(destination, body, Map.of());
    }

    /** Like {@link #sendText(String, String)}, with extra headers (e.g. {@code ClueHubSignature}). */
    public void sendText(String destination, String body, Map<String, String> extra) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("destination", destination);
        headers.put("destination-type", "ANYCAST");
        headers.put("content-type", "application/json;charset=utf-8");
        headers.put("receipt", "send-1");
        send("SEND", headers, bytes);
        Frame receipt = read(Waits.MESSAGE);
        if (!"RECEIPT".equals(receipt.command())) {
            throw new IOException("STOMP SEND not confirmed: " + receipt.command() + " " + receipt.headers()
                    + " " + receipt.text());
        }
    }

    public void subscribe(String queue) throws IOException {
        send("SUBSCRIBE", Map.of("id", "inbox", "destination", queue, "subscription-type", "ANYCAST",
                "ack", "auto"), new byte[0]);
    }

    /** The next frame, or an {@link IOException} if none arrives within the timeout. */
    public Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            String command;
            do {
                command = line();
            } while (command.isEmpty()); // heart-beat newlines
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.putIfAbsent(unescape(header.substring(0, colon)), unescape(header.substring(colon + 1)));
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                if (in.read() != 0) {
                    throw new IOException("STOMP frame not NUL-terminated");
                }
            } else {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                for (int b = in.read(); b != 0; b = in.read()) {
                    if (b < 0) {
                        throw new IOException("STOMP connection closed inside a frame");
                    }
                    buffer.write(b);
                }
                body = buffer.toByteArray();
            }
            return new Frame(command, headers, body);
        } catch (SocketTimeoutException e) {
            throw new IOException("no STOMP frame within " + timeout, e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("STOMP connection closed");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void send(String command, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(escape(name)).append(':').append(escape(value)).append('\n'));
        if (body.length > 0) {
            frame.append("content-length:").append(body.length).append('\n');
        }
        frame.append('\n');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(0);
        out.flush();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\c").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\c", ":").replace("\\\\", "\\");
    }

    @Override
    public void close() throws IOException {
        try {
            send("DISCONNECT", Map.of(), new byte[0]);
        } catch (IOException ignored) {
            // The socket is closed below either way.
        }
        socket.close();
    }
}

package io.cluehub.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import tools.jackson.databind.JsonNode;

/**
 * A JMS message copied out of the client before it is acknowledged, so it stays readable after the session,
 * connection or even the hub is gone.
 *
 * @param kind       {@code text}, {@code bytes} or the JMS class name of anything else
 * @param body       the body bytes (a TextMessage's text as UTF-8)
 * @param properties every JMS property, by name
 */
public record InboxMessage(String kind, byte[] body, Map<String, Object> properties, boolean redelivered) {

    public static final String TEXT = "text";
    public static final String BYTES = "bytes";

    static InboxMessage copyOf(Message message) throws JMSException {
        Map<String, Object> properties = new TreeMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        String kind;
        byte[] body;
        if (message instanceof TextMessage text) {
            kind = TEXT;
            body = text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        } else if (message instanceof BytesMessage bytes) {
            kind = BYTES;
            byte[] content = bytes.getBody(byte[].class);
            body = content == null ? new byte[0] : content;
        } else {
            kind = message.getClass().getName();
            body = new byte[0];
        }
        return new InboxMessage(kind, body, Collections.unmodifiableMap(properties), message.getJMSRedelivered());
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A property as a string ({@code null} when absent), whatever type the hub gave it. */
    public String property(String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    /** The body as JSON; throws if it is not JSON. */
    public JsonNode json() {
        return Json.parse(body);
    }

    /** A receipt ({@code ClueHubType=receipt}) answering the given messageId. */
    public static Predicate<InboxMessage> receiptFor(String messageId) {
        return message -> HubContract.RECEIPT.equals(message.property(HubContract.TYPE))
                && messageId.equals(message.property(HubContract.IN_REPLY_TO));
    }

    /** A receipt whose {@code payload.rawSha256} is the given digest: how an unparseable message is answered. */
    public static Predicate<InboxMessage> receiptForRawSha256(String rawSha256) {
        return message -> {
            if (!HubContract.RECEIPT.equals(message.property(HubContract.TYPE))) {
                return false;
            }
            try {
                return rawSha256.equals(Json.text(message.json(), "/payload/rawSha256"));
            } catch (RuntimeException notJson) {
                return false;
            }
        };
    }

    /** A delivery (not a receipt) carrying {@code ClueHubMessageId=messageId}. */
    public static Predicate<InboxMessage> deliveryOf(String messageId) {
        return message -> !HubContract.RECEIPT.equals(message.property(HubContract.TYPE))
                && messageId.equals(message.property(HubContract.MESSAGE_ID));
    }

    @Override
    public String toString() {
        String text = text();
        return "InboxMessage[" + kind + ", redelivered=" + redelivered + ", properties=" + properties + ", body="
                + (text.length() > 600 ? text.substring(0, 600) + "…" : text) + "]";
    }
}

package io.cluehub.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import io.cluehub.client.ClueHubSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The simulated offices driving one system over TCP: producers authenticated as the §10 sender sending to
 * {@code hub.inbound}, the recipient draining its inbox (each delivery correlated in the {@link Tracker}), and, on the
 * hub, the sender draining its receipts. Every producer is its own connection, as separate office systems would be;
 * sends are persistent and blocking (the JMS default: the broker has the message on disk when {@code send} returns).
 */
final class Traffic implements AutoCloseable {

    static final String SENDER = "SAMR-330106";
    static final String RECIPIENT = "CAC-330100";
    static final String INBOUND = "hub.inbound";
    /** The bench's own correlation property: the raw relay carries it over, the hub drops it (not allow-listed). */
    static final String BENCH_ID = "BenchId";
    static final String MESSAGE_ID = "ClueHubMessageId";
    static final String TYPE = "ClueHubType";
    static final String IN_REPLY_TO = "ClueHubInReplyTo";
    static final String RECEIPT_STATUS = "ClueHubReceiptStatus";

    private final String system;
    private final Tracker tracker;
    private final ClueTemplate template;
    private final com.nimbusds.jose.jwk.ECKey signingKey;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Slot> producers = new ArrayList<>();
    private final AtomicLong failuresLogged = new AtomicLong();

    /** One producing office system: a connection, a session, a producer, used by one thread at a time. */
    private record Slot(Session session, MessageProducer producer) {
    }

    Traffic(String system, NodeProcess node, boolean receipts, int producerCount, Tracker tracker, ClueTemplate template)
            throws JMSException {
        this.system = system;
        this.tracker = tracker;
        this.template = template;
        this.signingKey = privateKey(node.demoKey(SENDER));
        String url = node.brokerUrl();

        Connection recipient = connect(url, RECIPIENT, node.password(RECIPIENT));
        Session inboxSession = recipient.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer inbox = inboxSession.createConsumer(inboxSession.createQueue(inbox(RECIPIENT)));
        inbox.setMessageListener(this::onDelivery);
        recipient.start();

        if (receipts) {
            Connection sender = connect(url, SENDER, node.password(SENDER));
            Session receiptSession = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer receiptInbox = receiptSession.createConsumer(receiptSession.createQueue(inbox(SENDER)));
            receiptInbox.setMessageListener(this::onReceipt);
            sender.start();
        }

        for (int i = 0; i < producerCount; i++) {
            Connection connection = connect(url, SENDER, node.password(SENDER));
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producers.add(new Slot(session, producer));
        }
    }

    private static com.nimbusds.jose.jwk.ECKey privateKey(String jwk) {
        try {
            return com.nimbusds.jose.jwk.ECKey.parse(jwk);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("The demo key of " + SENDER + " is not a JWK"); // no cause: it quotes the key
        }
    }

    static String inbox(String officeId) {
        return "agency." + officeId + ".inbox";
    }

    private Connection connect(String url, String user, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    private void onDelivery(Message message) {
        long now = System.nanoTime();
        try {
            String id = message.getStringProperty(MESSAGE_ID);
            tracker.delivered(id != null ? id : message.getStringProperty(BENCH_ID), now);
        } catch (JMSException | RuntimeException e) {
            Bench.log("%s: cannot read a delivery: %s", system, e);
        }
    }

    private void onReceipt(Message message) {
        try {
            if ("receipt".equals(message.getStringProperty(TYPE))) {
                tracker.receipt(message.getStringProperty(IN_REPLY_TO), message.getStringProperty(RECEIPT_STATUS));
            }
        } catch (JMSException | RuntimeException e) {
            Bench.log("%s: cannot read a receipt: %s", system, e);
        }
    }

    /**
     * Maximum sustained throughput: every producer sends as fast as the window allows until the phase's measured
     * interval ends; the window is released as messages arrive, so the queues never grow without bound.
     */
    void runThroughput(Phase phase) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Slot slot : producers) {
            threads.add(start(system + "-producer-" + threads.size(), () -> {
                long now;
                while ((now = System.nanoTime()) < phase.measureToNanos) {
                    try {
                        if (!phase.window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    now = System.nanoTime();
                    send(slot, phase, now, now >= phase.measureFromNanos);
                }
            }));
        }
        join(threads, phase.measureToNanos);
        phase.sendEndNanos = System.nanoTime();
    }

    /**
     * A fixed offered rate: message k is due at {@code start + k / rate}; the producers take the next due slot, wait for
     * it and send. A producer held up by a slow send takes a slot that is already late, and that lateness is part of
     * the latency recorded (measured from the due time), so a stalling system cannot hide its stalls.
     */
    void runFixedRate(Phase phase, int warmupSeconds, int seconds) throws InterruptedException {
        long period = 1_000_000_000L / phase.rate;
        long total = (long) phase.rate * (warmupSeconds + seconds);
        long recordedFrom = (long) phase.rate * warmupSeconds;
        // One second of backlog: a system this far behind cannot sustain the rate (its latency is already a second),
        // and offering the rest would only make the run longer.
        long maxBacklog = Math.max(200, phase.rate);
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (Slot slot : producers) {
            threads.add(start(system + "-producer-" + threads.size(), () -> {
                long k;
                while ((k = next.getAndIncrement()) < total && phase.overloaded == null) {
                    if (phase.outstanding() > maxBacklog) {
                        if (phase.overloaded == null) {
                            phase.overloaded = String.format(java.util.Locale.ROOT,
                                    "backlog passed %d messages %.1f s into the phase; sending stopped", maxBacklog,
                                    (System.nanoTime() - phase.startNanos) / 1e9);
                        }
                        return;
                    }
                    long due = phase.startNanos + k * period;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(slot, phase, due, k >= recordedFrom);
                }
            }));
        }
        join(threads, phase.measureToNanos);
        phase.sendEndNanos = System.nanoTime();
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void send(Slot slot, Phase phase, long intendedNanos, boolean recorded) {
        String id = UUID.randomUUID().toString();
        Tracker.Sent sent = tracker.register(id, phase, intendedNanos, recorded);
        try {
            String body = template.withMessageId(id);
            TextMessage message = slot.session().createTextMessage(body);
            // Signed as an agency system must (the hub verifies it; the raw relay only carries it): the same detached
            // JWS as ClueHubSigner's, made with BouncyCastle's P-256, 6-7 times cheaper here than the JDK's on Java 17.
            // With the JDK's, signing alone took 0.7 ms of the machine's CPU per message (60 % of the machine while the
            // raw relay ran), a load the bench put on the machine it measures.
            message.setStringProperty(ClueHubSigner.JMS_PROPERTY, io.cluehub.security.signature.DetachedJws.sign(
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8), signingKey));
            message.setStringProperty(BENCH_ID, id);
            sent.sendNanos = System.nanoTime();
            slot.producer().send(message);
        } catch (JMSException | RuntimeException e) {
            tracker.sendFailed(sent);
            if (failuresLogged.incrementAndGet() <= 5) {
                Bench.log("%s: send failed: %s", system, e);
            }
        }
    }

    /** Waits until every message of the phase has arrived, at most {@code timeoutNanos}. */
    boolean awaitDrained(Phase phase, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (phase.outstanding() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        phase.drainedNanos = System.nanoTime();
        phase.drained = phase.outstanding() == 0;
        return phase.drained;
    }

    /** Waits for the producers; a producer still blocked 45 s after the phase (past the client's call timeout) is left. */
    private void join(List<Thread> threads, long endNanos) throws InterruptedException {
        for (Thread thread : threads) {
            long waitMs = Math.max(1, (endNanos - System.nanoTime()) / 1_000_000 + 45_000);
            thread.join(waitMs);
            if (thread.isAlive()) {
                Bench.log("%s: producer %s still busy after the phase; interrupting it", system, thread.getName());
                thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                Bench.log("%s: closing a connection: %s", system, e);
            }
        }
    }
}

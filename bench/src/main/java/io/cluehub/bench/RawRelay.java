package io.cluehub.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The raw broker baseline: what the bus alone does with the same messages. Plain JMS, no Camel, no hub logic: each
 * thread consumes {@code hub.inbound} in a transacted session, sends a new text message with the same body (and the
 * bench's correlation property) to the recipient's inbox in the same transaction, and commits. The transaction scope
 * is the hub intake's: what the broker has ready, up to {@code batchSize} messages per commit, never waiting for more
 * (with {@code batchSize} 1, one message per transaction). One connection, one session per thread.
 */
final class RawRelay implements AutoCloseable {

    private final Connection connection;
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder rolledBack = new LongAdder();
    private volatile boolean running = true;

    private volatile int batchSize;

    RawRelay(String brokerUrl, String user, String password, int threadCount, int batchSize) throws JMSException {
        this.batchSize = batchSize;
        connection = new ActiveMQConnectionFactory(brokerUrl, user, password).createConnection();
        for (int i = 0; i < threadCount; i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Traffic.INBOUND));
            MessageProducer producer = session.createProducer(session.createQueue(Traffic.inbox(Traffic.RECIPIENT)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Thread thread = new Thread(() -> relay(session, consumer, producer), "raw-relay-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        connection.start();
        threads.forEach(Thread::start);
    }

    private void relay(Session session, MessageConsumer consumer, MessageProducer producer) {
        while (running) {
            try {
                Message in = consumer.receive(200);
                int inTransaction = 0;
                while (in != null) {
                    TextMessage out = session.createTextMessage(((TextMessage) in).getText());
                    out.setStringProperty(Traffic.BENCH_ID, in.getStringProperty(Traffic.BENCH_ID));
                    producer.send(out);
                    inTransaction++;
                    in = inTransaction < batchSize ? consumer.receiveNoWait() : null;
                }
                if (inTransaction == 0) {
                    continue;
                }
                session.commit();
                relayed.add(inTransaction);
            } catch (JMSException | RuntimeException e) {
                if (!running) {
                    return;
                }
                rolledBack.increment();
                Bench.log("raw relay: %s; rolling back", e);
                try {
                    session.rollback();
                } catch (JMSException | RuntimeException again) {
                    Bench.log("raw relay: rollback failed: %s", again);
                }
            }
        }
    }

    /** Messages per transaction from now on (the diagnostic slice sets 1). */
    void batchSize(int messages) {
        this.batchSize = messages;
    }

    long relayed() {
        return relayed.sum();
    }

    long rolledBack() {
        return rolledBack.sum();
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            Bench.log("raw relay: closing: %s", e);
        }
    }
}

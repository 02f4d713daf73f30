package io.cluehub.intake;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.config.ClueHubProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transacted consumers of {@code hub.inbound}, with group commit. Each of {@code cluehub.intake.consumers} threads
 * takes what the broker has ready, up to {@code cluehub.intake.batch-size} messages (never waiting for more), hands
 * each to the Camel intake ({@link IntakeRoute#RECEIVE}) one after another, and commits them all in one database
 * transaction and then one broker transaction: the consumed messages and everything sent because of them.
 *
 * <p>Each message is decided exactly as alone, in order, seeing the batch's earlier decisions (they share the
 * transaction, and {@link PendingDecisions} records them before any message that may depend on them). What changes is
 * only how often the hub waits for a commit, and that the batch's archive appends are made together at its end. Every
 * send of the thread joins its broker session, which is exposed as Spring's listener containers expose theirs, so
 * nothing is sent before the commit.
 *
 * <p>If anything in a batch fails (a failure of the hub's own, not a rejection, which is an ordinary decision), both
 * transactions roll back and the broker redelivers every message of it. For as long as those redeliveries may take,
 * every consumer of this hub then decides one message per transaction: the message that failed fails alone, then
 * dead-letters after the broker's attempts, and the others pass, each having cost one delivery attempt. (A message is
 * part of its session's transaction from the moment it is received, so a batch cannot leave out a redelivered
 * message it has already received; it can only stop batching.) A batch of one has no outer database transaction: the
 * same transactions as a message consumed on its own.
 *
 * <p>Consumers on demand ({@code cluehub.intake.extra-consumers-on-backlog}, the default): the first consumer always
 * consumes, and each further one opens its consumer only while messages wait, that is when the first one's last batch
 * was a full one ({@code batch-size} messages, so more were probably waiting), or when the first one has not come
 * back from a receive or a batch for two seconds (it is stuck on something slow, or reconnecting). It closes its
 * consumer again, between two batches, once a second has passed with no full batch, its own or the first's. The
 * broker hands a queue's messages to its consumers in turn, so two consumers below saturation each commit every other
 * message alone; one consumer gathers what arrives while it commits (routes README, "Consumers on demand").
 */
@Component
public class IntakeConsumers implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeConsumers.class);
    private static final long RECEIVE_TIMEOUT_MS = 500;
    private static final long LEAVE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long FIRST_SILENT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long PARKED_POLL_MS = 10;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ObjectProvider<CamelContext> camelProvider;
    private CamelContext camel;
    private final ConnectionFactory hubConnectionFactory;
    private final TransactionTemplate databaseTransaction;
    private final PendingDecisions pending;
    private final ClueHubProperties.Intake settings;
    private final DistributionSummary batchSizes;
    private final DistributionSummary rolledBack;
    private final AtomicBoolean running = new AtomicBoolean();
    /**
     * Until when (System.nanoTime) every consumer of this hub decides one message per transaction: set after any
     * rollback for as long as the broker may take to redeliver what rolled back ({@link #isolation}), so that a
     * message that fails again fails alone. Each further failure extends it.
     */
    private volatile long singleUntil = System.nanoTime();
    private final Duration isolation;
    private final List<Worker> workers = new ArrayList<>();
    /** The size of the first consumer's last batch (0 after a receive that timed out), and when it came with it. */
    private volatile int firstBatch;
    private volatile long firstSeenAt = System.nanoTime();
    private final AtomicInteger consuming = new AtomicInteger();
    private final Counter joins;

    /**
     * The Camel context comes through a provider: a lifecycle bean's dependencies are started before it, and Camel
     * must start only once the application context has refreshed, when its routes are collected.
     */
    public IntakeConsumers(ObjectProvider<CamelContext> camel, ConnectionFactory hubConnectionFactory,
            TransactionTemplate databaseTransaction, PendingDecisions pending, ClueHubProperties properties,
            MeterRegistry meters) {
        this.pending = pending;
        this.camelProvider = camel;
        // cluehub_intake_batch_messages: messages per committed batch; cluehub_intake_rollbacks_messages: messages per
        // batch (or single message) rolled back for the broker to redeliver.
        this.batchSizes = DistributionSummary.builder("cluehub.intake.batch").baseUnit("messages")
                .description("Messages decided and committed together by one intake consumer").register(meters);
        this.rolledBack = DistributionSummary.builder("cluehub.intake.rollbacks").baseUnit("messages")
                .description("Messages of intake transactions rolled back for the broker to redeliver").register(meters);
        // cluehub_intake_consumers: consumers of hub.inbound open now; cluehub_intake_consumer_joins_total: how often
        // an extra consumer opened because messages were waiting.
        Gauge.builder("cluehub.intake.consumers", consuming, AtomicInteger::get)
                .description("Intake consumers of hub.inbound open now").register(meters);
        this.joins = Counter.builder("cluehub.intake.consumer.joins")
                .description("Extra intake consumers opened because messages were waiting").register(meters);
        this.hubConnectionFactory = hubConnectionFactory;
        this.databaseTransaction = databaseTransaction;
        this.settings = properties.intake();
        ClueHubProperties.Broker broker = properties.broker();
        Duration longestRedelivery = broker.redeliveryDelay()
                .multipliedBy(1L << Math.min(20, Math.max(0, broker.maxDeliveryAttempts() - 1)));
        this.isolation = (longestRedelivery.compareTo(broker.maxRedeliveryDelay()) > 0 ? broker.maxRedeliveryDelay()
                : longestRedelivery).plusSeconds(5);
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /** Among the last to start; its threads wait for the Camel context, which starts once the context is refreshed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Stops consuming (finishing the batch in hand) before Camel, which stops on the same event, does. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stop();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        camel = camelProvider.getObject();
        firstSeenAt = System.nanoTime();
        for (int i = 1; i <= settings.consumers(); i++) {
            Worker worker = new Worker(i == 1, i == 1 || !settings.extraConsumersOnBacklog());
            Thread thread = new Thread(worker, "cluehub-intake-" + i + " JmsConsumer[" + BrokerAddresses.INBOUND + "]");
            worker.thread = thread;
            workers.add(worker);
            thread.start();
        }
        LOG.info("Intake: {} consumers of {}{}, batches of up to {} messages", settings.consumers(),
                BrokerAddresses.INBOUND, settings.consumers() > 1 && settings.extraConsumersOnBacklog()
                        ? " (all but the first only while messages wait)" : "", settings.batchSize());
    }

    @Override
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(RECEIVE_TIMEOUT_MS + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.thread.isAlive()) {
                LOG.warn("Intake consumer {} still busy after 30 s; interrupting it", worker.thread.getName());
                worker.thread.interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /**
     * One consuming thread with its own connection and transacted session; an extra one ({@code always} false) opens
     * its consumer only while messages wait.
     */
    private final class Worker implements Runnable {

        private final boolean first;
        private final boolean always;
        /** For an extra consumer: when it last saw messages waiting. */
        private long busyAt;
        private JmsEndpoint inbound;
        private Endpoint receive;
        private ProducerTemplate producer;
        private Thread thread;
        private Connection connection;
        private Session session;
        private MessageConsumer consumer;

        Worker(boolean first, boolean always) {
            this.first = first;
            this.always = always;
        }

        @Override
        public void run() {
            Duration backoff = Duration.ofSeconds(1);
            while (running.get()) {
                try {
                    if (!camel.getStatus().isStarted()) {
                        pause(Duration.ofMillis(200));
                        continue;
                    }
                    if (producer == null) {
                        inbound = camel.getEndpoint("jms:queue:" + BrokerAddresses.INBOUND + "?disableReplyTo=true",
                                JmsEndpoint.class);
                        receive = camel.getEndpoint(IntakeRoute.RECEIVE);
                        producer = camel.createProducerTemplate();
                    }
                    if (session == null) {
                        open();
                    }
                    if (!always && !joined()) {
                        if (!idle()) {
                            break;
                        }
                        continue;
                    }
                    List<Message> batch = nextBatch();
                    if (first) {
                        firstBatch = batch.size();
                        firstSeenAt = System.nanoTime();
                    } else if (!always && batch.size() >= settings.batchSize()) {
                        busyAt = System.nanoTime();
                    }
                    if (!batch.isEmpty()) {
                        decide(batch);
                    }
                    backoff = Duration.ofSeconds(1);
                } catch (Throwable e) { // NOPMD: as Spring's listener containers do, the consumer outlives any failure
                    // The connection or session is unusable, or something failed outside the pipeline: closing the
                    // connection gives back whatever was received and not committed, for the broker to redeliver.
                    if (e instanceof JMSException) {
                        LOG.warn("Intake consumer {}: {}; reconnecting in {} s", thread.getName(), e.toString(),
                                backoff.toSeconds());
                    } else {
                        LOG.error("Intake consumer {}: unexpected failure; reconnecting in {} s", thread.getName(),
                                backoff.toSeconds(), e);
                    }
                    close();
                    if (!pause(backoff)) {
                        break;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
            close();
            try {
                if (producer != null) {
                    producer.stop();
                }
            } catch (Exception e) {
                LOG.debug("Stopping the intake's producer template", e);
            }
        }

        private void open() throws JMSException {
            ConnectionFactory target = hubConnectionFactory instanceof CachingConnectionFactory cached
                    && cached.getTargetConnectionFactory() != null ? cached.getTargetConnectionFactory()
                    : hubConnectionFactory;
            connection = target.createConnection();
            // The deliveries and receipts sent in the session share one producer (SharedProducerSession).
            session = SharedProducerSession.wrap(connection.createSession(true, Session.SESSION_TRANSACTED));
            if (always) {
                openConsumer();
            }
            connection.start();
        }

        private void openConsumer() throws JMSException {
            consumer = session.createConsumer(session.createQueue(BrokerAddresses.INBOUND));
            consuming.incrementAndGet();
        }

        private void closeConsumer() {
            if (consumer != null) {
                consuming.decrementAndGet();
                try {
                    consumer.close();
                } catch (JMSException e) {
                    LOG.debug("Closing an intake consumer", e);
                }
            }
            consumer = null;
        }

        /**
         * For an extra consumer, between batches (its last one committed, so it holds nothing): opens its consumer
         * when messages wait, closes it a second after they stopped waiting. Whatever the broker had already pushed to
         * a closed consumer goes back to the queue for the others.
         */
        private boolean joined() throws JMSException {
            long now = System.nanoTime();
            boolean waiting = firstBatch >= settings.batchSize() || now - firstSeenAt > FIRST_SILENT_NANOS;
            if (waiting) {
                busyAt = now;
            }
            if (consumer == null) {
                if (!waiting) {
                    return false;
                }
                openConsumer();
                joins.increment();
                LOG.debug("Intake consumer {} joins: messages wait", thread.getName());
                return true;
            }
            if (now - busyAt > LEAVE_AFTER_NANOS) {
                closeConsumer();
                LOG.debug("Intake consumer {} leaves: no messages waited for a second", thread.getName());
                return false;
            }
            return true;
        }

        /**
         * What the broker has ready now, up to the batch size: waits only for the first message. Every message
         * received belongs to the session's transaction, so none is ever held over to the next one; after a failure
         * (see {@link #singleUntil}) each message is a batch of its own.
         */
        private List<Message> nextBatch() throws JMSException {
            Message first = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (first == null) {
                return List.of();
            }
            List<Message> batch = new ArrayList<>(Math.min(settings.batchSize(), 64));
            batch.add(first);
            if (System.nanoTime() - singleUntil < 0 || isLarge(first)) {
                return batch;
            }
            while (batch.size() < settings.batchSize()) {
                Message next = consumer.receiveNoWait();
                if (next == null) {
                    break;
                }
                batch.add(next);
                if (isLarge(next)) {
                    break;
                }
            }
            return batch;
        }

        /** Decides the batch, then commits: the database, then the broker. Rolls both back on any failure. */
        private void decide(List<Message> batch) throws JMSException {
            TransactionSynchronizationManager.bindResource(hubConnectionFactory,
                    new JmsResourceHolder(hubConnectionFactory, connection, session));
            try {
                if (batch.size() == 1) {
                    process(batch.get(0));
                } else {
                    // Decisions are held until the whole batch is decided, then archived and sent together, so that
                    // the archive head is locked only for the appends and the commit (PendingDecisions).
                    databaseTransaction.executeWithoutResult(status -> {
                        pending.open();
                        batch.forEach(this::process);
                        pending.flush();
                    });
                }
            } catch (RuntimeException e) {
                LOG.warn("Intake: {} rolled back, to be redelivered{}: {}",
                        batch.size() == 1 ? "a message" : "a batch of " + batch.size() + " messages",
                        batch.size() == 1 ? "" : " and decided one by one", e.toString(), e);
                rolledBack.record(batch.size());
                singleUntil = System.nanoTime() + isolation.toNanos();
                rollback();
                return;
            } finally {
                pending.close();
                TransactionSynchronizationManager.unbindResource(hubConnectionFactory);
            }
            session.commit();
            batchSizes.record(batch.size());
        }

        private void process(Message message) {
            Exchange exchange = inbound.createExchange(message, session);
            producer.send(receive, exchange);
            if (exchange.getException() != null) {
                throw new IntakeFailure(exchange.getException());
            }
        }

        private void rollback() {
            try {
                session.rollback();
            } catch (JMSException e) {
                // The session is gone with the connection: the broker puts back what it had delivered anyway.
                LOG.warn("Intake consumer {}: rollback failed: {}", thread.getName(), e.toString());
                close();
            }
        }

        private void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException e) {
                    LOG.debug("Closing the intake connection", e);
                }
            }
            connection = null;
            session = null;
            if (consumer != null) {
                consuming.decrementAndGet();
            }
            consumer = null;
        }

        /** An extra consumer without its consumer waits a moment before it looks again; false once interrupted. */
        private boolean idle() {
            try {
                Thread.sleep(PARKED_POLL_MS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private boolean pause(Duration duration) {
            long until = System.nanoTime() + duration.toNanos();
            while (running.get() && System.nanoTime() < until) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return running.get();
        }
    }

    /**
     * An Artemis large message (a body over the client's {@code minLargeMessageSize}, 100 KiB by default) streams its
     * body from the broker, and the client discards what was not read yet as soon as the consumer receives again. A
     * batch therefore ends with such a message: it is read (or, over the size limit, hashed as it streams) before the
     * next receive.
     */
    static boolean isLarge(Message message) {
        return message instanceof ActiveMQMessage artemis && artemis.getCoreMessage() != null
                && artemis.getCoreMessage().isLargeMessage();
    }

    /** A failure of the hub's own while deciding a message: the transactions roll back. */
    static final class IntakeFailure extends RuntimeException {

        IntakeFailure(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}

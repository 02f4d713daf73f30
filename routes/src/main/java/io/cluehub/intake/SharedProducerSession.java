package io.cluehub.intake;

import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * An intake consumer's transacted session, as the sends that join it see it: every {@code createProducer(destination)}
 * gives a view, bound to that destination, of one anonymous producer the session keeps, and closing the view closes
 * nothing.
 *
 * <p>Spring's {@code JmsTemplate} (under Camel's JMS producer) creates a producer for every send and closes it after.
 * Since Artemis 2.29 a core producer is registered with the broker, so each delivery and receipt cost two more
 * packets, each handled on a broker thread woken for it: in the bench's profile the intake threads spent 5 % of their
 * time creating and closing producers (2026-12-07). Spring's {@code CachingConnectionFactory} would keep one producer
 * for each destination; offices run to the tens of thousands, so here there is one, whatever the destinations.
 */
final class SharedProducerSession implements InvocationHandler {

    private final Session target;
    private MessageProducer anonymous;

    private SharedProducerSession(Session target) {
        this.target = target;
    }

    /** {@code session}, its producers shared. It is used by one thread, as a JMS session must be. */
    static Session wrap(Session session) {
        return (Session) Proxy.newProxyInstance(SharedProducerSession.class.getClassLoader(),
                new Class<?>[] {Session.class}, new SharedProducerSession(session));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("createProducer") && args != null && args.length == 1 && args[0] != null) {
            return new BoundProducer(anonymous(), (Destination) args[0]);
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "SharedProducerSession[" + target + "]";
            };
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private MessageProducer anonymous() throws JMSException {
        if (anonymous == null) {
            anonymous = target.createProducer(null);
        }
        return anonymous;
    }

    /**
     * A producer for one destination over the shared anonymous one. Its settings are its own, as a producer's are,
     * and are applied to the shared producer before each of its sends.
     */
    static final class BoundProducer implements MessageProducer {

        private final MessageProducer shared;
        private final Destination destination;
        private boolean closed;
        private boolean disableMessageId;
        private boolean disableMessageTimestamp;
        private int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
        private int priority = Message.DEFAULT_PRIORITY;
        private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
        private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;

        BoundProducer(MessageProducer shared, Destination destination) {
            this.shared = shared;
            this.destination = destination;
        }

        @Override
        public void send(Message message) throws JMSException {
            send(message, deliveryMode, priority, timeToLive);
        }

        @Override
        public void send(Message message, int mode, int prio, long ttl) throws JMSException {
            prepare().send(destination, message, mode, prio, ttl);
        }

        @Override
        public void send(Message message, CompletionListener listener) throws JMSException {
            send(message, deliveryMode, priority, timeToLive, listener);
        }

        @Override
        public void send(Message message, int mode, int prio, long ttl, CompletionListener listener)
                throws JMSException {
            prepare().send(destination, message, mode, prio, ttl, listener);
        }

        @Override
        public void send(Destination other, Message message) {
            throw boundTo();
        }

        @Override
        public void send(Destination other, Message message, int mode, int prio, long ttl) {
            throw boundTo();
        }

        @Override
        public void send(Destination other, Message message, CompletionListener listener) {
            throw boundTo();
        }

        @Override
        public void send(Destination other, Message message, int mode, int prio, long ttl,
                CompletionListener listener) {
            throw boundTo();
        }

        private MessageProducer prepare() throws JMSException {
            if (closed) {
                throw new IllegalStateException("Producer for " + destination + " is closed");
            }
            shared.setDisableMessageID(disableMessageId);
            shared.setDisableMessageTimestamp(disableMessageTimestamp);
            shared.setDeliveryDelay(deliveryDelay);
            return shared;
        }

        /** As JMS says of a producer created with a destination. */
        private UnsupportedOperationException boundTo() {
            return new UnsupportedOperationException("This producer sends to " + destination + " only");
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Destination getDestination() {
            return destination;
        }

        @Override
        public void setDisableMessageID(boolean value) {
            disableMessageId = value;
        }

        @Override
        public boolean getDisableMessageID() {
            return disableMessageId;
        }

        @Override
        public void setDisableMessageTimestamp(boolean value) {
            disableMessageTimestamp = value;
        }

        @Override
        public boolean getDisableMessageTimestamp() {
            return disableMessageTimestamp;
        }

        @Override
        public void setDeliveryMode(int value) {
            deliveryMode = value;
        }

        @Override
        public int getDeliveryMode() {
            return deliveryMode;
        }

        @Override
        public void setPriority(int value) {
            priority = value;
        }

        @Override
        public int getPriority() {
            return priority;
        }

        @Override
        public void setTimeToLive(long value) {
            timeToLive = value;
        }

        @Override
        public long getTimeToLive() {
            return timeToLive;
        }

        @Override
        public void setDeliveryDelay(long value) {
            deliveryDelay = value;
        }

        @Override
        public long getDeliveryDelay() {
            return deliveryDelay;
        }
    }
}

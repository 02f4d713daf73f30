package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cluehub.it.support.HubContract;
import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.HubProcess;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Json;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Receipts;
import io.cluehub.it.support.Waits;

/**
 * Exactly once across a crash: a batch of clue transfers is in flight when the hub process gets {@code kill -9};
 * after a restart on the same journal and database, every message reaches the recipient exactly once and every
 * one is answered, none lost.
 * <p>
 * The offices' clients acknowledge in committed transactions, so a message they count cannot be redelivered to
 * them by the broker: any second copy was produced by the hub.
 */
class CrashRecoveryIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    /** Batch size; {@code -Dcluehub.it.batchSize=…} to change it. */
    private static final int BATCH = Integer.getInteger("cluehub.it.batchSize", 200);
    /** Exit code of a JVM ended by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    @Test
    void batchInFlightAtKillIsDeliveredExactlyOnceAfterRestart() throws Exception {
        HubProcess hub = HUB.hub();
        Map<String, String> batch = new LinkedHashMap<>();
        for (int i = 0; i < BATCH; i++) {
            String messageId = UUID.randomUUID().toString();
            batch.put(messageId, Messages.section10(messageId));
        }
        List<String> ids = List.copyOf(batch.keySet());
        List<InboxMessage> deliveries = new ArrayList<>();
        List<InboxMessage> receipts = new ArrayList<>();

        try (OfficeClient samr = OfficeClient.connect(hub, Protocol.CORE, SAMR_XIHU);
             OfficeClient cac = OfficeClient.connect(hub, Protocol.CORE, CAC_HANGZHOU)) {
            for (String messageId : ids.subList(0, BATCH / 2)) {
                samr.send(batch.get(messageId));
            }
            // Some, not all, delivered: the hub is demonstrably working through the batch.
            deliveries.add(cac.receiveMatching("a delivery of the batch",
                    message -> batch.containsKey(message.property(HubContract.MESSAGE_ID)), Waits.MESSAGE));
            for (String messageId : ids.subList(BATCH / 2, BATCH)) {
                samr.send(batch.get(messageId));
            }
        }
        // Every send has returned, so the broker holds the whole batch, and the hub is still working through it.
        // (The clients are closed first: closing a Core connection whose server vanished waits for a time-out.)
        int exitCode = hub.killHard();
        assertThat(exitCode).as("exit code of the killed hub (SIGKILL)").isEqualTo(KILLED_BY_SIGKILL);
        LOG.info("Hub killed with {} of {} deliveries received; restarting", deliveries.size(), BATCH);

        hub.restart();
        long deadline = System.nanoTime() + Waits.BATCH.toNanos();
        try (OfficeClient cac = OfficeClient.connect(hub, Protocol.CORE, CAC_HANGZHOU);
             OfficeClient samr = OfficeClient.connect(hub, Protocol.CORE, SAMR_XIHU)) {
            deliveries.addAll(drain(cac, "deliveries", message -> message.property(HubContract.MESSAGE_ID),
                    keys(deliveries, message -> message.property(HubContract.MESSAGE_ID)), batch.keySet(), deadline));
            receipts.addAll(drain(samr, "receipts", message -> message.property(HubContract.IN_REPLY_TO),
                    Set.of(), batch.keySet(), deadline));
        }

        Map<String, List<InboxMessage>> deliveredById = byKey(deliveries, m -> m.property(HubContract.MESSAGE_ID));
        Map<String, List<InboxMessage>> receiptsById = byKey(receipts, m -> m.property(HubContract.IN_REPLY_TO));
        LOG.info("Batch of {}: {} deliveries of {} messageIds, {} receipts for {} messageIds",
                BATCH, deliveries.size(), deliveredById.size(), receipts.size(), receiptsById.size());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(missing(batch.keySet(), deliveredById))
                .as("LOST: batch messages never delivered to %s", CAC_HANGZHOU).isEmpty();
        softly.assertThat(deliveryDuplicates(deliveredById))
                .as("DUPLICATED: batch messages delivered to %s more than once (messageId=copies)", CAC_HANGZHOU)
                .isEmpty();
        softly.assertThat(strays(batch.keySet(), deliveredById))
                .as("messages on %s that are not deliveries of the batch", HubContract.inbox(CAC_HANGZHOU)).isEmpty();
        softly.assertThat(deliveries.stream()
                        .filter(m -> batch.containsKey(m.property(HubContract.MESSAGE_ID)))
                        .filter(m -> !m.text().equals(batch.get(m.property(HubContract.MESSAGE_ID))))
                        .map(m -> m.property(HubContract.MESSAGE_ID)).toList())
                .as("deliveries whose body differs from what was sent").isEmpty();

        softly.assertThat(missing(batch.keySet(), receiptsById))
                .as("batch messages never answered with a receipt to %s", SAMR_XIHU).isEmpty();
        softly.assertThat(receiptDuplicates(receiptsById))
                .as("batch messages answered with more than one receipt (messageId=payload.duplicate flags)")
                .isEmpty();
        softly.assertThat(strays(batch.keySet(), receiptsById))
                .as("messages on %s that are not receipts of the batch", HubContract.inbox(SAMR_XIHU)).isEmpty();
        softly.assertThat(receipts.stream()
                        .filter(m -> !Receipts.ACCEPTED.equals(m.property(HubContract.RECEIPT_STATUS)))
                        .map(m -> m.property(HubContract.IN_REPLY_TO) + "=" + m.property(HubContract.RECEIPT_STATUS))
                        .toList())
                .as("receipts that are not 'accepted'").isEmpty();
        softly.assertAll();
    }

    /**
     * Receives until every expected key has been seen or the deadline (one {@link Waits#BATCH} for both inboxes
     * after the restart) has passed, then for a further
     * {@link Waits#QUIET} to catch late second copies. Never fails by itself: the caller's assertions say what
     * is missing.
     */
    private static List<InboxMessage> drain(OfficeClient client, String what, Function<InboxMessage, String> key,
                                            Set<String> alreadySeen, Set<String> expected, long deadline)
            throws Exception {
        Set<String> seen = new HashSet<>(alreadySeen);
        List<InboxMessage> received = new ArrayList<>();
        long start = System.nanoTime();
        long nextReport = start + Duration.ofSeconds(15).toNanos();
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            InboxMessage message = client.receive(Duration.ofNanos(Math.min(deadline - System.nanoTime(),
                    Duration.ofSeconds(5).toNanos())));
            if (message != null) {
                received.add(message);
                seen.add(key.apply(message));
            }
            if (System.nanoTime() > nextReport) {
                LOG.info("{}: {} of {} {} so far", client.user(), expected.stream().filter(seen::contains).count(),
                        expected.size(), what);
                nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
        }
        LOG.info("{}: {} of {} {} after {} s; listening {} more for late copies", client.user(),
                expected.stream().filter(seen::contains).count(), expected.size(), what,
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), Waits.QUIET);
        received.addAll(client.receiveFor(Waits.QUIET));
        return received;
    }

    private static Set<String> keys(Collection<InboxMessage> messages, Function<InboxMessage, String> key) {
        return messages.stream().map(key).collect(Collectors.toSet());
    }

    private static Map<String, List<InboxMessage>> byKey(List<InboxMessage> messages,
                                                         Function<InboxMessage, String> key) {
        return messages.stream().collect(Collectors.groupingBy(m -> String.valueOf(key.apply(m)), TreeMap::new,
                Collectors.toList()));
    }

    private static List<String> missing(Set<String> expected, Map<String, List<InboxMessage>> received) {
        return expected.stream().filter(id -> !received.containsKey(id)).toList();
    }

    private static Map<String, Integer> deliveryDuplicates(Map<String, List<InboxMessage>> received) {
        Map<String, Integer> duplicated = new TreeMap<>();
        received.forEach((id, copies) -> {
            if (copies.size() > 1) {
                duplicated.put(id, copies.size());
            }
        });
        return duplicated;
    }

    private static Map<String, List<String>> receiptDuplicates(Map<String, List<InboxMessage>> received) {
        Map<String, List<String>> duplicated = new TreeMap<>();
        received.forEach((id, copies) -> {
            if (copies.size() > 1) {
                duplicated.put(id, copies.stream().map(CrashRecoveryIT::duplicateFlag).toList());
            }
        });
        return duplicated;
    }

    private static String duplicateFlag(InboxMessage receipt) {
        try {
            return Json.text(receipt.json(), "/payload/duplicate");
        } catch (RuntimeException notJson) {
            return "not JSON";
        }
    }

    private static List<String> strays(Set<String> expected, Map<String, List<InboxMessage>> received) {
        return received.entrySet().stream()
                .filter(entry -> !expected.contains(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream())
                .map(InboxMessage::toString)
                .toList();
    }
}

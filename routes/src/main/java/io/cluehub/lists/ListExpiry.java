package io.cluehub.lists;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.routing.ListSubscriptions;
import io.cluehub.workflow.HubNotice;
import io.cluehub.workflow.HubNotices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entries whose {@code effectiveTo} has passed drop out of their list on their own. Each run, per list and in one
 * database transaction: take the list's row lock, claim the due entries (a conditional update from active to expired,
 * so two hub instances never expire one twice), raise the version by one, keep the change in the history and emit a
 * {@code list.expired} notice (sender CLUEHUB) to the list's subscribers and the entries' owners, which
 * {@link HubNotices#emit} archives and sends after the commit, exactly once even across a crash. Entries that passed
 * while the hub was down are expired by the first run after it starts.
 */
@Component
public class ListExpiry {

    static final String LIST_EXPIRED = "list.expired";
    private static final Logger LOG = LoggerFactory.getLogger(ListExpiry.class);
    /** At most this many entries per notice (the schema's limit); more are expired by the next run. */
    static final int MAX_PER_RUN = 500;
    static final List<String> LISTS = List.of(ListSubscriptions.SERIOUS_VIOLATORS, ListSubscriptions.BLACKLIST,
            ListSubscriptions.PLATFORM_REPORT);

    private final ListStore store;
    private final HubNotices notices;
    private final Directory directory;
    private final TransactionTemplate databaseTransaction;
    private final JsonMapper json;
    private final Clock clock;

    public ListExpiry(ListStore store, HubNotices notices, Directory directory, TransactionTemplate databaseTransaction,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.directory = directory;
        this.databaseTransaction = databaseTransaction;
        this.json = json;
        this.clock = clock;
    }

    /** One run over every list; returns the number of entries expired. */
    public int sweep() {
        int expired = 0;
        for (String list : LISTS) {
            expired += databaseTransaction.execute(status -> expire(list, clock.instant()));
        }
        return expired;
    }

    private int expire(String list, Instant now) {
        long current = store.lockVersion(list);
        List<ListStore.Due> due = store.due(list, now, MAX_PER_RUN);
        if (due.isEmpty()) {
            return 0;
        }
        long version = current + 1;
        Set<String> owners = new LinkedHashSet<>();
        Set<String> divisions = new LinkedHashSet<>();
        ObjectNode payload = json.createObjectNode();
        payload.put("list", list);
        payload.put("version", version);
        ArrayNode expired = payload.putArray("expired");
        for (ListStore.Due entry : due) {
            if (!store.expire(list, entry.owner(), entry.entryId(), version, now)) {
                throw new IllegalStateException("Entry " + entry.owner() + "/" + entry.entryId() + " of " + list
                        + " changed while it was being expired");
            }
            owners.add(entry.owner());
            if (entry.divisionCode() != null) {
                divisions.add(entry.divisionCode());
            }
            ObjectNode item = expired.addObject();
            item.put("owner", entry.owner());
            item.put("entryId", entry.entryId());
            item.put("effectiveTo", entry.effectiveTo());
        }
        long seq = notices.emit(new HubNotice(LIST_EXPIRED, "list-expired:" + list + ":" + version,
                recipients(list, divisions, owners), null, null, "internal", payload));
        for (ListStore.Due entry : due) {
            store.history(list, version, entry.owner(), entry.entryId(), "expire", null, seq, now, null);
        }
        store.bump(list, current, version, now);
        LOG.info("{} entries of {} expired; version {} (notice at archive entry {})", due.size(), list, version, seq);
        return due.size();
    }

    /** The list's subscribers and the entries' owners, each as the connected office its mail goes to. */
    private List<String> recipients(String list, Set<String> divisions, Set<String> owners) {
        Set<String> to = new LinkedHashSet<>();
        for (Office office : ListSubscriptions.subscribers(directory, list, divisions)) {
            Office target = directory.deliveryOfficeOrNull(office);
            if (target != null) {
                to.add(target.id());
            }
        }
        for (String owner : owners) {
            directory.find(owner).map(directory::deliveryOfficeOrNull).ifPresent(target -> to.add(target.id()));
        }
        return new ArrayList<>(to);
    }
}

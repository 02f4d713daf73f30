package io.cluehub.lists;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.ArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shared list as of now, one page at a time: {@code {list, version, asOf, entries: [{owner, entryId, version, entry}],
 * next}}. A page is read under the list's row lock, so its entries are exactly those of its version. Pages follow the
 * order (owner, entryId); {@code next} is the cursor {@code <owner>/<entryId>} of the page's last entry, absent on the
 * last page. A reader that pages resumes deltas from the first page's version: every entry is keyed, so applying the
 * changes after that version to the assembled pages gives the current list.
 */
@Component
public class ListSnapshots {

    private final ListStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final ListProperties properties;
    private final TransactionTemplate databaseTransaction;

    public ListSnapshots(ListStore store, JsonMapper json, Clock clock, ListProperties properties,
            TransactionTemplate databaseTransaction) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.databaseTransaction = databaseTransaction;
    }

    /** A page in a transaction of its own (REST). */
    public ListPage page(String list, String after, int limit) {
        return databaseTransaction.execute(status -> pageInTransaction(list, after, limit, Integer.MAX_VALUE));
    }

    /**
     * A page inside the caller's transaction (a {@code list.request}'s decision), at most {@code limit} entries and,
     * after the first, at most {@code maxBytes} bytes of entries.
     */
    public ListPage pageInTransaction(String list, String after, int limit, int maxBytes) {
        long version = store.lockVersion(list);
        String afterOwner = null;
        String afterEntryId = null;
        if (after != null) {
            int slash = after.indexOf('/');
            afterOwner = slash < 0 ? after : after.substring(0, slash);
            afterEntryId = slash < 0 ? "" : after.substring(slash + 1);
        }
        List<ListStore.Entry> entries = store.current(list, afterOwner, afterEntryId, limit + 1);
        List<ListPage.Item> items = new ArrayList<>();
        int bytes = 0;
        ListStore.Entry last = null;
        boolean more = false;
        for (ListStore.Entry entry : entries) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            int size = entry.body().getBytes(StandardCharsets.UTF_8).length + 160;
            if (!items.isEmpty() && bytes + size > maxBytes) {
                more = true;
                break;
            }
            bytes += size;
            items.add(new ListPage.Item(entry.owner(), entry.entryId(), entry.version(), json.readTree(entry.body())));
            last = entry;
        }
        return new ListPage(list, version, clock.instant().toString(), items,
                more && last != null ? last.owner() + "/" + last.entryId() : null);
    }

    public ListProperties properties() {
        return properties;
    }
}

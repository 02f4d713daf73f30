package io.cluehub.lists;

import io.cluehub.directory.Directory;
import io.cluehub.web.CallerOffice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared lists over REST, for any connected office's {@code case-officer} or {@code agency-system} user and for
 * overseers (investigator, auditor, operator): the list as of now ({@code GET /api/v1/lists/{name}?after=&limit=}) and
 * its changes after a version ({@code GET /api/v1/lists/{name}/changes?since=&limit=}). Both hold subject identifiers:
 * every read is logged with caller, list, version and count, never with entry contents.
 */
@RestController
@RequestMapping("/api/v1/lists")
public class ListController {

    private static final Logger LOG = LoggerFactory.getLogger(ListController.class);
    static final int MAX_LIMIT = 1000;
    static final int MAX_VERSIONS = 100;

    private final ListSnapshots snapshots;
    private final ListStore store;
    private final CallerOffice callerOffice;
    private final Directory directory;
    private final TransactionTemplate databaseTransaction;
    private final JsonMapper json;

    public ListController(ListSnapshots snapshots, ListStore store, CallerOffice callerOffice, Directory directory,
            TransactionTemplate databaseTransaction, JsonMapper json) {
        this.snapshots = snapshots;
        this.store = store;
        this.callerOffice = callerOffice;
        this.directory = directory;
        this.databaseTransaction = databaseTransaction;
        this.json = json;
    }

    @GetMapping("/{name}")
    public ListPage snapshot(@PathVariable String name, @RequestParam Optional<String> after,
            @RequestParam Optional<Integer> limit, Authentication caller) {
        String reader = reader(caller, name);
        int size = limit.orElse(snapshots.properties().pageSize());
        if (size < 1 || size > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        ListPage page = snapshots.page(name, after.filter(a -> !a.isBlank()).orElse(null), size);
        LOG.info("List {} read by {}: version {}, {} entries{}", name, reader, page.version(), page.entries().size(),
                page.next() == null ? "" : " (more follow)");
        return page;
    }

    @GetMapping("/{name}/changes")
    public ListChanges changes(@PathVariable String name, @RequestParam long since,
            @RequestParam Optional<Integer> limit, Authentication caller) {
        String reader = reader(caller, name);
        int versions = limit.orElse(MAX_VERSIONS);
        if (since < 0 || versions < 1 || versions > MAX_VERSIONS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "since must be 0 or more and limit between 1 and " + MAX_VERSIONS + " versions");
        }
        ListChanges changes = databaseTransaction.execute(status -> {
            long current = store.version(name);
            long upTo = Math.min(current, since + versions);
            List<ListChanges.Item> items = new ArrayList<>();
            for (ListStore.Change c : store.changes(name, since, upTo)) {
                items.add(new ListChanges.Item(c.version(), c.action(), c.owner(), c.entryId(), c.messageId(),
                        c.archiveSeq(), c.at().toString(), c.body() == null ? null : json.readTree(c.body())));
            }
            return new ListChanges(name, current, since, items, upTo < current ? upTo : null);
        });
        LOG.info("List {} changes after version {} read by {}: {} items up to version {}", name, since, reader,
                changes.changes().size(), changes.next() == null ? changes.version() : changes.next());
        return changes;
    }

    /** The caller's name for the log; refuses callers who may not read lists, and lists that do not exist. */
    private String reader(Authentication caller, String list) {
        if (!ListExpiry.LISTS.contains(list)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No shared list '" + list + "'; the lists are "
                    + ListExpiry.LISTS);
        }
        if (callerOffice.oversees(caller)) {
            return caller.getName();
        }
        Optional<String> office = callerOffice.office(caller);
        if (office.isEmpty() || !directory.isConnected(office.get())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Shared lists are read by connected offices and overseers");
        }
        return office.get();
    }
}

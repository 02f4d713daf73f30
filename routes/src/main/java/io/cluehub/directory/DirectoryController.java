package io.cluehub.directory;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Looks up an office: whether it is connected, how, and which office would receive its mail. */
@RestController
@RequestMapping("/api/v1/directory")
public class DirectoryController {

    private final Directory directory;

    public DirectoryController(Directory directory) {
        this.directory = directory;
    }

    public record OfficeView(String id, String department, String departmentName, String level, String divisionCode,
            String divisionName, String parentId, boolean connected, Connection connection, String deliveryOffice,
            boolean fallback) {
    }

    @GetMapping("/offices/{officeId}")
    public OfficeView office(@PathVariable String officeId) {
        Office office = directory.find(officeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "'" + officeId + "' is not an office: use <DEPT>-<GB/T 2260 division code>, e.g. SAMR-330106"));
        Optional<Office> delivery = directory.deliveryOffice(office);
        String deliveryId = delivery.map(Office::id).orElse(null);
        return new OfficeView(office.id(), office.department().name(), office.department().title(),
                office.level().name().toLowerCase(java.util.Locale.ROOT), office.divisionCode(), office.divisionName(),
                office.parentId(), directory.isConnected(office.id()), directory.connection(office.id()).orElse(null),
                deliveryId, deliveryId != null && !deliveryId.equals(office.id()));
    }
}

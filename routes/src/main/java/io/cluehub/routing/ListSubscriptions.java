package io.cluehub.routing;

import io.cluehub.directory.Connection;
import io.cluehub.directory.Department;
import io.cluehub.directory.Directory;
import io.cluehub.directory.Level;
import io.cluehub.directory.Office;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who receives an {@code info.share} that names no recipients: the default subscribers of its list, plus every
 * connected office whose directory entry subscribes to it.
 * <ul>
 * <li>{@code serious-violators} (Art. 29, joint punishment) and {@code blacklist} (Art. 14): every national and
 * provincial office of the seven departments, since joint punishment is decided and coordinated at those levels;</li>
 * <li>{@code platform-report} (Art. 9, 14): the CAC and SAMR offices of the reported division(s) and their ancestors:
 * platforms report to the cyberspace and market regulators where they are registered.</li>
 * </ul>
 */
public final class ListSubscriptions {

    public static final String SERIOUS_VIOLATORS = "serious-violators";
    public static final String BLACKLIST = "blacklist";
    public static final String PLATFORM_REPORT = "platform-report";

    private ListSubscriptions() {
    }

    /**
     * The subscriber offices of a list (connected or not; the caller routes each to its delivery office).
     *
     * @param divisionCodes for {@code platform-report}: the divisions the entries concern
     */
    public static List<Office> subscribers(Directory directory, String list, Collection<String> divisionCodes) {
        Set<Office> offices = new LinkedHashSet<>();
        switch (list) {
            case SERIOUS_VIOLATORS, BLACKLIST -> {
                for (Department department : Department.values()) {
                    offices.addAll(directory.offices(department, Level.NATIONAL, null));
                    offices.addAll(directory.offices(department, Level.PROVINCE, null));
                }
            }
            case PLATFORM_REPORT -> {
                for (String division : divisionCodes) {
                    for (Department department : List.of(Department.CAC, Department.SAMR)) {
                        directory.find(department.name() + "-" + division)
                                .ifPresent(office -> offices.addAll(directory.lineage(office)));
                    }
                }
                if (divisionCodes.isEmpty()) {
                    offices.addAll(directory.offices(Department.CAC, Level.NATIONAL, null));
                    offices.addAll(directory.offices(Department.SAMR, Level.NATIONAL, null));
                }
            }
            default -> {
                // Unknown lists are refused by the schema; nothing subscribes to them.
            }
        }
        for (Connection connection : directory.connections()) {
            if (connection.subscriptions().contains(list)) {
                directory.find(connection.officeId()).ifPresent(offices::add);
            }
        }
        return new ArrayList<>(offices);
    }
}

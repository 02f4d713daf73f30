package io.cluehub.directory;

import io.cluehub.schemas.divisions.Division;
import io.cluehub.schemas.divisions.Divisions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every office of the seven departments (DESIGN.md §2) and which of them are connected. Offices are derived from the
 * GB/T 2260 divisions, not stored one by one: {@code SAMR-330106} exists because 330106 is a county-level division.
 * The connected offices are swapped as a whole when the operator's file is reloaded.
 */
public final class Directory {

    private static final Pattern OFFICE_ID = Pattern.compile("^(CAC|MPS|MOFCOM|MCT|STA|SAMR|NRTA)-([0-9]{6})$");

    private final Divisions divisions;
    // Swapped whole on reload; readers see the old or the new map, never a mix.
    private volatile Map<String, Connection> connections;

    public Directory(Divisions divisions, Map<String, Connection> connections) {
        this.divisions = divisions;
        this.connections = Map.copyOf(connections);
    }

    /** Takes over the connected offices of a freshly read directory (hot reload). */
    public void replaceConnections(Directory fresh) {
        this.connections = fresh.connections;
    }

    public Divisions divisions() {
        return divisions;
    }

    /** The office with this id, if the department and division exist. */
    public Optional<Office> find(String officeId) {
        if (officeId == null) {
            return Optional.empty();
        }
        var matcher = OFFICE_ID.matcher(officeId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Department department = Department.valueOf(matcher.group(1));
        String divisionCode = matcher.group(2);
        if (Office.NATIONAL_DIVISION.equals(divisionCode)) {
            return Optional.of(new Office(officeId, department, Level.NATIONAL, divisionCode, "全国", null));
        }
        return divisions.find(divisionCode).map(division -> office(department, division));
    }

    private Office office(Department department, Division division) {
        String parentDivision = division.parentCode() == null ? Office.NATIONAL_DIVISION : division.parentCode();
        return new Office(department.name() + "-" + division.code(), department, level(division), division.code(),
                division.name(), department.name() + "-" + parentDivision);
    }

    private static Level level(Division division) {
        return switch (division.level()) {
            case PROVINCE -> Level.PROVINCE;
            case CITY -> Level.CITY;
            case COUNTY -> Level.COUNTY;
        };
    }

    public Optional<Connection> connection(String officeId) {
        return Optional.ofNullable(connections.get(officeId));
    }

    public boolean isConnected(String officeId) {
        return connections.containsKey(officeId);
    }

    public Collection<Connection> connections() {
        return connections.values();
    }

    /**
     * The office that receives mail addressed to {@code office}: itself if connected, else its nearest connected
     * ancestor of the same department (county → city → province → national); empty if none is connected.
     */
    public Optional<Office> deliveryOffice(Office office) {
        Office current = office;
        while (current != null) {
            if (isConnected(current.id())) {
                return Optional.of(current);
            }
            current = current.parentId() == null ? null : find(current.parentId()).orElse(null);
        }
        return Optional.empty();
    }

    /**
     * Every office of a department at a level within a region: the region division itself and every division under
     * it ({@code null} region: the whole country, national office included).
     */
    public List<Office> offices(Department department, Level level, String regionCode) {
        List<Office> result = new java.util.ArrayList<>();
        if (level == Level.NATIONAL) {
            if (regionCode == null || Office.NATIONAL_DIVISION.equals(regionCode)) {
                find(department.name() + "-" + Office.NATIONAL_DIVISION).ifPresent(result::add);
            }
            return result;
        }
        for (Division division : divisions.all()) {
            if (level(division) == level && within(division, regionCode)) {
                result.add(office(department, division));
            }
        }
        return result;
    }

    private boolean within(Division division, String regionCode) {
        if (regionCode == null || Office.NATIONAL_DIVISION.equals(regionCode)) {
            return true;
        }
        for (Division d = division; d != null; d = d.parentCode() == null ? null : divisions.find(d.parentCode()).orElse(null)) {
            if (d.code().equals(regionCode)) {
                return true;
            }
        }
        return false;
    }

    /** The chain from the office up to its national office, the office first. */
    public List<Office> lineage(Office office) {
        var chain = new java.util.ArrayList<Office>();
        for (Office current = office; current != null;
                current = current.parentId() == null ? null : find(current.parentId()).orElse(null)) {
            chain.add(current);
        }
        return chain;
    }
}

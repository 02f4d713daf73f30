package io.cluehub.directory;

import io.cluehub.schemas.divisions.Division;
import io.cluehub.schemas.divisions.Divisions;
import io.cluehub.security.signature.OfficeKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every office of the seven departments (DESIGN.md §2) and which of them are connected. The office universe is derived
 * once from the GB/T 2260 divisions ({@code SAMR-330106} exists because 330106 is a county-level division); the
 * connected offices, and the office that receives each office's mail, are swapped as a whole when the operator's file
 * is reloaded, so readers see the old or the new directory, never a mix.
 */
public final class Directory {

    private final Divisions divisions;
    private final Map<String, Office> offices;
    private final Map<Department, Map<Level, List<Office>>> byDepartmentAndLevel;
    private final Map<Department, Map<String, Office>> byDepartmentAndDivision;
    private volatile State state;

    /** The connected offices and, for every office, where its mail goes (itself or its nearest connected ancestor). */
    private record State(Map<String, Connection> connections, Map<String, Office> deliveryOffices,
            Map<String, OfficeKey> keysById) {
    }

    public Directory(Divisions divisions, Map<String, Connection> connections) {
        this.divisions = divisions;
        this.offices = universe(divisions);
        this.byDepartmentAndLevel = index(offices.values());
        this.byDepartmentAndDivision = new EnumMap<>(Department.class);
        for (Office office : offices.values()) {
            byDepartmentAndDivision.computeIfAbsent(office.department(), d -> new HashMap<>())
                    .put(office.divisionCode(), office);
        }
        this.state = state(Map.copyOf(connections));
    }

    private static Map<String, Office> universe(Divisions divisions) {
        Map<String, Office> offices = new HashMap<>(8 * (divisions.all().size() + 1) * 4 / 3);
        for (Department department : Department.values()) {
            String national = department.name() + "-" + Office.NATIONAL_DIVISION;
            offices.put(national, new Office(national, department, Level.NATIONAL, Office.NATIONAL_DIVISION, "全国", null));
            for (Division division : divisions.all()) {
                String parentDivision = division.parentCode() == null ? Office.NATIONAL_DIVISION : division.parentCode();
                String id = department.name() + "-" + division.code();
                offices.put(id, new Office(id, department, level(division), division.code(), division.name(),
                        department.name() + "-" + parentDivision));
            }
        }
        return Map.copyOf(offices);
    }

    private static Map<Department, Map<Level, List<Office>>> index(Collection<Office> offices) {
        Map<Department, Map<Level, List<Office>>> index = new EnumMap<>(Department.class);
        for (Office office : offices) {
            index.computeIfAbsent(office.department(), d -> new EnumMap<>(Level.class))
                    .computeIfAbsent(office.level(), l -> new ArrayList<>()).add(office);
        }
        return index;
    }

    private static Level level(Division division) {
        return switch (division.level()) {
            case PROVINCE -> Level.PROVINCE;
            case CITY -> Level.CITY;
            case COUNTY -> Level.COUNTY;
        };
    }

    private State state(Map<String, Connection> connections) {
        Map<String, Office> delivery = new HashMap<>(offices.size() * 4 / 3 + 1);
        for (Office office : offices.values()) {
            for (Office current = office; current != null; current = parent(current)) {
                if (connections.containsKey(current.id())) {
                    delivery.put(office.id(), current);
                    break;
                }
            }
        }
        Map<String, OfficeKey> keys = new HashMap<>();
        for (Connection connection : connections.values()) {
            for (OfficeKey key : connection.keys()) {
                if (keys.putIfAbsent(key.kid(), key) != null) {
                    throw new DirectoryException("key id " + key.kid() + " is listed twice");
                }
            }
        }
        return new State(connections, delivery, Map.copyOf(keys));
    }

    private Office parent(Office office) {
        return office.parentId() == null ? null : offices.get(office.parentId());
    }

    /** Takes over the connected offices of a freshly read directory (hot reload). */
    public void replaceConnections(Directory fresh) {
        this.state = fresh.state;
    }

    /** A connected office's signing key by key id, from the directory file. */
    public Optional<OfficeKey> signingKey(String kid) {
        return Optional.ofNullable(state.keysById().get(kid));
    }

    public Divisions divisions() {
        return divisions;
    }

    /** The office with this id, if the department and division exist. */
    public Optional<Office> find(String officeId) {
        return officeId == null ? Optional.empty() : Optional.ofNullable(offices.get(officeId));
    }

    /** The office of a department for a division ({@code 000000}: national), or {@code null}; no id is built. */
    public Office office(Department department, String divisionCode) {
        return byDepartmentAndDivision.get(department).get(divisionCode);
    }

    /** Like {@link #deliveryOffice(Office)}, {@code null} when no office on the way up is connected. */
    public Office deliveryOfficeOrNull(Office office) {
        return state.deliveryOffices().get(office.id());
    }

    /** How many offices exist: 7 departments × (national office + every division). */
    public int size() {
        return offices.size();
    }

    public Optional<Connection> connection(String officeId) {
        return Optional.ofNullable(state.connections().get(officeId));
    }

    public boolean isConnected(String officeId) {
        return state.connections().containsKey(officeId);
    }

    public Collection<Connection> connections() {
        return state.connections().values();
    }

    /**
     * The office that receives mail addressed to {@code office}: itself if connected, else its nearest connected
     * ancestor of the same department (county → city → province → national); empty if none is connected.
     */
    public Optional<Office> deliveryOffice(Office office) {
        return Optional.ofNullable(state.deliveryOffices().get(office.id()));
    }

    /**
     * Every office of a department at a level within a region: the region division itself and every division under
     * it ({@code null} or {@code 000000}: the whole country).
     */
    public List<Office> offices(Department department, Level level, String regionCode) {
        List<Office> candidates = byDepartmentAndLevel.getOrDefault(department, Map.of()).getOrDefault(level, List.of());
        if (regionCode == null || Office.NATIONAL_DIVISION.equals(regionCode)) {
            return candidates;
        }
        List<Office> result = new ArrayList<>();
        for (Office office : candidates) {
            if (within(office, regionCode)) {
                result.add(office);
            }
        }
        return result;
    }

    private boolean within(Office office, String regionCode) {
        for (Office current = office; current != null; current = parent(current)) {
            if (current.divisionCode().equals(regionCode)) {
                return true;
            }
        }
        return false;
    }

    /** The chain from the office up to its national office, the office first. */
    public List<Office> lineage(Office office) {
        List<Office> chain = new ArrayList<>();
        for (Office current = office; current != null; current = parent(current)) {
            chain.add(current);
        }
        return chain;
    }
}

package io.cluehub.directory;

/**
 * One office of one department for one division: {@code <DEPT>-<division>}, with {@code 000000} for the national
 * office. {@code parentId} is the office one level up in the same department ({@code null} for the national office).
 */
public record Office(String id, Department department, Level level, String divisionCode, String divisionName,
        String parentId) {

    public static final String NATIONAL_DIVISION = "000000";
}

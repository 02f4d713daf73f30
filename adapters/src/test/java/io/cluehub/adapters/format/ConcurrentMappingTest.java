package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One registry serves every consumer thread of the hub: formats are shared and mapped concurrently. */
class ConcurrentMappingTest {

    @Test
    void manyThreadsMapThroughTheSameFormatsWithoutInterfering() throws Exception {
        AgencyFormat samr = TestFiles.format("samr-json");
        AgencyFormat mps = TestFiles.format("mps-xml");
        AgencyFormat sta = TestFiles.format("sta-csv");
        byte[] samrBody = TestFiles.bytes("agency/samr-json/clue.transfer.json");
        byte[] mpsBody = TestFiles.bytes("agency/mps-xml/clue.transfer.xml");
        byte[] staBody = TestFiles.bytes("agency/sta-csv/batch.csv");
        JsonNode samrExpected = TestFiles.json("agency/samr-json/clue.transfer.expected.json");
        JsonNode mpsExpected = TestFiles.json("agency/mps-xml/clue.transfer.expected.json");
        JsonNode staExpected = TestFiles.json("agency/sta-csv/batch.expected.json");
        byte[] full = TestFiles.bytes("canonical/clue.transfer-full.json");
        JsonNode fullJson = TestFiles.json(full);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    int checked = 0;
                    for (int i = 0; i < 60; i++) {
                        switch ((thread + i) % 4) {
                            case 0 -> assertThat(TestFiles.json(samr.toCanonical(samrBody).get(0)))
                                    .isEqualTo(samrExpected);
                            case 1 -> assertThat(TestFiles.json(mps.toCanonical(mpsBody).get(0)))
                                    .isEqualTo(mpsExpected);
                            case 2 -> assertThat(TestFiles.json(sta.toCanonical(staBody).get(2)))
                                    .isEqualTo(staExpected.get(2));
                            default -> assertThat(TestFiles.json(samr.toCanonical(samr.fromCanonical(full)).get(0)))
                                    .isEqualTo(fullJson);
                        }
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(work));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(480);
        } finally {
            pool.shutdownNow();
        }
    }
}

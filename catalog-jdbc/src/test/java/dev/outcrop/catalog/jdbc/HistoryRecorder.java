package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Records every acknowledged location write of a concurrent run, then checks that the catalog left behind
 * is the outcome of a serial history: for each location (by id) the acknowledged versions form one chain
 * 1, 2, ..., k with no version acknowledged twice (no lost update), a drop only at the end of its chain,
 * and the final row equal to the last acknowledged state, every field of it (no half-written row).
 */
final class HistoryRecorder {

    /** One acknowledged write: the state it left, or a drop of {@code version}. */
    record Acknowledged(String id, long version, String name, String token, boolean drop) {}

    private final ConcurrentLinkedQueue<Acknowledged> log = new ConcurrentLinkedQueue<>();

    /** A description and a sealed payload derived from one token, so a row mixing two writes shows. */
    static SealedSecret sealedFor(String token) {
        return new SealedSecret("k1", Base64.getEncoder().encodeToString(("sealed:" + token).getBytes(StandardCharsets.UTF_8)));
    }

    void written(LocationRecord stored) {
        assertThat(stored.credentials()).as("a returned record mixes two writes").isEqualTo(sealedFor(stored.description()));
        log.add(new Acknowledged(stored.id(), stored.version(), stored.locationName(), stored.description(), false));
    }

    void dropped(String id, long version) {
        log.add(new Acknowledged(id, version, null, null, true));
    }

    int size() {
        return log.size();
    }

    void assertSerialOutcome(List<LocationRecord> finalLocations) {
        Map<String, List<Acknowledged>> byId = log.stream().collect(Collectors.groupingBy(Acknowledged::id));
        Map<String, LocationRecord> finalById = finalLocations.stream().collect(Collectors.toMap(LocationRecord::id, l -> l));
        assertThat(finalLocations).extracting(LocationRecord::locationName).as("no duplicate name").doesNotHaveDuplicates();
        assertThat(finalById.keySet()).as("every stored location was acknowledged").isSubsetOf(byId.keySet());

        for (Map.Entry<String, List<Acknowledged>> entry : byId.entrySet()) {
            String id = entry.getKey();
            List<Acknowledged> states = entry.getValue().stream().filter(a -> !a.drop())
                    .sorted(Comparator.comparingLong(Acknowledged::version)).toList();
            List<Acknowledged> drops = entry.getValue().stream().filter(Acknowledged::drop).toList();
            List<Long> versions = states.stream().map(Acknowledged::version).toList();
            List<Long> chain = new ArrayList<>();
            for (long v = 1; v <= states.size(); v++) {
                chain.add(v);
            }
            assertThat(versions).as("versions acknowledged for location %s: one chain, none twice", id).isEqualTo(chain);
            assertThat(drops).as("drops of location %s", id).hasSizeLessThanOrEqualTo(1);
            Acknowledged last = states.get(states.size() - 1);
            if (drops.isEmpty()) {
                LocationRecord stored = finalById.get(id);
                assertThat(stored).as("location %s, acknowledged and never dropped, is still there", id).isNotNull();
                assertThat(stored.version()).isEqualTo(last.version());
                assertThat(stored.locationName()).isEqualTo(last.name());
                assertThat(stored.description()).isEqualTo(last.token());
                assertThat(stored.credentials()).isEqualTo(sealedFor(last.token()));
            }
            else {
                assertThat(drops.get(0).version()).as("location %s was dropped at its last version", id).isEqualTo(last.version());
                assertThat(finalById).as("dropped location %s is gone", id).doesNotContainKey(id);
            }
        }
        Set<String> names = finalLocations.stream().map(LocationRecord::locationName).collect(Collectors.toSet());
        assertThat(names).hasSize(finalLocations.size());
    }
}

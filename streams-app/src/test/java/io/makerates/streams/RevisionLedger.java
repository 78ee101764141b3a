package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.ConsensusRate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * The silver records a run published, checked against the revision contract: for every key the
 * revisions are 1, 2, 3... in publication order, each number names one record, and a record is
 * published only when it differs from the one before it.
 */
final class RevisionLedger {

  private final Map<String, ConsensusRate> last = new TreeMap<>();

  /** Checks every record in publication order; returns the last record of each key. */
  static Map<String, ConsensusRate> check(List<KeyValue<String, ConsensusRate>> published) {
    RevisionLedger ledger = new RevisionLedger();
    Map<String, String> named = new HashMap<>();
    for (KeyValue<String, ConsensusRate> kv : published) {
      ConsensusRate before = ledger.last.put(kv.key, kv.value);
      String record = Fingerprints.record(kv.value);
      String earlier = named.putIfAbsent(kv.key + "#" + kv.value.getRevision(), record);
      assertThat(earlier)
          .as("%s revision %d names one record", kv.key, kv.value.getRevision())
          .isIn(null, record);
      if (before == null) {
        assertThat(kv.value.getRevision()).as("%s starts at 1", kv.key).isEqualTo(1);
      } else {
        assertThat(kv.value.getRevision())
            .as("%s after revision %d", kv.key, before.getRevision())
            .isEqualTo(before.getRevision() + 1);
        assertThat(withoutRevision(kv.value))
            .as("%s revision %d changes something", kv.key, kv.value.getRevision())
            .isNotEqualTo(withoutRevision(before));
      }
    }
    return ledger.last;
  }

  /** The record as its content: what any arrival order of the same answers ends with. */
  static ConsensusRate withoutRevision(ConsensusRate rate) {
    return ConsensusRate.newBuilder(rate).setRevision(0).build();
  }
}

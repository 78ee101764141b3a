package io.makerates.streams;

import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.streams.history.HistoryCheck;
import io.makerates.streams.history.PegTable;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * bronze → validate → history check (per source) → observations / rejections, then observations →
 * consensus (per day) → pair rates. Built with the Processor API so that every node and the store
 * carry a stable name (state and changelog topic names derive from them, so renaming one is a
 * migration).
 */
public final class RatesTopology {

  public static final String BRONZE_SOURCE = "bronze-source";
  public static final String VALIDATE = "validate-bronze";
  public static final String HISTORY = "check-source-history";
  public static final String HISTORY_STORE = "source-history-store";
  public static final String ANSWERS_STORE = "source-answers-store";
  public static final String OBSERVATIONS_SINK = "observations-sink";
  public static final String REJECTIONS_SINK = "rejections-sink";
  public static final String OBSERVATIONS_SOURCE = "observations-source";
  public static final String CONSENSUS = "consensus";
  public static final String CONSENSUS_STORE = "consensus-day-store";
  public static final String RATES_SINK = "rates-sink";

  private RatesTopology() {}

  public static Topology build(RatesSerdes serdes, RatesSettings settings) {
    BronzeValidator validator =
        new BronzeValidator(
            BronzeValidator.knownParsers(),
            settings.groups(),
            settings.validation(),
            CurrencyTable.iso4217());
    HistoryCheck history =
        new HistoryCheck(settings.history(), PegTable.bundled(), CurrencyTable.iso4217());
    ConsensusDay day =
        new ConsensusDay(
            new Consensus(settings.consensus()),
            settings.derivedBases(),
            settings.replay(),
            settings.history());
    Topology topology = new Topology();

    topology.addSource(
        BRONZE_SOURCE,
        serdes.bronze().keySerde().deserializer(),
        serdes.bronze().valueSerde().deserializer(),
        serdes.bronze().name());
    topology.addProcessor(
        VALIDATE,
        () -> new ValidateBronzeProcessor(validator, HISTORY, REJECTIONS_SINK),
        BRONZE_SOURCE);
    // on the bronze partitions, keyed by source: a source's whole history is in one task
    topology.addProcessor(
        HISTORY, () -> new SourceHistoryProcessor(history, HISTORY_STORE, ANSWERS_STORE), VALIDATE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(HISTORY_STORE), Serdes.String(), serdes.sourceHistory()),
        HISTORY);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ANSWERS_STORE), Serdes.String(), serdes.sourceAnswers()),
        HISTORY);
    topology.addSink(
        OBSERVATIONS_SINK,
        serdes.observations().name(),
        serdes.observations().keySerde().serializer(),
        serdes.observations().valueSerde().serializer(),
        new DatePartitioner(),
        HISTORY);
    topology.addSink(
        REJECTIONS_SINK,
        serdes.rejected().name(),
        serdes.rejected().keySerde().serializer(),
        serdes.rejected().valueSerde().serializer(),
        VALIDATE);

    // Reads the topic written above: DatePartitioner puts a whole day on one partition, so no
    // repartition is needed.
    topology.addSource(
        OBSERVATIONS_SOURCE,
        serdes.observations().keySerde().deserializer(),
        serdes.observations().valueSerde().deserializer(),
        serdes.observations().name());
    topology.addProcessor(
        CONSENSUS, () -> new ConsensusProcessor(day, CONSENSUS_STORE), OBSERVATIONS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CONSENSUS_STORE), Serdes.String(), serdes.dayState()),
        CONSENSUS);
    topology.addSink(
        RATES_SINK,
        serdes.rates().name(),
        serdes.rates().keySerde().serializer(),
        serdes.rates().valueSerde().serializer(),
        CONSENSUS);
    return topology;
  }
}

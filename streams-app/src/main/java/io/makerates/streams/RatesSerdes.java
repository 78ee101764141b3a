package io.makerates.streams;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.SourceDayAnswers;
import io.makerates.schema.internal.SourceHistoryDay;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the topology reads and writes, and the serdes of its state stores. Taken as a
 * parameter so that tests can run the real topology with registry-free Avro serdes.
 */
public record RatesSerdes(
    TopicDescriptor<String, BronzeExtraction> bronze,
    TopicDescriptor<String, RateObservations> observations,
    TopicDescriptor<String, ConsensusRate> rates,
    TopicDescriptor<String, Rejection> rejected,
    Serde<ConsensusDayState> dayState,
    Serde<SourceHistoryDay> sourceHistory,
    Serde<SourceDayAnswers> sourceAnswers) {

  /** Makes an Avro value serde for one record class. */
  @FunctionalInterface
  public interface AvroSerdeFactory {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);
  }

  public static RatesSerdes with(AvroSerdeFactory avro) {
    return new RatesSerdes(
        new TopicDescriptor<>(
            TopicNames.BRONZE, Serdes.String(), avro.serde(BronzeExtraction.class)),
        new TopicDescriptor<>(
            TopicNames.OBSERVATIONS, Serdes.String(), avro.serde(RateObservations.class)),
        new TopicDescriptor<>(TopicNames.RATES, Serdes.String(), avro.serde(ConsensusRate.class)),
        new TopicDescriptor<>(TopicNames.REJECTED, Serdes.String(), avro.serde(Rejection.class)),
        avro.serde(ConsensusDayState.class),
        avro.serde(SourceHistoryDay.class),
        avro.serde(SourceDayAnswers.class));
  }

  /** Production: Avro through the schema registry, Confluent wire format. */
  public static RatesSerdes registry(AvroSerdes avroSerdes) {
    return with(
        new AvroSerdeFactory() {
          @Override
          public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            return avroSerdes.valueSerde();
          }
        });
  }
}

package io.makerates.runtime.kafka;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.GoldRate;
import io.makerates.schema.QuotaUsage;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One typed descriptor per topic of the contract: keys are strings, values Avro through the
 * registry.
 */
public final class Topics {

  public final TopicDescriptor<String, BronzeExtraction> bronze;
  public final TopicDescriptor<String, RateObservations> observations;
  public final TopicDescriptor<String, ConsensusRate> rates;
  public final TopicDescriptor<String, Rejection> rejected;
  public final TopicDescriptor<String, GoldRate> gold;
  public final TopicDescriptor<String, QuotaUsage> quota;

  public Topics(AvroSerdes serdes) {
    bronze = new TopicDescriptor<>(TopicNames.BRONZE, Serdes.String(), serdes.valueSerde());
    observations =
        new TopicDescriptor<>(TopicNames.OBSERVATIONS, Serdes.String(), serdes.valueSerde());
    rates = new TopicDescriptor<>(TopicNames.RATES, Serdes.String(), serdes.valueSerde());
    rejected = new TopicDescriptor<>(TopicNames.REJECTED, Serdes.String(), serdes.valueSerde());
    gold = new TopicDescriptor<>(TopicNames.GOLD, Serdes.String(), serdes.valueSerde());
    quota = new TopicDescriptor<>(TopicNames.QUOTA, Serdes.String(), serdes.valueSerde());
  }
}

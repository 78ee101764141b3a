package io.makerates.runtime.kafka;

/**
 * The topic names of the contract (README, "Contracts"): consumers subscribe to them, so changing
 * one breaks them.
 */
public final class TopicNames {
  public static final String BRONZE = "fx.bronze.extractions.v1";
  public static final String OBSERVATIONS = "fx.silver.observations.v1";
  public static final String RATES = "fx.silver.rates.v1";
  public static final String REJECTED = "fx.rejected.v1";
  public static final String GOLD = "fx.gold.rates.v1";
  public static final String QUOTA = "fx.extractor.quota.v1";

  private TopicNames() {}
}

package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Banks that republish the ECB's reference rates are the ECB's voice, not voices of their own:
 * Norges Bank (ECB crosses through EUR/NOK), HNB (the ECB's rates of the previous TARGET day) and
 * NBRM (ECB crosses through its EUR/MKD). The banks that fix their own rates keep their own group.
 */
class EcbRepublisherGroupsTest {

  @Test
  void theRepublishersOfTheEcbVoteAsTheEcb() {
    assertThat(SourceTypes.defaultGroups())
        .containsEntry("nb", "ECB")
        .containsEntry("hnb", "ECB")
        .containsEntry("nbrm", "ECB");
  }

  @Test
  void banksFixingTheirOwnRatesAreTheirOwnGroup() {
    assertThat(SourceTypes.defaultGroups())
        .containsEntry("nbm", "NBM")
        .containsEntry("tcmb", "TCMB")
        .containsEntry("bnm", "BNM")
        .containsEntry("hkma", "HKMA");
  }
}

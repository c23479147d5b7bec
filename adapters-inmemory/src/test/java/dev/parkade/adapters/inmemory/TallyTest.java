package dev.parkade.adapters.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import org.junit.jupiter.api.Test;

/**
 * A tally keeps counts only up to the highest class that has had a spot; every class above reads as
 * none, and a higher class joining keeps the counts of the lower ones.
 */
class TallyTest {
  private static final SpotFeatures EV = SpotFeatures.of(SpotFeature.EV_CHARGING);
  private static final SpotFeatures EV_WIDE =
      SpotFeatures.of(SpotFeature.EV_CHARGING, SpotFeature.WIDE);

  @Test
  void anEmptyTally_hasNoSpots_andNoClassFits() {
    assertFalse(Tally.EMPTY.hasSpots());
    assertEquals(-1, Tally.EMPTY.bestFreeRank(SpotFeatures.NONE));
    assertEquals(FacilityCounts.empty(FacilityId.DEFAULT), Tally.EMPTY.counts(FacilityId.DEFAULT));
  }

  @Test
  void anUntypedLot_countsItsClass_andReadsEveryOtherAsNone() {
    Tally tally = Tally.EMPTY.adjust(0, 10, 10).adjust(0, 0, -1);

    FacilityCounts counts = tally.counts(FacilityId.DEFAULT);
    assertEquals(new Occupancy(10, 9), counts.of(SpotFeatures.NONE));
    assertEquals(new Occupancy(0, 0), counts.of(EV_WIDE));
    assertEquals(new Occupancy(10, 9), counts.all());
    assertEquals(0, tally.bestFreeRank(SpotFeatures.NONE));
    assertEquals(-1, tally.bestFreeRank(EV), "no spot of a class the tally has never counted");
  }

  @Test
  void aHigherClassJoining_keepsTheLowerCounts() {
    Tally untyped = Tally.EMPTY.adjust(0, 2, 2);
    Tally both = untyped.adjust(EV_WIDE.mask(), 3, 3).adjust(0, 0, -2);

    FacilityCounts counts = both.counts(FacilityId.DEFAULT);
    assertEquals(new Occupancy(2, 0), counts.of(SpotFeatures.NONE));
    assertEquals(new Occupancy(3, 3), counts.of(EV_WIDE));
    assertEquals(new Occupancy(3, 3), counts.having(EV));
    assertEquals(new Occupancy(2, 2), untyped.counts(FacilityId.DEFAULT).all(), "left unchanged");
    assertEquals(EV_WIDE.mask(), BestFit.maskAt(EV, both.bestFreeRank(EV)));
    assertEquals(
        EV_WIDE.mask(),
        BestFit.maskAt(SpotFeatures.NONE, both.bestFreeRank(SpotFeatures.NONE)),
        "the plain spots are all taken: the next fitting class with one free");
    assertTrue(both.hasSpots());
  }

  @Test
  void everyAdjustment_isANewTally() {
    Tally tally = Tally.EMPTY.adjust(0, 1, 1);
    assertNotSame(tally, tally.adjust(0, 0, -1));
    assertNotSame(tally, tally.adjust(0, 0, 0));
  }
}

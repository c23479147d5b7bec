package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.LotImport;
import dev.parkade.domain.port.LotImport.NewSpot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LotImport} on a database: every spot and the facilities it names, or nothing. */
abstract class LotImportContract {
  private static final FacilityId HARBOUR = new FacilityId("harbour");
  private static final SpotFeatures EV = SpotFeatures.of(SpotFeature.EV_CHARGING);

  protected abstract TestDatabase database();

  @BeforeEach
  void emptyLot() {
    database().emptyStorage();
  }

  private JdbcParkingLot lot() {
    return database().storage().lot();
  }

  private static NewSpot spot(String facility, String id, SpotFeatures features) {
    return new NewSpot(new FacilityId(facility), new SpotId(id), features);
  }

  @Test
  void aLot_isLoadedWhole_creatingTheFacilitiesItNames() {
    List<NewSpot> spots = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) { // more than one chunk of ids
      spots.add(spot("harbour", "H-" + i, i % 10 == 0 ? EV : SpotFeatures.NONE));
    }
    spots.add(spot("default", "D-1", SpotFeatures.NONE));

    LotImport.Imported imported = lot().lotImport().load(spots);

    assertEquals(new LotImport.Imported(2_501, List.of(HARBOUR)), imported);
    assertEquals("harbour", lot().find(HARBOUR).orElseThrow().name());
    assertEquals(2_500, lot().counts(HARBOUR).orElseThrow().all().free());
    assertEquals(250, lot().counts(HARBOUR).orElseThrow().having(EV).total());
    assertEquals(2_501, lot().occupancy().total());
  }

  @Test
  void aSpotThatExists_refusesTheWholeLoad() {
    lot().add(List.of(new SpotId("D-1")));

    ParkingException refused =
        assertThrows(
            ParkingException.class,
            () ->
                lot()
                    .lotImport()
                    .load(
                        List.of(
                            spot("harbour", "H-1", EV),
                            spot("harbour", "H-2", SpotFeatures.NONE),
                            spot("default", "D-1", SpotFeatures.NONE))));

    assertEquals(ParkingFailure.SPOT_EXISTS, refused.failure());
    assertEquals(Optional.of("D-1"), refused.subject());
    assertEquals(Optional.empty(), lot().find(HARBOUR));
    assertEquals(1, lot().occupancy().total());
    assertEquals(1, lot().spots(Optional.empty(), 10).size());
  }
}

package dev.parkade.adapters.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parkade.domain.SpotId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A slot keeps its id as bytes; it must read back and order exactly as the id does. */
class SpotSlotTest {
  private static final FreeSpots HOME = new Site(dev.parkade.domain.Facility.DEFAULT).free(0);
  private static final String ALPHABET =
      "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  @Test
  void packedIds_readBack_andOrderAsSpotIdsDo() {
    List<SpotId> ids = new ArrayList<>();
    for (String edge :
        List.of(
            "a",
            "a-",
            "a.",
            "aa",
            "A",
            "_",
            "-",
            "z",
            "L1-001",
            "L1-0010",
            "L1-001a",
            "abcdefgh",
            "abcdefgh-",
            "abcdefghi",
            "abcdefghabcdefgh",
            "abcdefghabcdefgh0",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")) {
      ids.add(new SpotId(edge));
    }
    Random random = new Random(20261124);
    for (int i = 0; i < 300; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(SpotId.MAX_LENGTH);
      for (int c = 0; c < length; c++) {
        id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      ids.add(new SpotId(id.toString()));
    }

    for (SpotId a : ids) {
      SpotSlot slot = new SpotSlot(a, HOME, SpotSlot.Marker.FREE);
      assertEquals(a, slot.id());
      for (SpotId b : ids) {
        int expected = Integer.signum(a.compareTo(b));
        assertEquals(expected, Integer.signum(slot.compareTo(SpotSlot.bytesOf(b))), a + " vs " + b);
        assertEquals(
            expected,
            Integer.signum(slot.compareTo(new SpotSlot(b, HOME, SpotSlot.Marker.FREE))),
            a + " vs " + b);
      }
    }
  }
}

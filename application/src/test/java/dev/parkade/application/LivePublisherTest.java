package dev.parkade.application;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The live publisher driven tick by tick, over the reference storage and a fake clock. */
class LivePublisherTest {
  private static final FacilityId CENTRUM = new FacilityId("centrum");
  private static final Duration TICK = Duration.ofMillis(250);

  /** Records what the publisher sends, in order. */
  static final class RecordingSink implements LiveSink {
    final List<OccupancyUpdate> occupancy = new ArrayList<>();
    final List<ParkingSession> sessions = new ArrayList<>();
    final List<FacilityId> removed = new ArrayList<>();
    int keepAlives;
    int sessionsLost;

    @Override
    public void removed(FacilityId facility) {
      removed.add(facility);
    }

    @Override
    public void sessionsLost() {
      sessionsLost++;
    }

    @Override
    public void occupancy(OccupancyUpdate update) {
      occupancy.add(update);
    }

    @Override
    public void session(ParkingSession session) {
      sessions.add(session);
    }

    @Override
    public void keepAlive() {
      keepAlives++;
    }

    List<OccupancyUpdate> takeOccupancy() {
      List<OccupancyUpdate> taken = List.copyOf(occupancy);
      occupancy.clear();
      return taken;
    }
  }

  /** Two processes' relays joined in memory, as PostgreSQL's notifications join real ones. */
  static final class LinkedRelay implements ChangeRelay {
    LinkedRelay peer = this;
    Consumer<Changes> listener = c -> {};
    final List<Changes> sent = new ArrayList<>();
    boolean failing;

    @Override
    public boolean isShared() {
      return true;
    }

    @Override
    public void send(Changes changes) {
      if (failing) {
        throw new IllegalStateException("the database is not answering");
      }
      sent.add(changes);
      peer.listener.accept(changes);
    }

    @Override
    public void listen(Consumer<Changes> others) {
      listener = others;
    }

    @Override
    public void close() {}
  }

  private final ReferenceParkingLot lot = new ReferenceParkingLot();
  private final MutableClock clock = new MutableClock(T0);
  private final ChangeSignals signals = new ChangeSignals();
  private final ParkingService service =
      new ParkingService(lot, lot, clock, new CountingSessionIds(), signals);
  private final OccupancyHistory history = new OccupancyHistory();
  private final RecordingSink sink = new RecordingSink();
  private final LivePublisher publisher =
      new LivePublisher(
          service,
          lot,
          signals,
          ChangeRelay.NONE,
          history,
          sink,
          new LivePublisher.Timing(TICK, Duration.ofSeconds(15), Duration.ofSeconds(5)));

  LivePublisherTest() {
    service.createFacility(new Facility(CENTRUM, "Centrum P1", Optional.empty(), Optional.empty()));
    service.addSpots(CENTRUM, SpotFeatures.NONE, spotIds("C", 200));
    service.addSpots(spotIds(3));
  }

  private ParkingSession park(int driver, FacilityId facility) {
    return service.startSession(
        new StartSession(
            new UserId("u" + driver), new LicensePlate("P" + driver), facility, SpotFeatures.NONE));
  }

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  @Test
  void theFirstTick_sendsEveryFacility_andAnUnchangedOneIsNotSentAgain() {
    publisher.tick(at(0));
    List<OccupancyUpdate> first = sink.takeOccupancy();
    assertEquals(
        List.of(CENTRUM, FacilityId.DEFAULT),
        first.stream().map(u -> u.facility()).sorted().toList());

    publisher.tick(at(250));
    publisher.tick(at(6_000)); // a reconciliation reads everything, and sends only changes
    assertEquals(List.of(), sink.takeOccupancy());
  }

  @Test
  void aBurstOfStartsBetweenTwoTicks_isOneEvent_withTheFinalCounts() {
    publisher.tick(at(0));
    sink.takeOccupancy();

    for (int driver = 0; driver < 100; driver++) {
      park(driver, CENTRUM);
    }
    publisher.tick(at(250));

    List<OccupancyUpdate> sent = sink.takeOccupancy();
    assertEquals(1, sent.size(), sent::toString);
    assertEquals(CENTRUM, sent.get(0).facility());
    assertEquals(100, sent.get(0).counts().all().free());
    assertEquals(service.facility(CENTRUM).counts(), sent.get(0).counts());
  }

  @Test
  void aChangeWithinATickOfTheLastEvent_waits_andThenTheLatestCountsAreSent() {
    publisher.tick(at(0));
    sink.takeOccupancy();
    park(1, CENTRUM);
    publisher.tick(at(250));
    assertEquals(1, sink.takeOccupancy().size());

    park(2, CENTRUM);
    publisher.tick(at(400)); // 150 ms after the last event: held back
    assertEquals(List.of(), sink.takeOccupancy());

    park(3, CENTRUM);
    publisher.tick(at(500));
    List<OccupancyUpdate> sent = sink.takeOccupancy();
    assertEquals(1, sent.size());
    assertEquals(197, sent.get(0).counts().all().free());
  }

  @Test
  void aReconciliation_readsEachFacilitysCountsOnce() {
    publisher.tick(at(0));
    sink.takeOccupancy();
    park(1, CENTRUM);
    int before = lot.countsRead();
    publisher.tick(at(5_000));
    assertEquals(2, lot.countsRead() - before, "two facilities, each read once");
    List<OccupancyUpdate> sent = sink.takeOccupancy();
    assertEquals(1, sent.size(), "only the changed facility is sent");
    assertEquals(CENTRUM, sent.get(0).counts().facility());
  }

  @Test
  void eventsAreNumberedInOrder() {
    publisher.tick(at(0));
    park(1, CENTRUM);
    publisher.tick(at(250));
    park(2, FacilityId.DEFAULT);
    publisher.tick(at(500));
    List<Long> sequence = sink.occupancy.stream().map(OccupancyUpdate::sequence).toList();
    for (int i = 1; i < sequence.size(); i++) {
      assertTrue(sequence.get(i) > sequence.get(i - 1), sequence::toString);
    }
  }

  @Test
  void aWatchedDriversStartAndEnd_areSent_andNobodyElses() {
    UserId watched = new UserId("u1");
    signals.watch(watched);
    publisher.tick(at(0));

    ParkingSession mine = park(1, CENTRUM);
    park(2, CENTRUM);
    publisher.tick(at(250));
    service.endCurrentSession(watched);
    publisher.tick(at(500));

    assertEquals(2, sink.sessions.size(), sink.sessions::toString);
    assertEquals(mine.id(), sink.sessions.get(0).id());
    assertEquals(SessionStatus.ACTIVE, sink.sessions.get(0).status());
    assertEquals(SessionStatus.ENDED, sink.sessions.get(1).status());

    signals.unwatch(watched);
    park(1, CENTRUM);
    publisher.tick(at(750));
    assertEquals(2, sink.sessions.size(), "no stream, no session event");
  }

  @Test
  void aSessionStartedAndEndedWithinOneTick_isSentOnce_asItIsNow() {
    UserId watched = new UserId("u1");
    signals.watch(watched);
    publisher.tick(at(0));
    park(1, CENTRUM);
    service.endCurrentSession(watched);
    publisher.tick(at(250));
    assertEquals(1, sink.sessions.size());
    assertEquals(SessionStatus.ENDED, sink.sessions.get(0).status());
  }

  @Test
  void aNewFacility_andARemovedSpot_areSentAtTheNextTick() {
    publisher.tick(at(0));
    sink.takeOccupancy();
    FacilityId harbour = new FacilityId("harbour");
    service.createFacility(new Facility(harbour, "Harbour", Optional.empty(), Optional.empty()));
    service.removeSpot(spotIds(1).get(0));
    publisher.tick(at(250));
    assertEquals(
        List.of(FacilityId.DEFAULT, harbour),
        sink.takeOccupancy().stream().map(OccupancyUpdate::facility).sorted().toList());
  }

  @Test
  void aDeletedFacility_isRemovedFromTheStreamsSnapshots() {
    FacilityId harbour = new FacilityId("harbour");
    service.createFacility(new Facility(harbour, "Harbour", Optional.empty(), Optional.empty()));
    publisher.tick(at(0));
    service.deleteFacility(harbour);
    publisher.tick(at(250));
    assertEquals(List.of(harbour), sink.removed);
  }

  @Test
  void aFailedTick_bringsTheDriversStreamsUpToDate() {
    publisher.tick(at(0));
    publisher.failed();
    publisher.tick(at(250));
    assertEquals(1, sink.sessionsLost);
    publisher.tick(at(500));
    assertEquals(1, sink.sessionsLost, "once");
  }

  @Test
  void changesThatCouldNotBeRelayed_areOwed_andTheOthersAreToldTheyLostSome() {
    LinkedRelay relay = new LinkedRelay();
    ChangeSignals shared = new ChangeSignals(true);
    ParkingService sharedService =
        new ParkingService(lot, lot, clock, new CountingSessionIds(), shared);
    LivePublisher node =
        new LivePublisher(
            sharedService,
            lot,
            shared,
            relay,
            new OccupancyHistory(),
            sink,
            LivePublisher.Timing.DEFAULT);
    node.tick(at(0));
    sharedService.startSession(
        new StartSession(new UserId("u9"), new LicensePlate("P9"), CENTRUM, SpotFeatures.NONE));
    relay.failing = true;
    sink.takeOccupancy();
    try {
      node.tick(at(250));
    } catch (IllegalStateException expected) {
      // the thread that runs the ticks logs it
    }
    assertEquals(1, sink.takeOccupancy().size(), "this process's own streams got the change");
    relay.failing = false;
    node.tick(at(500));
    assertEquals(1, relay.sent.size());
    assertTrue(relay.sent.get(0).sessionsLost(), "the others are told they missed changes");
  }

  @Test
  void keepAlives_followTheirInterval() {
    publisher.tick(at(0));
    publisher.tick(at(14_000));
    publisher.tick(at(15_000));
    assertEquals(2, sink.keepAlives);
  }

  @Test
  void history_samplesEveryFacilityEveryInterval_andKeepsTheLastHour() {
    for (int second = 0; second <= 4_000; second += 10) {
      if (second == 20) {
        park(1, CENTRUM);
      }
      publisher.tick(T0.plusSeconds(second));
    }
    List<OccupancyHistory.Sample> samples = history.of(CENTRUM);
    assertEquals(OccupancyHistory.SAMPLES, samples.size());
    assertEquals(T0.plusSeconds(4_000 - 3_590), samples.get(0).at(), "oldest dropped first");
    assertEquals(T0.plusSeconds(4_000), samples.get(samples.size() - 1).at());
    assertEquals(1, samples.get(samples.size() - 1).occupied());
    assertEquals(200, samples.get(0).total());
  }

  @Test
  void anotherProcessesChanges_reachThisProcessesStreams_throughTheRelay() {
    // Two server processes on one storage: each has its own signals, publisher and relay.
    LinkedRelay relayA = new LinkedRelay();
    LinkedRelay relayB = new LinkedRelay();
    relayA.peer = relayB;
    relayB.peer = relayA;
    ChangeSignals signalsA = new ChangeSignals(true);
    ParkingService serviceA =
        new ParkingService(lot, lot, clock, new CountingSessionIds(), signalsA);
    LivePublisher a =
        new LivePublisher(
            serviceA,
            lot,
            signalsA,
            relayA,
            new OccupancyHistory(),
            new RecordingSink(),
            LivePublisher.Timing.DEFAULT);
    ChangeSignals signalsB = new ChangeSignals(true);
    RecordingSink sinkB = new RecordingSink();
    LivePublisher b =
        new LivePublisher(
            new ParkingService(lot, lot, clock, new CountingSessionIds(), signalsB),
            lot,
            signalsB,
            relayB,
            new OccupancyHistory(),
            sinkB,
            LivePublisher.Timing.DEFAULT);
    a.listen();
    b.listen();
    a.tick(at(0));
    b.tick(at(0));
    sinkB.takeOccupancy();
    UserId driver = new UserId("u7");
    signalsB.watch(driver);

    serviceA.startSession(
        new StartSession(driver, new LicensePlate("P7"), CENTRUM, SpotFeatures.NONE));
    a.tick(at(250));
    b.tick(at(250));

    assertEquals(1, relayA.sent.size());
    List<OccupancyUpdate> seenOnB = sinkB.takeOccupancy();
    assertEquals(List.of(CENTRUM), seenOnB.stream().map(OccupancyUpdate::facility).toList());
    assertEquals(199, seenOnB.get(0).counts().all().free());
    assertEquals(1, sinkB.sessions.size());
    assertEquals(driver, sinkB.sessions.get(0).userId());
  }
}

using Outreach.Domain;
using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

/// <summary>
/// A family's offer list from the live plan (<see cref="LiveBooking.Probe"/>): one model asks every slot of the day, and
/// each answer is what the booking's own insertion into the same live plan says.
/// </summary>
public sealed class LiveProbeTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 8)]
    public void Probe_ASlotOfferedIsTakenByTheBooking_ASlotNotOfferedIsRefusedByItsInsertion(int seed, int vans)
    {
        // Fewer and smaller vans than the busy day's, so that some slots are full by the evening.
        var day = new PickupScenario(desks: 3, filesPerDeskPerHour: 12) { Settings = PickupSettings.Default with { MaxTripsPerVan = 4 } };
        for (int k = 0; k < 12; k++)
        {
            day.Site(200 + k, $"Trường {k + 1}", 3 + (2 * k));
        }

        for (int v = 1; v <= vans; v++)
        {
            day.Van(v, 8);
        }

        var families = new Asking(day, seed, (id, random) => 1 + random.Next(2));
        var live = families.OneByOne(70);
        Assert.NotNull(live);
        var random = new Random(seed);
        int fits = 0, asked = 0;
        for (int family = 0; family < 12; family++)
        {
            // One family (a gate or a home, 1-3 children) asking for every slot of the day.
            int children = 1 + random.Next(3), minutes = 2 + random.Next(25);
            long gate = 200 + random.Next(12);
            bool home = random.Next(3) == 0;
            var variants = new List<Booking>();
            foreach (int hour in Asking.Hours)
            {
                long id = 10_000 + (family * 10) + variants.Count;
                variants.Add(home ? day.BookHome(id, minutes, children, 1, hour) : day.Book(id, gate, children, 1, hour));
            }

            var ids = variants.Select(v => v.Id).ToHashSet();
            var request = day.Request(iterations: 0) with { Start = live };
            var answers = LiveBooking.Probe(request with { Bookings = [.. request.Bookings.Where(b => !ids.Contains(b.Id))] }, variants);
            Assert.NotNull(answers);
            Assert.Equal(variants.Count, answers.Count);
            for (int k = 0; k < variants.Count; k++)
            {
                // The booking of this slot alone: its insertion into the live plan, and (when that finds no room) its search.
                var others = ids.Where(id => id != variants[k].Id).ToHashSet();
                var alone = request with { Bookings = [.. request.Bookings.Where(b => !others.Contains(b.Id))] };
                var inserted = LiveBooking.TryAccept(alone, variants[k].Id);
                asked++;
                if (answers[k] is null)
                {
                    fits++;
                    // Offered: the insertion takes the family, or (its legs taken in the order that fails) the search does.
                    Assert.True(inserted.Accepted || LiveBooking.TryAccept(alone with { Search = alone.Search with { MaxIterations = 300 } }, variants[k].Id, insertFirst: false).Accepted,
                        $"family {family}, {variants[k].SlotStart}: offered, but neither the insertion nor the search takes it ({inserted.Reason?.Code})");
                }
                else
                {
                    // Not offered: the insertion into the same live plan finds no room either.
                    Assert.False(inserted.Accepted, $"family {family}, {variants[k].SlotStart}: refused by the probe ({answers[k]!.Code}), taken by the insertion");
                }

                if (answers[k] is { } no)
                {
                    Assert.Equal(variants[k].Id, no.BookingId);
                    Assert.False(string.IsNullOrWhiteSpace(no.ReasonVi));
                }
            }

            foreach (long id in ids)
            {
                day.Cancel(id);
            }
        }

        Assert.True(fits > 0, $"seed {seed}: no slot of {asked} offered");
        // Three vans of 8 seats are full in most slots by then: the refusals were asked too.
        Assert.True(vans > 3 || fits < asked, $"seed {seed}: every slot of {asked} offered on a full day");
    }
}

using Outreach.Data.Stores;

namespace Outreach.Data;

/// <summary>
/// Every store over one database and clock, for hosts that want a single object to register (the stores
/// are stateless and thread-safe, so one instance per application is enough).
/// </summary>
public sealed class DataStores(Database database, TimeProvider clock)
{
    public Database Database { get; } = database;

    public MigrationRunner Migrations { get; } = new(database, clock);

    public StaffUserStore StaffUsers { get; } = new(database);

    public StationStore Stations { get; } = new(database);

    public SiteStore Sites { get; } = new(database);

    public FleetStore Fleet { get; } = new(database);

    public OfficerStore Officers { get; } = new(database);

    public BookingStore Bookings { get; } = new(database, clock);

    public VisitRequestStore VisitRequests { get; } = new(database);

    public CalendarStore Calendar { get; } = new(database);

    public WeatherStore Weather { get; } = new(database);

    public PlanStore Plans { get; } = new(database, clock);

    public NotificationOutboxStore Outbox { get; } = new(database, clock);

    public AuditLogStore AuditLog { get; } = new(database, clock);

    public RosterStore Rosters { get; } = new(database, clock);

    public RefusalStore Refusals { get; } = new(database, clock);

    public ReplanRequestStore ReplanRequests { get; } = new(database, clock);

    public StopCheckOffStore StopCheckOffs { get; } = new(database, clock);

    public DriverDayLinkStore DriverDayLinks { get; } = new(database);
}

using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Outreach.Data;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// The job storage of the app's database mode. PostgreSQL: Hangfire's tables in the schema <c>hangfire</c> of the
/// app's own database, shared by every app instance (each runs a server; a job runs on one of them, and a job whose
/// server died is taken up again by another). SQLite, the embedded single-instance default: in memory; what must survive
/// a restart lives in the app's own tables (re-plan requests, the outbox) and is queued again at start-up.
/// </summary>
public static class JobStorageFactory
{
    /// <summary>Hangfire's schema in the app's PostgreSQL database.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>Arbitrary constant naming the advisory lock instances take while one creates Hangfire's schema ("HANGFIRE").</summary>
    private const long SchemaLockKey = 0x48414E4746495245;

    public static JobStorage Create(Database database, JobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        if (database.Dialect == SqlDialect.Sqlite)
        {
            return new InMemoryStorage(new InMemoryStorageOptions
            {
                // Succeeded and deleted jobs stay visible on the dashboard for a day (Hangfire's own default).
                MaxExpirationTime = TimeSpan.FromDays(1),
            });
        }

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.Poll,
            // A job fetched by a server that died is visible to the others again after this, however long it ran.
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            UseSlidingInvisibilityTimeout = true,
        };

        // Instances starting together would each create the schema: one at a time, the later ones find it made.
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", SchemaLockKey);
            command.ExecuteNonQuery();
        }

        try
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", SchemaLockKey);
            unlock.ExecuteNonQuery();
        }
    }
}

using DihNode.Node.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DihNode.Node.Federation;

/// <summary>
/// The registry check behind the standard gRPC health service (grpc.health.v1) and <c>/healthz</c>: a node
/// whose database cannot be opened, or cannot take a write because another process holds its lock, must
/// report <c>NOT_SERVING</c>, so a load balancer or peer stops sending it work. It opens a fresh, unpooled
/// connection to the existing file (never creating one: a moved or lost file is unavailable, not empty),
/// reads the schema (a read of one page), then asks the registry whether a write could start now
/// (<see cref="HubRegistry.ProbeWritableAsync"/>: the node's own write turn first, then
/// <c>BEGIN IMMEDIATE</c> with a 1 s busy wait, rolled back at once).
/// </summary>
internal sealed class RegistryHealthCheck(NodeStore store) : IHealthCheck
{
    /// <summary>How long the probe waits for the node's own writer before it judges by the writer's state.</summary>
    private static readonly TimeSpan s_writerWait = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await ProbeAsync(store, cancellationToken);
        return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(problem.Message);
    }

    /// <summary>Null when the registry reads and could take a write now; else what is wrong.</summary>
    public static async Task<RegistryWriteProblem?> ProbeAsync(NodeStore store, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = store.RegistryPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 2,
        }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            long tables = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
            if (tables == 0) return new RegistryWriteProblem(RegistryWriteState.Unavailable, $"the registry {store.RegistryPath} holds no tables");
        }
        catch (SqliteException e)
        {
            return new RegistryWriteProblem(RegistryWriteState.Unavailable, $"the registry {store.RegistryPath} cannot be read: {e.Message}");
        }
        return await store.Registry.ProbeWritableAsync(s_writerWait, cancellationToken);
    }
}

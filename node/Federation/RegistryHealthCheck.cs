using DihNode.Node.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DihNode.Node.Federation;

/// <summary>
/// The registry check behind the standard gRPC health service (grpc.health.v1): a node whose database
/// cannot be opened must report <c>NOT_SERVING</c>, so a load balancer or peer stops sending it work. It
/// opens a fresh, unpooled connection to the existing file (never creating one: a moved or lost file is
/// unavailable, not empty) and reads the schema, a read of one page.
/// </summary>
internal sealed class RegistryHealthCheck(NodeStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
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
            return tables > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the registry {store.RegistryPath} holds no tables");
        }
        catch (SqliteException e)
        {
            return HealthCheckResult.Unhealthy($"the registry {store.RegistryPath} cannot be read: {e.Message}");
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DihNode.Node.Registry;

/// <summary>
/// Sets <c>PRAGMA synchronous = FULL</c> on every registry connection as it opens: the setting belongs to
/// the connection, not the file, and in WAL mode FULL is what makes a commit survive a power cut
/// (https://www.sqlite.org/pragma.html#pragma_synchronous); NORMAL only survives a process crash.
/// </summary>
internal sealed class DurableConnections : DbConnectionInterceptor
{
    public const string Pragma = "PRAGMA synchronous = FULL";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}

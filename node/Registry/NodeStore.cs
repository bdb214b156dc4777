using System.Globalization;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;
using DihNode.Vocab.Profile;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// A node's data: the registry (SQLite file <c>FILE</c>, EF Core, the source of truth for hubs) and the
/// RDF store (<c>FILE.rdf</c>, a <see cref="SqliteRdfStore"/>: the managed graphs projected from the
/// registry plus the graphs SPARQL Update and the Graph Store Protocol write). Opening takes the RDF
/// store's exclusive lock first, so one process owns the pair; applies pending migrations; and, when
/// the projection is behind the registry (a crash between the two commits, or a new RDF file), rebuilds
/// the hubs graph from the registry.
/// </summary>
public sealed class NodeStore : IDisposable
{
    private const string BaseIriSetting = "base-iri";
    private const string ProjectedSetting = "rdf-projected-sequence";

    private readonly DbContextOptions<RegistryDbContext> _options;

    private NodeStore(string path, SqliteRdfStore rdf, DbContextOptions<RegistryDbContext> options, ProfileIris iris)
    {
        RegistryPath = path;
        Rdf = rdf;
        _options = options;
        Iris = iris;
        Registry = new HubRegistry(this);
    }

    public string RegistryPath { get; }

    /// <summary>The RDF store: what SPARQL reads and SPARQL Update / the Graph Store Protocol write.</summary>
    public SqliteRdfStore Rdf { get; }

    public ProfileIris Iris { get; }

    public HubRegistry Registry { get; }

    /// <summary>The RDF store's file beside the registry file.</summary>
    public static string RdfPath(string registryPath) => registryPath + ".rdf";

    /// <summary>
    /// Opens (creating when missing) the node data at <paramref name="path"/>. <paramref name="baseIri"/>:
    /// null keeps the base IRI the data was created with (default <see cref="ProfileIris.DefaultBase"/>);
    /// another base than the stored one is refused, since every hub IRI was minted under it.
    /// Opening writes to the registry (EF Core's migration lock, settings), so when another process holds the
    /// registry's write lock it waits for it at most <paramref name="lockWait"/> (default
    /// <see cref="HubRegistry.DefaultLockWait"/>, which is also the opened registry's <see cref="HubRegistry.LockWait"/>),
    /// then throws <see cref="DatabaseLockedException"/> with nothing written.
    /// </summary>
    public static NodeStore Open(string path, string? baseIri = null, TimeSpan? lockWait = null)
    {
        TimeSpan wait = lockWait ?? HubRegistry.DefaultLockWait;
        string full = Path.GetFullPath(path);
        var rdf = SqliteRdfStore.Open(RdfPath(full));
        try
        {
            var options = new DbContextOptionsBuilder<RegistryDbContext>()
                .UseSqlite(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 5 }.ToString())
                .AddInterceptors(new DurableConnections())
                .Options;
            ProfileIris iris;
            long opened = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                using var context = new RegistryDbContext(options);
                HubRegistry.WaitForWriteLock(context, wait);
                context.Database.Migrate();
                CheckDurability(context, full);
                var stored = context.Settings.Find(BaseIriSetting);
                iris = new ProfileIris(baseIri ?? stored?.Value ?? ProfileIris.DefaultBase);
                if (stored is null) context.Settings.Add(new RegistrySetting { Key = BaseIriSetting, Value = iris.Base });
                else if (stored.Value != iris.Base)
                    throw new InvalidOperationException($"{path} was created with base IRI {stored.Value}, not {iris.Base}: its hub IRIs are minted under it");
                context.SaveChanges();
            }
            catch (Exception e) when (e is not DatabaseLockedException && DatabaseBusy.Is(e)) // taken again between the wait and the write
            {
                throw new DatabaseLockedException(System.Diagnostics.Stopwatch.GetElapsedTime(opened), e);
            }
            var store = new NodeStore(full, rdf, options, iris);
            store.Registry.LockWait = wait;
            store.CatchUpProjection();
            return store;
        }
        catch
        {
            rdf.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts the registry in WAL mode and checks that it is, and that commits are synchronous (FULL or
    /// EXTRA): a file system that refuses WAL, or a connection that would acknowledge commits before they
    /// are on disk, stops the node at startup instead of losing writes later.
    /// </summary>
    private static void CheckDurability(RegistryDbContext context, string path)
    {
        context.Database.OpenConnection();
        try
        {
            var connection = context.Database.GetDbConnection();
            string mode = Pragma(connection, "PRAGMA journal_mode = WAL");
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"{path}: the registry cannot use write-ahead logging (journal_mode is {mode}); the node needs WAL for crash safety");
            string synchronous = Pragma(connection, "PRAGMA synchronous");
            if (!long.TryParse(synchronous, CultureInfo.InvariantCulture, out long level) || level < 2)
                throw new InvalidOperationException($"{path}: registry commits are not synchronous (synchronous = {synchronous}, FULL = 2 needed)");
        }
        finally
        {
            context.Database.CloseConnection();
        }
    }

    private static string Pragma(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>A new registry context (dispose it); for reads, and for writes only through <see cref="Registry"/>.</summary>
    public RegistryDbContext NewContext() => new(_options);

    internal DbContextOptions<RegistryDbContext> ContextOptions => _options;

    /// <summary>
    /// Notes that the RDF projection has caught up with <paramref name="sequence"/>. The note only saves
    /// work at the next start: when another process holds the lock (briefly: 1 s) it is left behind, and
    /// <see cref="CatchUpProjection"/> rebuilds the hubs graph at the next open, or the next write moves it on.
    /// </summary>
    internal void MarkProjected(long sequence)
    {
        using var context = NewContext();
        context.Database.OpenConnection();
        ((SqliteConnection)context.Database.GetDbConnection()).DefaultTimeout = 1;
        var row = context.Settings.Find(ProjectedSetting);
        string value = sequence.ToString(CultureInfo.InvariantCulture);
        if (row is null) context.Settings.Add(new RegistrySetting { Key = ProjectedSetting, Value = value });
        else row.Value = value;
        try
        {
            context.SaveChanges();
        }
        catch (Exception e) when (DatabaseBusy.Is(e))
        {
        }
    }

    private void CatchUpProjection()
    {
        long last, projected;
        using (var context = NewContext())
        {
            last = context.Changes.Max(c => (long?)c.Sequence) ?? 0;
            projected = long.TryParse(context.Settings.Find(ProjectedSetting)?.Value, CultureInfo.InvariantCulture, out long p) ? p : 0;
        }
        var snapshot = Rdf.Snapshot();
        bool rdfHasHubs = snapshot.TryGetId(Iris.HubsGraph, out int g) && snapshot.Count(QuadPattern.InGraph(g)) > 0;
        if (projected == last && (rdfHasHubs || last == 0)) return;
        using (var context = NewContext())
        {
            var all = HubRegistry.LoadHubs(context).AsNoTracking().AsEnumerable().Select(h => (HubMapping.ToRecord(h), h.Origin)).ToList();
            RdfProjection.Rebuild(Rdf, Iris, all, HubRegistry.ReadMarks(context));
        }
        MarkProjected(last);
    }

    public void Dispose() => Rdf.Dispose();
}

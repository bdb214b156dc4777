using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// The one write path for hubs (imports, OData writes, the admin API, replication). Each write is one
/// registry transaction that also appends its numbered <see cref="HubChange"/>s; once it commits, the
/// RDF projection is brought up to date before the call returns, so a change is visible in OData,
/// SPARQL, DCAT and HTML as soon as the write returns. Writes run one at a time; while another process
/// holds the database's write lock a write waits for it, at most <see cref="LockWait"/>
/// (<c>HubRegistry.Locking.cs</c>).
/// </summary>
public sealed partial class HubRegistry
{
    private readonly NodeStore _store;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    internal HubRegistry(NodeStore store) => _store = store;

    /// <summary>Raised after a write committed and was projected, with the last sequence number it used.</summary>
    public event Action<long>? Committed;

    /// <summary>The sequence number of the last change (0 for an empty registry).</summary>
    public long LastSequence
    {
        get
        {
            using var context = _store.NewContext();
            return context.Changes.Max(c => (long?)c.Sequence) ?? 0;
        }
    }

    /// <summary>
    /// Imports a batch the importers read: reference vocabularies (when given) into the registry and the
    /// RDF store, then each hub new, updated or unchanged. With <paramref name="syncSource"/>, hubs of
    /// that source the batch no longer lists are deleted (the input is the whole source). With
    /// <paramref name="strict"/>, one rejected row means nothing is written.
    /// </summary>
    public async Task<ImportReport> ImportAsync(HubBatch batch, ReferenceData? reference, bool strict, string? syncSource = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport { Accepted = batch.Hubs.Count, NutsLinked = batch.NutsLinked, NutsCountryHubs = batch.NutsCountryHubs };
        report.RejectedRows.AddRange(batch.Rejected);
        report.Warnings.AddRange(batch.Warnings);
        if (strict && batch.Rejected.Count > 0)
        {
            report.RolledBack = true;
            return report;
        }
        var records = batch.Hubs.Select(h => h.Record ?? throw new ArgumentException("a hub description without its record", nameof(batch))).ToList();
        await WriteAsync((context, lookup, log) =>
        {
            var existing = LoadHubs(context).ToDictionary(h => h.Iri, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                string iri = (record.Iri ?? lookup.Iris.Hub(record.Source, record.Key)).Value;
                seen.Add(iri);
                switch (Upsert(context, lookup, log, existing.GetValueOrDefault(iri), record, ""))
                {
                    case HubWriteOutcome.Imported: report.Imported++; break;
                    case HubWriteOutcome.Updated: report.Updated++; break;
                    default: report.Unchanged++; break;
                }
            }
            if (syncSource is not null)
                foreach (var gone in existing.Values.Where(h => h.Source == syncSource && h.Origin.Length == 0 && !seen.Contains(h.Iri)).ToList())
                {
                    Delete(context, log, gone, "");
                    report.Deleted++;
                }
        }, reference, cancellationToken);
        report.CrossSourceLinks = CountLinks(); // the links graph spans every hub: count its pairs in the projection
        return report;
    }

    /// <summary>
    /// Creates or replaces one hub (found by its IRI). With <paramref name="ifVersion"/>, the write happens
    /// only when the hub is at that version, or with 0 only when it does not exist yet (else
    /// <see cref="HubVersionConflictException"/>). Returns the
    /// outcome and the hub's version after the write.
    /// </summary>
    public async Task<(HubWriteOutcome Outcome, long Version, int Id)> UpsertAsync(HubRecord record, long? ifVersion = null, string origin = "", CancellationToken cancellationToken = default)
    {
        HubWriteOutcome outcome = default;
        Hub? row = null;
        await WriteAsync((context, lookup, log) =>
        {
            string iri = (record.Iri ?? lookup.Iris.Hub(record.Source, record.Key)).Value;
            var current = LoadHubs(context).FirstOrDefault(h => h.Iri == iri);
            // ifVersion 0: create only (the hub must not exist yet); checked inside the write, so two racing creates cannot both pass.
            if (ifVersion is long expected && (expected == 0 ? current is not null : current is null || current.Version != expected))
                throw new HubVersionConflictException(iri, expected, current?.Version ?? 0);
            outcome = Upsert(context, lookup, log, current, record, origin);
            row = current ?? context.Hubs.Local.First(h => h.Iri == iri);
        }, null, cancellationToken);
        return (outcome, row!.Version, row.Id);
    }

    /// <summary>Deletes the hub with IRI <paramref name="hubIri"/>; false when there is none. <paramref name="ifVersion"/> as for <see cref="UpsertAsync"/>.</summary>
    public async Task<bool> DeleteAsync(string hubIri, long? ifVersion = null, string origin = "", CancellationToken cancellationToken = default)
    {
        bool found = false;
        await WriteAsync((context, _, log) =>
        {
            var current = context.Hubs.FirstOrDefault(h => h.Iri == hubIri);
            if (ifVersion is long expected && (current is null || current.Version != expected))
                throw new HubVersionConflictException(hubIri, expected, current?.Version ?? 0);
            if (current is null) return;
            CheckOwner(current, origin);
            found = true;
            Delete(context, log, current, origin);
        }, null, cancellationToken);
        return found;
    }

    private HubWriteOutcome Upsert(RegistryDbContext context, ReferenceLookup lookup, ChangeLog log, Hub? current, HubRecord record, string origin)
    {
        if (current is not null)
        {
            CheckOwner(current, origin);
            var before = HubDescriptionBuilder.Build(HubMapping.ToRecord(current), lookup.Iris, 0, 0).Triples;
            var after = HubDescriptionBuilder.Build(record, lookup.Iris, 0, 0).Triples;
            if (before.Count == after.Count && new HashSet<Rdf.Model.Triple>(before).SetEquals(after)) return HubWriteOutcome.Unchanged;
        }
        var hub = current ?? new Hub();
        HubMapping.CopyTo(record, hub, lookup);
        hub.Origin = origin;
        hub.Modified = DateTime.UtcNow;
        hub.Version = log.Append(hub.Iri, hub.Identifier, HubChangeKind.Upsert, origin);
        if (current is null) context.Hubs.Add(hub);
        log.Upserted.Add(hub);
        return current is null ? HubWriteOutcome.Imported : HubWriteOutcome.Updated;
    }

    private static void Delete(RegistryDbContext context, ChangeLog log, Hub hub, string origin)
    {
        log.Append(hub.Iri, hub.Identifier, HubChangeKind.Delete, origin, hub.Id);
        log.Deleted.Add((hub.Iri, hub.Origin));
        context.Hubs.Remove(hub);
    }

    /// <summary>A hub belongs to whoever published it: this node ("") or one peer; nobody else may change it.</summary>
    private static void CheckOwner(Hub current, string origin)
    {
        if (current.Origin == origin) return;
        throw new RegistryRuleException("origin", current.Origin.Length == 0
            ? $"<{current.Iri}> is this node's own hub; {(origin.Length == 0 ? "" : $"peer '{origin}' ")}may not change it"
            : $"<{current.Iri}> belongs to peer '{current.Origin}' and changes only through its feed, not {(origin.Length == 0 ? "here" : $"from peer '{origin}'")}");
    }

    internal static IQueryable<Hub> LoadHubs(RegistryDbContext context) =>
        context.Hubs.Include(h => h.Type).Include(h => h.Country).Include(h => h.Involvements).ThenInclude(i => i.Concept).AsSplitQuery();

    /// <summary>Runs <paramref name="body"/> in one registry transaction with its change log, then projects the changes to RDF.</summary>
    private async Task WriteAsync(Action<RegistryDbContext, ReferenceLookup, ChangeLog> body, ReferenceData? reference, CancellationToken cancellationToken)
    {
        long called = System.Diagnostics.Stopwatch.GetTimestamp();
        await _writeLock.WaitAsync(cancellationToken);
        long last;
        try
        {
            ChangeLog log;
            using (var context = _store.NewContext())
            {
                using var transaction = await BeginLockedAsync(context, called, cancellationToken);
                try
                {
                    if (reference is not null) ReferenceTables.Sync(context, reference);
                    var lookup = new ReferenceLookup(context, _store.Iris);
                    log = new ChangeLog(context, context.Changes.Max(c => (long?)c.Sequence) ?? 0);
                    body(context, lookup, log);
                    context.SaveChanges();
                    transaction.Commit();
                }
                catch (Exception e) when (e is not DatabaseLockedException && DatabaseBusy.Is(e))
                {
                    // The lock was taken, so no other writer can refuse this transaction in WAL mode; a file
                    // locked in another process's exclusive mode still can: the transaction rolls back whole.
                    throw new DatabaseLockedException(TimeSpan.Zero, e);
                }
                last = log.Sequence;
            }
            if (log.Count == 0 && reference is null && log.Marks.Count == 0) return;
            RdfProjection.Apply(_store.Rdf, _store.Iris, log.Upserted.Select(h => (HubMapping.ToRecord(h), h.Origin)), log.Deleted, reference, log.Marks);
            _store.MarkProjected(last);
        }
        finally
        {
            _writeLock.Release();
        }
        Committed?.Invoke(last);
    }

    private int CountLinks()
    {
        var snapshot = _store.Rdf.Snapshot();
        if (!snapshot.TryGetId(_store.Iris.LinksGraph, out int links)) return 0;
        return (int)(snapshot.Count(Rdf.Store.QuadPattern.InGraph(links)) / 2);
    }

    /// <summary>The changes of one write, numbered from the registry's last sequence.</summary>
    private sealed class ChangeLog(RegistryDbContext context, long last)
    {
        public long Sequence { get; private set; } = last;

        public int Count { get; private set; }

        public List<Hub> Upserted { get; } = [];

        public List<(string Iri, string Origin)> Deleted { get; } = [];

        /// <summary>Set by a replication write: each peer's feed position to record in its graph's provenance.</summary>
        public List<PeerMark> Marks { get; } = [];

        public long Append(string iri, string identifier, HubChangeKind kind, string origin, int? hubId = null)
        {
            Sequence++;
            Count++;
            context.Changes.Add(new HubChange { Sequence = Sequence, HubIri = iri, Identifier = identifier, Kind = kind, At = DateTime.UtcNow, Origin = origin, HubId = hubId });
            return Sequence;
        }
    }
}

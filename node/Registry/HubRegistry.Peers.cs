using System.Globalization;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// Replication writes (a peer's snapshot and feed batches) and the feed's compaction. A peer's position
/// in its feed is the setting <c>peer/{name}/applied</c>, written in the same transaction as the changes
/// it covers: after a crash or restart the subscriber resumes right after the last change that took
/// effect, and a batch delivered twice changes nothing the second time.
/// </summary>
public sealed partial class HubRegistry
{
    private const string CompactedSetting = "changes-compacted-through";

    public static string AppliedKey(string peer) => $"peer/{peer}/applied";

    public static string ReceivedKey(string peer) => $"peer/{peer}/received";

    /// <summary>The last sequence of <paramref name="peer"/>'s feed applied here; null before its first snapshot.</summary>
    public long? PeerApplied(string peer)
    {
        using var context = _store.NewContext();
        return ReadLong(context, AppliedKey(peer));
    }

    /// <summary>The first sequence the change feed still holds (everything before was compacted).</summary>
    public long FirstRetainedSequence
    {
        get
        {
            using var context = _store.NewContext();
            return (ReadLong(context, CompactedSetting) ?? 0) + 1;
        }
    }

    /// <summary>
    /// Replaces all of <paramref name="peer"/>'s hubs with its snapshot at <paramref name="sequence"/>. A hub
    /// another origin owns is refused (and reported), the rest applied.
    /// </summary>
    public async Task<PeerApplyReport> ApplyPeerSnapshotAsync(string peer, long sequence, IReadOnlyList<PeerHubChange> hubs, CancellationToken cancellationToken = default)
    {
        var report = new PeerApplyReport();
        await WriteAsync((context, lookup, log) =>
        {
            var iris = hubs.Select(h => h.HubIri).ToHashSet(StringComparer.Ordinal);
            var existing = LoadHubs(context).Where(h => h.Origin == peer || iris.Contains(h.Iri)).ToDictionary(h => h.Iri, StringComparer.Ordinal);
            foreach (var hub in hubs)
                ApplyOne(context, lookup, log, existing, peer, hub, report);
            foreach (var gone in existing.Values.Where(h => h.Origin == peer && !iris.Contains(h.Iri)).ToList())
            {
                Delete(context, log, gone, peer);
                report.Deleted++;
            }
            Mark(context, log, peer, sequence);
        }, null, cancellationToken);
        return report;
    }

    /// <summary>
    /// Applies one feed batch of <paramref name="peer"/>: changes at or below the applied sequence are skipped
    /// (already in effect), the rest applied in order, and <paramref name="through"/> recorded, all in one
    /// transaction. A batch going backwards (<paramref name="through"/> below the applied sequence, or
    /// sequences not increasing) is refused whole: <see cref="RegistryRuleException"/>.
    /// </summary>
    public async Task<PeerApplyReport> ApplyPeerChangesAsync(string peer, IReadOnlyList<PeerHubChange> changes, long through, CancellationToken cancellationToken = default)
    {
        var report = new PeerApplyReport();
        await WriteAsync((context, lookup, log) => ApplyBatch(context, lookup, log, new PeerBatch(peer, changes, through), report), null, cancellationToken);
        return report;
    }

    /// <summary>
    /// Applies feed batches of several peers in one registry transaction and one RDF projection (group commit:
    /// an aggregator following many peers pays the commit, the projection and the relinking once for all the
    /// batches that arrived meanwhile). Each batch is checked as <see cref="ApplyPeerChangesAsync"/> checks it;
    /// a refused batch (its <see cref="PeerBatchResult.Refused"/>) changes nothing and the others still apply.
    /// </summary>
    public async Task<IReadOnlyList<PeerBatchResult>> ApplyPeerBatchesAsync(IReadOnlyList<PeerBatch> batches, CancellationToken cancellationToken = default)
    {
        var results = batches.Select(b => new PeerBatchResult(b.Peer, new PeerApplyReport())).ToList();
        await WriteAsync((context, lookup, log) =>
        {
            for (int i = 0; i < batches.Count; i++)
            {
                try
                {
                    ApplyBatch(context, lookup, log, batches[i], results[i].Report);
                }
                catch (RegistryRuleException e)
                {
                    results[i] = results[i] with { Refused = e };
                }
            }
        }, null, cancellationToken);
        return results;
    }

    /// <summary>One peer's batch inside a write: the checks (nothing changed when they fail), then the changes and the mark.</summary>
    private void ApplyBatch(RegistryDbContext context, ReferenceLookup lookup, ChangeLog log, PeerBatch batch, PeerApplyReport report)
    {
        var (peer, changes, through) = batch;
        long applied = ReadLong(context, AppliedKey(peer))
            ?? throw new RegistryRuleException("sequence", $"peer '{peer}' has no snapshot here yet: bootstrap first");
        if (through < applied)
            throw new RegistryRuleException("sequence", $"peer '{peer}' sent a batch through {through}, behind the {applied} already applied");
        long previous = long.MinValue;
        foreach (var change in changes)
        {
            if (change.Sequence <= previous || change.Sequence > through)
                throw new RegistryRuleException("sequence", $"peer '{peer}' sent change {change.Sequence} out of order (after {previous}, batch through {through})");
            previous = change.Sequence;
        }
        var fresh = changes.Where(c => c.Sequence > applied).ToList();
        report.Skipped = changes.Count - fresh.Count;
        var iris = fresh.Select(c => c.HubIri).ToHashSet(StringComparer.Ordinal);
        var existing = LoadHubs(context).Where(h => iris.Contains(h.Iri)).ToDictionary(h => h.Iri, StringComparer.Ordinal);
        foreach (var change in fresh) ApplyOne(context, lookup, log, existing, peer, change, report);
        Mark(context, log, peer, through);
    }

    /// <summary>Drops change rows up to <paramref name="through"/> (never the last one, which numbers the next change). Returns the rows removed.</summary>
    public async Task<int> CompactChangesAsync(long through, CancellationToken cancellationToken = default)
    {
        long called = System.Diagnostics.Stopwatch.GetTimestamp();
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var context = _store.NewContext();
            using var transaction = await BeginLockedAsync(context, called, cancellationToken);
            long last = context.Changes.Max(c => (long?)c.Sequence) ?? 0;
            long upTo = Math.Min(through, last - 1);
            long already = ReadLong(context, CompactedSetting) ?? 0;
            if (upTo <= already) return 0;
            int removed = context.Changes.Where(c => c.Sequence <= upTo).ExecuteDelete();
            WriteSetting(context, CompactedSetting, upTo.ToString(CultureInfo.InvariantCulture));
            context.SaveChanges();
            transaction.Commit();
            return removed;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ApplyOne(RegistryDbContext context, ReferenceLookup lookup, ChangeLog log, Dictionary<string, Hub> existing, string peer, PeerHubChange change, PeerApplyReport report)
    {
        var current = existing.GetValueOrDefault(change.HubIri);
        if (current is not null && current.Origin != peer)
        {
            report.Refused.Add($"change {change.Sequence}: <{change.HubIri}> belongs to {(current.Origin.Length == 0 ? "this node" : $"peer '{current.Origin}'")}, not to '{peer}'");
            return;
        }
        if (change.Problem is not null)
        {
            report.Refused.Add($"change {change.Sequence}: <{change.HubIri}>: {change.Problem}");
            return;
        }
        if (change.Upsert is HubRecord record)
        {
            try
            {
                var outcome = Upsert(context, lookup, log, current, record, peer);
                // The hub just added is the last upserted (a new hub is never unchanged); DbSet.Local would run
                // DetectChanges over every tracked entity, once per hub: quadratic in a snapshot.
                if (current is null) existing[change.HubIri] = log.Upserted[^1];
                if (outcome == HubWriteOutcomeUnchanged) report.Unchanged++;
                else report.Upserted++;
            }
            catch (RegistryRuleException e)
            {
                report.Refused.Add($"change {change.Sequence}: <{change.HubIri}>: {e.Message}");
            }
        }
        else if (current is not null)
        {
            Delete(context, log, current, peer);
            existing.Remove(change.HubIri);
            report.Deleted++;
        }
    }

    private const Vocab.Import.HubWriteOutcome HubWriteOutcomeUnchanged = Vocab.Import.HubWriteOutcome.Unchanged;

    private static void Mark(RegistryDbContext context, ChangeLog log, string peer, long sequence)
    {
        var now = DateTime.UtcNow;
        WriteSetting(context, AppliedKey(peer), sequence.ToString(CultureInfo.InvariantCulture));
        WriteSetting(context, ReceivedKey(peer), now.ToString("O", CultureInfo.InvariantCulture));
        log.Marks.RemoveAll(m => m.Peer == peer);
        log.Marks.Add(new PeerMark(peer, sequence, now));
    }

    /// <summary>Every peer's feed position, for rebuilding the projection's provenance.</summary>
    internal static List<PeerMark> ReadMarks(RegistryDbContext context)
    {
        var marks = new List<PeerMark>();
        foreach (var row in context.Settings.AsNoTracking().Where(s => s.Key.StartsWith("peer/") && s.Key.EndsWith("/applied")).ToList())
        {
            string peer = row.Key["peer/".Length..^"/applied".Length];
            long sequence = long.Parse(row.Value, CultureInfo.InvariantCulture);
            var received = DateTime.TryParse(context.Settings.Find(ReceivedKey(peer))?.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var r) ? r : DateTime.UtcNow;
            marks.Add(new PeerMark(peer, sequence, received));
        }
        return marks;
    }

    private static long? ReadLong(RegistryDbContext context, string key) =>
        context.Settings.Find(key)?.Value is string v && long.TryParse(v, CultureInfo.InvariantCulture, out long n) ? n : null;

    private static void WriteSetting(RegistryDbContext context, string key, string value)
    {
        var row = context.Settings.Find(key);
        if (row is null) context.Settings.Add(new RegistrySetting { Key = key, Value = value });
        else row.Value = value;
    }
}

/// <summary>One hub of a peer's snapshot or feed, as the registry takes it: the record to upsert, or null for a delete; <see cref="Problem"/> when it could not be read.</summary>
public sealed record PeerHubChange(long Sequence, string HubIri, HubRecord? Upsert, string? Problem = null);

/// <summary>One feed batch of a peer: its changes in order and the sequence it runs through.</summary>
public sealed record PeerBatch(string Peer, IReadOnlyList<PeerHubChange> Changes, long Through);

/// <summary>What became of one batch of a group commit: its report, or the reason it was refused whole.</summary>
public sealed record PeerBatchResult(string Peer, PeerApplyReport Report, RegistryRuleException? Refused = null);

/// <summary>What a replication write did; <see cref="Refused"/> names each change left out and why.</summary>
public sealed class PeerApplyReport
{
    public int Upserted { get; set; }
    public int Unchanged { get; set; }
    public int Deleted { get; set; }
    public int Skipped { get; set; }
    public List<string> Refused { get; } = [];
}

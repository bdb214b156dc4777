using DihNode.Federation.Client;
using DihNode.Rdf.Model;
using Google.Protobuf.WellKnownTypes;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Wire;

/// <summary>
/// A peer's data messages (federation.proto <c>SnapshotBatch</c>, <c>ChangeBatch</c>, <c>RowBatch</c>, <c>Statistics</c>) decoded
/// into the model. Everything a peer sends is checked here, so a malformed message ends as a
/// <see cref="WireFormatException"/> naming the field and never as another exception further down.
/// </summary>
internal static class MessageDecoder
{
    /// <summary>One hub: its IRI (an IRI position in <paramref name="terms"/>) and its triples.</summary>
    public static ReceivedHub DecodeHub(Term[] terms, P.HubState state, string field) =>
        new(TermCodec.At(terms, state.Hub, field + ".hub") as Iri ?? throw new WireFormatException(field + ".hub", "the hub is not an IRI"),
            TermCodec.DecodeTriples(terms, state.Triples, field + ".triples"));

    /// <summary>A snapshot batch's hubs.</summary>
    public static List<ReceivedHub> DecodeSnapshot(P.SnapshotBatch batch)
    {
        if (batch.Sequence < 0) throw new WireFormatException("sequence", $"{batch.Sequence} is negative");
        if (batch.TotalHubs < 0) throw new WireFormatException("total_hubs", $"{batch.TotalHubs} is negative");
        var terms = TermCodec.Decode(batch.Terms, "terms");
        var hubs = new List<ReceivedHub>(batch.Hubs.Count);
        for (int i = 0; i < batch.Hubs.Count; i++) hubs.Add(DecodeHub(terms, batch.Hubs[i], $"hubs[{i}]"));
        return hubs;
    }

    /// <summary>A feed batch's changes, in order; their sequences rise and stay at or below through_sequence.</summary>
    public static List<ReceivedChange> DecodeChanges(P.ChangeBatch batch, string field = "changes")
    {
        var terms = TermCodec.Decode(batch.Terms, field + ".terms");
        var changes = new List<ReceivedChange>(batch.Changes.Count);
        long previous = 0;
        for (int i = 0; i < batch.Changes.Count; i++)
        {
            var c = batch.Changes[i];
            string at = $"{field}.changes[{i}]";
            if (c.Sequence <= previous) throw new WireFormatException(at + ".sequence", $"{c.Sequence} does not follow {previous}");
            if (c.Sequence > batch.ThroughSequence) throw new WireFormatException(at + ".sequence", $"{c.Sequence} is beyond through_sequence {batch.ThroughSequence}");
            previous = c.Sequence;
            var upsert = c.ChangeCase switch
            {
                P.HubChange.ChangeOneofCase.Upsert => DecodeHub(terms, c.Upsert, at + ".upsert"),
                P.HubChange.ChangeOneofCase.Delete => null,
                _ => throw new WireFormatException(at, "neither upsert nor delete"),
            };
            string iri = upsert?.Hub.Value ?? c.HubIri;
            if (Iri.Validate(iri) is string bad) throw new WireFormatException(at + ".hub_iri", $"<{iri}>: {bad}");
            changes.Add(new ReceivedChange(c.Sequence, Time(c.Committed, at + ".committed") ?? DateTime.UtcNow, iri, upsert));
        }
        if (batch.ThroughSequence < 1) throw new WireFormatException(field + ".through_sequence", $"{batch.ThroughSequence} (sequences start at 1)");
        return changes;
    }

    /// <summary>A batch of result rows of <paramref name="width"/> cells each (0: unbound, else 1 + a term position).</summary>
    public static List<Term?[]> DecodeRows(P.RowBatch batch, int width)
    {
        var terms = TermCodec.Decode(batch.Terms, "rows.terms");
        int step = Math.Max(1, width);
        if (batch.Cells.Count % step != 0) throw new WireFormatException("rows.cells", $"{batch.Cells.Count} cells is not a whole number of rows of {step}");
        var rows = new List<Term?[]>(batch.Cells.Count / step);
        for (int i = 0; i < batch.Cells.Count; i += step)
        {
            var row = new Term?[width];
            for (int j = 0; j < width; j++)
            {
                uint cell = batch.Cells[i + j];
                row[j] = cell == 0 ? null : TermCodec.At(terms, cell - 1, $"rows.cells[{i + j}]");
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// A peer's VoID figures (<c>Statistics</c>): no figure negative, and one entry per class and per predicate,
    /// each an IRI (federation.proto: "one entry per class", "one entry per predicate").
    /// </summary>
    public static (Dictionary<string, long> Classes, Dictionary<string, long> Predicates) DecodeStatistics(P.Statistics stats)
    {
        foreach (var (value, field) in new[] { (stats.Hubs, "hubs"), (stats.Triples, "triples"), (stats.DistinctSubjects, "distinct_subjects"), (stats.DistinctObjects, "distinct_objects"), (stats.Sequence, "sequence") })
            if (value < 0) throw new WireFormatException("statistics." + field, $"{value} is negative");
        return (Partitions(stats.Classes, "statistics.classes"), Partitions(stats.Predicates, "statistics.predicates"));
    }

    private static Dictionary<string, long> Partitions(IReadOnlyList<P.PartitionCount> entries, string field)
    {
        var counts = new Dictionary<string, long>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (Iri.Validate(entry.Iri) is string bad) throw new WireFormatException($"{field}[{i}].iri", $"<{entry.Iri}>: {bad}");
            if (entry.Count < 0) throw new WireFormatException($"{field}[{i}].count", $"{entry.Count} is negative");
            if (!counts.TryAdd(entry.Iri, entry.Count)) throw new WireFormatException($"{field}[{i}].iri", $"<{entry.Iri}> is listed twice");
        }
        return counts;
    }

    /// <summary>A timestamp as UTC; null when absent. Seconds and nanos outside what the type allows are refused.</summary>
    public static DateTime? Time(Timestamp? time, string field)
    {
        if (time is null) return null;
        const long MinSeconds = -62135596800L, MaxSeconds = 253402300799L;
        if (time.Seconds is < MinSeconds or > MaxSeconds || time.Nanos is < 0 or > 999_999_999)
            throw new WireFormatException(field, $"{time.Seconds} s {time.Nanos} ns is not a time between years 1 and 9999");
        return time.ToDateTime();
    }
}

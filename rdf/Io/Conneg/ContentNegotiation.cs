namespace DihNode.Rdf.Io.Conneg;

/// <summary>
/// Proactive content negotiation on the Accept header (RFC 9110 §12.5.1): one function for RDF
/// syntaxes, SPARQL result formats and HTML alike, since the offers are plain media type strings.
/// </summary>
public static class ContentNegotiation
{
    /// <summary>
    /// The offered media type the client prefers, or null when it accepts none of them (the caller
    /// answers 406 Not Acceptable). Each offer gets the weight of the most specific range that
    /// matches it: type/subtype with parameters (more parameters more specific), then type/subtype,
    /// then type/*, then */*; an offer no range matches, or whose weight is 0, is refused. Among the
    /// offers with the highest weight, the first in <paramref name="offered"/> wins, so the server's
    /// order breaks ties. No Accept header (null or blank), or one of which no element parses, accepts
    /// anything: the first offer is chosen.
    /// </summary>
    /// <exception cref="FormatException">An offered media type does not parse.</exception>
    public static string? Choose(string? accept, IReadOnlyList<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        if (offered.Count == 0) return null;
        var ranges = AcceptHeader.Parse(accept);
        if (ranges.Count == 0) return offered[0];
        string? best = null;
        double bestQ = 0;
        foreach (string offer in offered)
        {
            double q = QualityOf(ranges, MediaType.Parse(offer));
            if (q > bestQ)
            {
                best = offer;
                bestQ = q;
            }
        }
        return best;
    }

    /// <summary>The weight <paramref name="ranges"/> give <paramref name="offer"/>: that of the most specific matching range, 0 when none matches.</summary>
    public static double QualityOf(IReadOnlyList<MediaRange> ranges, MediaType offer)
    {
        int bestSpecificity = -1;
        double q = 0;
        foreach (var range in ranges)
        {
            int specificity = Specificity(range.Range, offer);
            // Equal specificity (the same range listed twice): the first one counts.
            if (specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                q = range.Quality;
            }
        }
        return q;
    }

    /// <summary>-1 when <paramref name="range"/> does not match <paramref name="offer"/>; otherwise higher for more specific ranges.</summary>
    private static int Specificity(MediaType range, MediaType offer)
    {
        if (range.Type == "*") return 0;
        if (range.Type != offer.Type) return -1;
        if (range.Subtype == "*") return 1;
        if (range.Subtype != offer.Subtype) return -1;
        foreach (var (name, value) in range.Parameters)
            if (offer.Parameter(name) is not { } offered || !string.Equals(offered, value, StringComparison.Ordinal)) return -1;
        return 2 + range.Parameters.Count;
    }
}

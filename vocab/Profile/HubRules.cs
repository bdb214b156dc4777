namespace DihNode.Vocab.Profile;

/// <summary>
/// The profile's rules for a hub's fields (PROFILE.md, "Validation"), shared by the importers and the
/// node's OData writes so that both accept and refuse the same values with the same reasons. Each
/// check returns null when the value is fine, else the reason to report with the field's name.
/// </summary>
public static class HubRules
{
    /// <summary>The lowest and highest self-declared involvement level.</summary>
    public const int MinLevel = 1, MaxLevel = 5;

    public const string MissingValue = "missing value (required)";

    /// <summary>Null when <paramref name="value"/> has a non-blank value, else <see cref="MissingValue"/>.</summary>
    public static string? Required(string? value) => string.IsNullOrWhiteSpace(value) ? MissingValue : null;

    public static bool IsLevel(int level) => level is >= MinLevel and <= MaxLevel;

    /// <summary>The reason a level given as <paramref name="text"/> for the topic <paramref name="label"/> is refused.</summary>
    public static string BadLevel(string text, string label) =>
        $"bad level '{Names.Shorten(text)}' for '{Names.Shorten(label)}' (an integer {MinLevel} to {MaxLevel})";

    /// <summary>
    /// <paramref name="value"/> normalised as a website (<see cref="Names.NormaliseWebsite"/>), or null with
    /// the reason in <paramref name="problem"/>.
    /// </summary>
    public static string? Website(string value, out string? problem)
    {
        string? url = Names.NormaliseWebsite(value, out string? reason);
        problem = url is null ? "bad URL: " + reason : null;
        return url;
    }

    /// <summary>The reason a hub type <paramref name="value"/> is refused: it is none of the profile's hub types.</summary>
    public static string UnknownHubType(string value) =>
        $"unknown hub type '{Names.Shorten(value)}' (expected {string.Join(", ", ConceptSchemes.HubTypes.Select(h => h.Label))})";

    /// <summary>The reason a country <paramref name="value"/> is refused.</summary>
    public static string UnknownCountry(string value) =>
        $"unknown country '{Names.Shorten(value)}' (not a current country of the EU authority table)";

    /// <summary>The reason a topic <paramref name="label"/> is refused: no concept of <paramref name="scheme"/> has it.</summary>
    public static string UnknownTopic(string scheme, string label) => $"unknown {scheme} '{Names.Shorten(label)}'";

    /// <summary>The schemes a hub's topics (involvements) may come from.</summary>
    public static IReadOnlyList<string> TopicSchemes { get; } =
        [ConceptSchemes.Sector, ConceptSchemes.Service, ConceptSchemes.Technology, ConceptSchemes.LegacySector];
}
